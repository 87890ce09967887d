/**
 * Rate limits for anonymous callers (issue 7, abuse): per IP and per device (X-Device-Id header,
 * `xf_device` cookie or `deviceId` in the body), sliding one-hour windows; 429 with Retry-After.
 * Per-IP limits are generous because many phones share one carrier NAT address; the device limit is
 * the tight one, and the IP limit catches a client that rotates device ids. Logged-in users are
 * accountable and not limited here.
 */
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import { lockedForS } from '../auth/login-limits.ts';
import type { DB } from '../db/types.ts';
import { tooManyRequests } from '../errors.ts';
import * as repo from './hazard-abuse.repository.ts';

export type SubmissionKind = 'report' | 'upload' | 'me_too' | 'flag';

const HOUR_S = 3600;
/** [max per IP, max per device] per hour. */
export const LIMITS: Readonly<Record<SubmissionKind, { ip: number; device: number; windowS: number }>> = Object.freeze({
  report: { ip: 20, device: 5, windowS: HOUR_S },
  upload: { ip: 60, device: 15, windowS: HOUR_S },
  me_too: { ip: 60, device: 30, windowS: HOUR_S },
  flag: { ip: 30, device: 10, windowS: HOUR_S },
});

export const DEVICE_COOKIE = 'xf_device';
const DEVICE_RE = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The caller's device id: header, cookie or body, else a new one set as a cookie so the next
 * request from this browser carries it.
 */
export function deviceOf(req: Request, res: Response, fromBody?: string): string {
  const header = req.get('x-device-id');
  if (header && DEVICE_RE.test(header)) return header;
  if (fromBody) return fromBody;
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === DEVICE_COOKIE && v && DEVICE_RE.test(v)) return v;
  }
  const id = crypto.randomBytes(16).toString('base64url');
  res.cookie(DEVICE_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 365 * 86_400_000, path: '/' });
  return id;
}

/**
 * Throws 429 when this IP or device has used up its window for `kind`; otherwise records the
 * submission. Call inside the transaction that writes the submission, so a refused write is not
 * counted and concurrent requests from one IP are serialised.
 */
export async function enforceLimit(db: Kysely<DB>, kind: SubmissionKind, who: { ip: string; device: string }, now: Date): Promise<void> {
  const l = LIMITS[kind];
  const since = new Date(now.getTime() - l.windowS * 1000);
  await repo.lockSubmitter(db, who.ip);
  const byIp = await repo.recentSubmissions(db, { kind, ip: who.ip, since, limit: l.ip });
  const ipWait = lockedForS(byIp, l.ip, l.windowS, now);
  if (ipWait > 0) throw tooManyRequests(`too many anonymous ${kind}s from your network: ${l.ip} an hour; log in or try later`, ipWait);
  const byDevice = await repo.recentSubmissions(db, { kind, device: who.device, since, limit: l.device });
  const deviceWait = lockedForS(byDevice, l.device, l.windowS, now);
  if (deviceWait > 0) throw tooManyRequests(`too many anonymous ${kind}s from this device: ${l.device} an hour; log in or try later`, deviceWait);
  await repo.recordSubmission(db, { kind, ip: who.ip, device: who.device, at: now });
  await repo.pruneSubmissions(db, who.ip, new Date(now.getTime() - 86_400_000));
}
