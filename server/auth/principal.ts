/**
 * Who is asking: the logged-in user with their active grants, or the anonymous public.
 * The session middleware puts it on `req.principal`; routes read it with `principalOf(req)`.
 */
import type { Request } from 'express';
import type { GrantableRole } from './permissions.ts';

export interface Grant {
  id: number;
  role: GrantableRole;
  /** Jurisdiction: this area and everything below it; null = everywhere (admin only). */
  areaId: number | null;
  /** Residents: their own household. */
  householdId: number | null;
}

export interface Principal {
  user: { id: number; username: string; displayName: string } | null;
  grants: Grant[];
  /** SHA-256 (hex) of the session token, when the request carried a live session. */
  sessionHash: string | null;
}

export const ANONYMOUS: Principal = Object.freeze({ user: null, grants: [], sessionHash: null }) as Principal;

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

export const principalOf = (req: Request): Principal => req.principal ?? ANONYMOUS;

/** Where a request came from, for sessions and the audit log. */
export interface Origin {
  ip: string;
  userAgent: string | null;
}

export const originOf = (req: Request): Origin => ({
  ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
});

/** Who did it, from where and when (the app clock): what the audit log records. */
export interface Actor {
  principal: Principal;
  origin: Origin;
  at: Date;
}

export const actorOf = (req: Request, now: () => Date): Actor => ({ principal: principalOf(req), origin: originOf(req), at: now() });
