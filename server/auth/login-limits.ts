/**
 * Brute-force limits, pure: locked while `max` failures fall inside the sliding window; the lock
 * lifts when the oldest of them leaves it. The same rule for an account, for a login name that
 * matches no account (so the two cannot be told apart) and, with a higher `max`, for an IP.
 */

/**
 * @param failures newest first (at least the `max` newest inside the window)
 * @param windowS seconds
 * @returns seconds until the next try is allowed; 0 = not locked
 */
export function lockedForS(failures: readonly Date[], max: number, windowS: number, now: Date): number {
  if (failures.length < max) return 0;
  const oldest = failures[max - 1].getTime();
  const until = oldest + windowS * 1000;
  return until > now.getTime() ? (until - now.getTime()) / 1000 : 0;
}

/** When the lock that this failure completes ends, for the `locked_until` column; null = not locked. */
export function lockedUntil(failures: readonly Date[], max: number, windowS: number, now: Date): Date | null {
  const s = lockedForS(failures, max, windowS, now);
  return s > 0 ? new Date(now.getTime() + s * 1000) : null;
}
