/**
 * The one permissions table: role × action → scope. The server enforces it on every route
 * (`authorize`), the OpenAPI document names each route's action (`x-action`), and the access-matrix
 * test walks every route × every role against it.
 *
 * Scopes:
 * - `any`: everywhere;
 * - `jurisdiction`: the granted area and everything below it (a grant without an area, possible
 *   only for admin, covers everything);
 * - `own`: the resident's own household.
 *
 * Every principal, logged in or not, also holds `public`.
 * DOMAIN.md (Privacy): household members, phones and special groups are personal data under PIPL;
 * only staff whose jurisdiction covers a household see them, the public sees aggregates.
 */

export const ROLES = ['public', 'resident', 'rider', 'grid_worker', 'community_staff', 'street_staff', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that can be granted to an account (`public` is everyone's). */
export const GRANTABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'public'> => r !== 'public');
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
/** Staff roles are always bound to one area (street, community or grid). */
export const AREA_BOUND_ROLES: readonly Role[] = ['grid_worker', 'community_staff', 'street_staff', 'planner'];

export const ACTIONS = [
  'system.read', // health, meta, OpenAPI
  'areas.read', // hierarchy, totals, public contacts (一牌四公开)
  'map.read', // base map and feature layers
  'search.read', // areas, buildings, places by name (never households)
  'stats.read', // aggregates; special groups below 5 as "<5"
  'stats.exact', // exact special-group counts
  'auth.session', // log in, log out, who am I
  'households.read', // members, phones, special groups (personal data)
  'audit.read', // the audit log
  'users.read', // accounts and their grants
  'users.manage', // create accounts, grant and revoke roles, disable
  'circle.read', // 10-minute service circle: coverage aggregates, isochrones, walking routes
  'circle.siting', // where the next station should go (planning)
  'circle.gates', // mark compound gates closed at night
  'places.read', // stations and shops: finder, place page, rooms' busy slots, activities (issue 6)
  'places.manage', // add, edit and import places; rooms and activities; see who booked
  'bookings.book', // book a room, register for an activity, list one's own
  'bookings.own', // cancel or export a booking or registration: one's own (own), or at places in the jurisdiction
  'hazards.read', // hazard map layer, public list, case pages without personal data, Open311 reads (issue 7)
  'hazards.report', // file a report (anonymous allowed, rate-limited), upload photos, "me too", flag
  'hazards.own', // the logged-in reporter's own cases and points ledger (only ever the caller's own)
  'hazards.handle', // grid tier: queue, case with contact, verify, start, resolve, escalate to community, notes
  'hazards.review', // community tier: close, publish, reopen, escalate to street, moderation
  'hazards.dispatch', // street tier: escalate to a department (吹哨报到)
  'hazards.stats', // dashboard: found, solved locally, escalated, overdue, median times
  'hazards.configure', // categories, fields, priorities, service levels, points
  'planning.read', // grid planning drafts, validation, history, diff, exports (issue 8)
  'planning.edit', // open, save, propose and import grid planning drafts
  'planning.publish', // publish a draft or roll back to an old version: replaces the live grids
  'audits.read', // 两房一共 (issue 5): compounds, spaces, campaigns, history, standards, reports of the jurisdiction
  'audits.manage', // register spaces and compounds, run the four-step audit, triage leads, income ledger, convert
  'audits.lead', // residents' leads on the public page (anonymous allowed, rate-limited), open campaigns
  'income.public', // a compound's public income summary (trust model: no personal data)
] as const;
export type Action = (typeof ACTIONS)[number];

export type Scope = 'any' | 'jurisdiction' | 'own';

const PUBLIC: Partial<Record<Action, Scope>> = {
  'system.read': 'any',
  'areas.read': 'any',
  'map.read': 'any',
  'search.read': 'any',
  'stats.read': 'any',
  'auth.session': 'any',
  'circle.read': 'any',
  'places.read': 'any',
  'hazards.read': 'any',
  'hazards.report': 'any',
  'audits.lead': 'any',
  'income.public': 'any',
};

/** What every logged-in user may do with bookings and registrations (issue 6). */
const BOOKER: Partial<Record<Action, Scope>> = { 'bookings.book': 'any', 'bookings.own': 'own' };
/** Staff who keep the places of their area (issue 6). */
const PLACE_KEEPER: Partial<Record<Action, Scope>> = { 'bookings.book': 'any', 'places.manage': 'jurisdiction', 'bookings.own': 'jurisdiction' };

/** Hazard cases (issue 7): logged-in reporters see their own; staff tiers grid → community → street. */
const HAZARD_REPORTER: Partial<Record<Action, Scope>> = { 'hazards.own': 'any' };
const HAZARD_GRID: Partial<Record<Action, Scope>> = { ...HAZARD_REPORTER, 'hazards.handle': 'jurisdiction', 'hazards.stats': 'jurisdiction' };
const HAZARD_COMMUNITY: Partial<Record<Action, Scope>> = { ...HAZARD_GRID, 'hazards.review': 'jurisdiction' };
const HAZARD_STREET: Partial<Record<Action, Scope>> = { ...HAZARD_COMMUNITY, 'hazards.dispatch': 'jurisdiction' };

/** Grid planning (issue 8): staff read plans of their area; planners edit and publish them. */
const PLAN_READER: Partial<Record<Action, Scope>> = { 'planning.read': 'jurisdiction' };
const PLANNER: Partial<Record<Action, Scope>> = { ...PLAN_READER, 'planning.edit': 'jurisdiction', 'planning.publish': 'jurisdiction' };

/** 两房一共 audits (issue 5): street and community offices run them; planners read the inventory. */
const AUDIT_READER: Partial<Record<Action, Scope>> = { 'audits.read': 'jurisdiction' };
const AUDITOR: Partial<Record<Action, Scope>> = { ...AUDIT_READER, 'audits.manage': 'jurisdiction' };

export const PERMISSIONS: Readonly<Record<Role, Readonly<Partial<Record<Action, Scope>>>>> = Object.freeze({
  public: PUBLIC,
  // Residents and riders see what the public sees (issue 3: resident requests never return a member's
  // name or phone); `own` is for what a resident files himself (reports, bookings) in later features.
  resident: { ...BOOKER, ...HAZARD_REPORTER },
  rider: { ...BOOKER, ...HAZARD_REPORTER },
  grid_worker: { 'circle.gates': 'jurisdiction', 'households.read': 'jurisdiction', 'stats.exact': 'jurisdiction', ...PLACE_KEEPER, ...HAZARD_GRID },
  community_staff: { 'circle.gates': 'jurisdiction', 'households.read': 'jurisdiction', 'stats.exact': 'jurisdiction', 'audit.read': 'jurisdiction', 'circle.siting': 'jurisdiction', ...PLACE_KEEPER, ...HAZARD_COMMUNITY, ...PLAN_READER, ...AUDITOR },
  street_staff: { 'circle.gates': 'jurisdiction', 'households.read': 'jurisdiction', 'stats.exact': 'jurisdiction', 'audit.read': 'jurisdiction', 'circle.siting': 'jurisdiction', ...PLACE_KEEPER, ...HAZARD_STREET, ...PLAN_READER, ...AUDITOR },
  planner: { 'circle.gates': 'jurisdiction', 'stats.exact': 'jurisdiction', 'circle.siting': 'jurisdiction', ...BOOKER, ...HAZARD_REPORTER, 'hazards.stats': 'jurisdiction', ...PLANNER, ...AUDIT_READER },
  admin: { 'circle.gates': 'jurisdiction', 'audit.read': 'jurisdiction', 'users.read': 'jurisdiction', 'users.manage': 'jurisdiction', 'circle.siting': 'jurisdiction', ...PLACE_KEEPER, ...HAZARD_REPORTER, 'hazards.configure': 'jurisdiction', ...PLAN_READER, ...AUDITOR },
});

const RANK: Record<Scope, number> = { own: 1, jurisdiction: 2, any: 3 };

/** The widest scope a role has for an action, counting what everyone has; null = not allowed. */
export function scopeOf(role: Role, action: Action): Scope | null {
  const own = PERMISSIONS[role][action] ?? null;
  const pub = PERMISSIONS.public[action] ?? null;
  if (!own) return pub;
  if (!pub) return own;
  return RANK[own] >= RANK[pub] ? own : pub;
}

/** Actions a set of roles may perform in some scope (for the UI to hide the rest). */
export function actionsOf(roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => ['public' as Role, ...roles].some((r) => scopeOf(r, a)));
}
