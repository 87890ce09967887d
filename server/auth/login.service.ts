/**
 * Log-in by user name or phone + password. Per-IP and per-account limits (429 + Retry-After);
 * an unknown login name gets the same answer, the same limits and the same argon2 work as a
 * wrong password. A successful log-in ends the session the request came with and starts a new one.
 */
import type { AppContext } from '../app.ts';
import { record } from '../audit/audit.service.ts';
import { tooManyRequests, unauthorized } from '../errors.ts';
import * as users from '../users/users.repository.ts';
import { lockedForS, lockedUntil } from './login-limits.ts';
import { verifyPassword } from './password.ts';
import type { Origin } from './principal.ts';
import * as repo from './session.repository.ts';
import { createSession, endSession, loadPrincipal } from './session.service.ts';

/** How long log-in attempts are kept (ms): long enough for every window, short for privacy. */
const KEEP_ATTEMPTS_MS = 24 * 3600 * 1000;

const wrong = () => unauthorized('wrong login or password', 'INVALID_CREDENTIALS');
const locked = (s: number) => tooManyRequests(`too many failed log-ins; try again in ${Math.ceil(s)} s`, s);

export async function login(ctx: AppContext, input: { login: string; password: string }, origin: Origin, previousSession: string | null) {
  const { db, config: cfg } = ctx;
  const now = ctx.now();
  const since = new Date(now.getTime() - cfg.loginWindowS * 1000);
  const login = input.login.trim();

  const ipWait = lockedForS(await repo.failuresSince(db, { ip: origin.ip }, since, cfg.loginIpMaxFailures), cfg.loginIpMaxFailures, cfg.loginWindowS, now);
  if (ipWait > 0) throw locked(ipWait);

  const user = await users.findByLogin(db, login);
  const key = user ? { userId: user.id } : { login: login.toLowerCase() };
  const accountWait = lockedForS(await repo.failuresSince(db, key, since, cfg.loginAccountMaxFailures), cfg.loginAccountMaxFailures, cfg.loginWindowS, now);
  if (accountWait > 0) throw locked(accountWait);

  const ok = (await verifyPassword(user?.password_hash ?? null, input.password)) && user !== undefined && !user.disabled;
  await repo.insertAttempt(db, { at: now, ip: origin.ip, login: login.toLowerCase(), user_id: user?.id ?? null, success: ok });
  if (!ok || !user) {
    if (user) {
      const fails = await repo.failuresSince(db, key, since, cfg.loginAccountMaxFailures);
      await users.updateUser(db, user.id, { failed_logins: fails.length, locked_until: lockedUntil(fails, cfg.loginAccountMaxFailures, cfg.loginWindowS, now) });
    }
    throw wrong();
  }

  await users.updateUser(db, user.id, { failed_logins: 0, locked_until: null });
  if (previousSession) await endSession(db, previousSession);
  await repo.deleteExpiredSessions(db, now);
  await repo.deleteAttemptsBefore(db, new Date(now.getTime() - Math.max(KEEP_ATTEMPTS_MS, cfg.loginWindowS * 2000)));
  const token = await createSession(db, cfg, user.id, origin, now);
  const principal = (await loadPrincipal(db, cfg, token, now))!;
  await record(db, { principal, origin, at: now }, { action: 'auth.login', targetType: 'user', targetId: user.id });
  return { token, principal };
}
