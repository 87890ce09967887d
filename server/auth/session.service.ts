/**
 * Server-side sessions: a random 256-bit token in the `sid` cookie, only its SHA-256 in the
 * database. Idle and absolute expiry on the app clock; a new token at every log-in (no fixation).
 */
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import { grantsOf } from '../users/users.repository.ts';
import type { GrantableRole } from './permissions.ts';
import type { Origin, Principal } from './principal.ts';
import * as repo from './session.repository.ts';

export const COOKIE = 'sid';
/** Refresh `last_seen_at` at most this often (ms), not on every request. */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The `sid` cookie of the request, if it looks like one of our tokens. */
export function readToken(req: Request): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) {
      const value = v.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

export async function createSession(db: Kysely<DB>, cfg: Config, userId: number, origin: Origin, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await repo.insertSession(db, {
    id_hash: hashToken(token),
    user_id: userId,
    created_at: now,
    last_seen_at: now,
    idle_expires_at: new Date(now.getTime() + cfg.sessionIdleS * 1000),
    expires_at: new Date(now.getTime() + cfg.sessionAbsoluteS * 1000),
    ip: origin.ip,
    user_agent: origin.userAgent,
  });
  return token;
}

/** The principal behind a token, or null when the session is unknown, expired or its user disabled. */
export async function loadPrincipal(db: Kysely<DB>, cfg: Config, token: string, now: Date): Promise<Principal | null> {
  const idHash = hashToken(token);
  const s = await repo.findSession(db, idHash);
  if (!s) return null;
  const t = now.getTime();
  if (t >= new Date(s.idle_expires_at).getTime() || t >= new Date(s.expires_at).getTime()) {
    await repo.deleteSession(db, idHash);
    return null;
  }
  if (t - new Date(s.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await repo.touchSession(db, idHash, now, new Date(t + cfg.sessionIdleS * 1000));
  }
  const grants = await grantsOf(db, [s.user_id]);
  return {
    user: { id: s.user_id, username: s.username, displayName: s.display_name },
    grants: grants.map((g) => ({ id: g.id, role: g.role as GrantableRole, areaId: g.area_id, householdId: g.household_id })),
    sessionHash: idHash,
  };
}

export const endSession = (db: Kysely<DB>, idHash: string) => repo.deleteSession(db, idHash);

/** HttpOnly, SameSite=Lax, Secure over TLS (directly or behind a trusted proxy) or when forced. */
export function setSessionCookie(req: Request, res: Response, cfg: Config, token: string): void {
  // Drop a clearing cookie the session middleware may have queued for a stale sid.
  const queued = res.getHeader('Set-Cookie');
  const kept = (Array.isArray(queued) ? queued : typeof queued === 'string' ? [queued] : []).filter((c) => !c.startsWith(`${COOKIE}=`));
  if (kept.length) res.setHeader('Set-Cookie', kept);
  else res.removeHeader('Set-Cookie');
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure || cfg.cookieSecure, path: '/', maxAge: cfg.sessionAbsoluteS * 1000 });
}

export function clearSessionCookie(req: Request, res: Response, cfg: Config): void {
  res.clearCookie(COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure || cfg.cookieSecure, path: '/' });
}
