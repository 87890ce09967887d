/**
 * Password hashing: argon2id (RFC 9106) with the OWASP minimum (19 MiB, 2 passes, 1 lane).
 * An unknown login name is checked against a dummy hash so it costs the same time as a wrong password.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, not importable under isolatedModules). */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID as any, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/** Verifies against the stored hash, or against a dummy when there is no such user (always false). */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummy ??= hashPassword(crypto.randomBytes(18).toString('base64url'));
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** A random password for demo accounts (16 characters, ~96 bits). */
export const randomPassword = () => crypto.randomBytes(12).toString('base64url');
