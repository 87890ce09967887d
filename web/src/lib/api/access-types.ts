/**
 * Types of the accounts, personal data and audit endpoints (docs/API.md, "Accounts, access and
 * personal data"). Which of them a user may call is the server's decision; `Me.actions` says which.
 */
import type { AreaId, AreaRef } from './types';

/** Roles an account can be granted, as the API names them (`public` is everyone's, never granted). */
export const GRANTABLE_ROLES = ['resident', 'rider', 'grid_worker', 'community_staff', 'street_staff', 'planner', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** An action of the server's permissions table, e.g. `households.read`. */
export type Action = string;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
}

export interface Grant {
  id: number;
  /** A {@link GrantableRole}, or a role this client does not know yet. */
  role: string;
  /** The jurisdiction (street, community or grid; a resident's compound); null = none, or everywhere for admin. */
  area: AreaRef | null;
  householdId: number | null;
  grantedAt: string;
  revokedAt?: string;
}

/** `GET /api/auth/me`, also the answer to a log-in. */
export interface Me {
  user: SessionUser | null;
  grants: Grant[];
  actions: Action[];
}

export interface LoginInput {
  /** User name or phone. */
  login: string;
  password: string;
}

export type SpecialGroupKey = 'low_income' | 'elders_alone' | 'disabled' | 'left_behind_children';

export interface AreaStats {
  area: AreaRef;
  households: number;
  population: number;
  /** Counts below 5 come as "<5" unless `exact`. */
  specialGroups: { key: SpecialGroupKey | string; name: string; count: number | '<5' }[];
  /** Exact counts: the caller is staff of the area. */
  exact: boolean;
}

export interface HouseholdMember {
  id: number;
  name: string;
  /** 户主, 配偶, 子女, 父母, 其他 as stored. */
  relation: string;
  birthYear: number | null;
  phone: string | null;
  /** Special groups by their Chinese name (低保, 独居老人, 残疾人, 留守儿童). */
  groups: string[];
}

export interface Household {
  id: number;
  code: string;
  unit: { id: AreaId; code: string; name: string };
  building: { id: number; name: string | null; address: string | null } | null;
  room: string | null;
  size: number;
  members: HouseholdMember[];
}

export interface HouseholdPage {
  area: AreaRef;
  total: number;
  limit: number;
  offset: number;
  households: Household[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; username: string | null } | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  areaId: number | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** `before` for the next (older) page, or null at the end. */
  next: number | null;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  grants: Grant[];
}

export interface GrantInput {
  role: GrantableRole;
  areaId?: number;
  householdId?: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  phone?: string;
  /** At least 10 characters. */
  password: string;
  grants: GrantInput[];
}
