/**
 * Rows become domain objects here, in three views: public (no reporter, contact, details or staff
 * notes; phone and room numbers masked in the description), reporter (follow-up link: adds their
 * own details and contact) and staff (everything, for the case's jurisdiction). Pure.
 */
import type { CaseRow } from './hazard-cases.repository.ts';
import type { EventRow } from './hazard-log.repository.ts';
import { slaStatus } from './hazard.sla.ts';
import { OPEN_STATES } from './hazard.workflow.ts';

/** Event kinds whose note the public may read: what was done, why invalid, where it went. */
const PUBLIC_NOTE_KINDS = new Set(['resolve', 'reject', 'mark_duplicate', 'escalate', 'reopen', 'publish']);

/**
 * Masks what would identify a reporter's home or phone in free text: mobile and landline numbers,
 * 18-digit ID numbers, room numbers ("502室", "3单元502"). A heuristic: moderation catches the rest.
 */
export function redactText(s: string): string {
  return s
    .replace(/(?<![0-9])\d{17}[\dXx](?![0-9])/g, '[证件号已隐藏]')
    .replace(/(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])/g, '[电话已隐藏]')
    .replace(/(?<![0-9])0\d{2,3}[- ]?\d{7,8}(?![0-9])/g, '[电话已隐藏]')
    .replace(/(单元|[-－])\s*\d{3,4}(?![0-9])/g, '$1***')
    .replace(/\d{3,4}\s*(室|户|房)/g, '***$1');
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function slaOf(r: CaseRow, now: Date) {
  const d = (x: Date | string | null) => (x === null ? null : new Date(x));
  const status = slaStatus(
    { respondDueAt: d(r.respond_due_at), onSiteDueAt: d(r.on_site_due_at), resolveDueAt: d(r.resolve_due_at), respondedAt: d(r.responded_at), onSiteAt: d(r.on_site_at), resolvedAt: d(r.resolved_at) },
    OPEN_STATES.includes(r.status),
    now,
  );
  return {
    ...status,
    respondDueAt: iso(r.respond_due_at),
    onSiteDueAt: iso(r.on_site_due_at),
    resolveDueAt: iso(r.resolve_due_at),
    respondedAt: iso(r.responded_at),
    onSiteAt: iso(r.on_site_at),
    resolvedAt: iso(r.resolved_at),
  };
}

export interface PhotoRow {
  id: number;
  kind: string | null;
  mime: string;
  width: number;
  height: number;
  event_id: number | null;
}

const photoView = (caseId: number) => (p: PhotoRow) => ({ id: p.id, kind: p.kind, width: p.width, height: p.height, url: `/api/hazards/${caseId}/photos/${p.id}` });

/** What anyone may see of a case. */
export function publicCase(r: CaseRow, now: Date) {
  return {
    id: r.id,
    category: { code: r.category, name: r.category_name, eventClass: r.event_class },
    state: r.status,
    priority: r.priority,
    description: redactText(r.description),
    reportedAt: iso(r.reported_at),
    /** The last change of state. */
    updatedAt: iso(r.updated_at),
    location: { lon: r.lon, lat: r.lat },
    grid: r.grid_id === null ? null : { id: r.grid_id, code: r.grid_code, name: r.grid_name },
    community: r.community_id === null ? null : { id: r.community_id, name: r.community_name },
    street: r.street_id === null ? null : { id: r.street_id, code: r.street_code, name: r.street_name },
    duplicateOf: r.duplicate_of,
    escalation: r.escalation_level === null ? null : { level: r.escalation_level, agency: r.agency },
    meToo: r.me_too,
    sla: slaOf(r, now),
  };
}

export function timeline(events: EventRow[], full: boolean) {
  return events.map((e) => ({
    at: iso(e.at),
    kind: e.kind,
    fromState: e.from_state,
    toState: e.to_state,
    // Whether the reporter had an account is nobody else's business.
    actorRole: full || (e.kind !== 'submit' && e.kind !== 'import') ? e.actor_role : null,
    ...(full ? { actor: e.actor_id === null ? null : { id: e.actor_id, name: e.actor_name }, data: e.data } : {}),
    note: full || PUBLIC_NOTE_KINDS.has(e.kind) ? e.note : null,
    ...(!full && e.kind === 'escalate' ? { data: { level: e.data.level, agency: e.data.agency ?? null } } : {}),
  }));
}

export function caseView(r: CaseRow, events: EventRow[], photos: PhotoRow[], view: 'public' | 'reporter' | 'staff', now: Date) {
  const base = { ...publicCase(r, now), photos: photos.map(photoView(r.id)), timeline: timeline(events, view === 'staff') };
  if (view === 'public') return base;
  const own = { details: r.details, contact: { name: r.contact_name, phone: r.contact_phone } };
  if (view === 'reporter') return { ...base, ...own };
  return {
    ...base,
    ...own,
    description: r.description,
    reporter: r.reporter_id === null ? null : { id: r.reporter_id, name: r.reporter_name },
    source: r.source,
    buildingId: r.building_id,
    hidden: r.hidden,
    flags: r.flags,
  };
}

/** Summary row for queues and lists (staff: no contact; the case page has it). */
export function caseSummary(r: CaseRow, now: Date, redact = true) {
  const p = publicCase(r, now);
  return { ...p, description: redact ? p.description : r.description, hidden: r.hidden, flags: r.flags };
}

export const isPubliclyVisible = (r: { hidden: boolean; status: string }) => !r.hidden && r.status !== 'rejected' && r.status !== 'duplicate';
