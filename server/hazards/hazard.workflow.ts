/**
 * The life of a hazard case (issue 7; 乌鲁木齐 flow: report → 网格初核 → handled in the grid or
 * escalated "吹哨报到" → resolved → reviewed → 定期公示). Pure: states, transitions, who may
 * perform each (tier), and the domain checks, which return `{ valid, reason }` with named reasons.
 *
 *   submitted ─verify→ verified ─start→ in_progress ─escalate→ escalated (community → street → department)
 *       │ reject → rejected          in_progress | escalated ─resolve→ resolved ─close→ closed ─publish→ published
 *       │ mark_duplicate → duplicate  resolved | closed | published ─reopen→ in_progress;  rejected ─reopen→ submitted
 */

export const STATES = ['submitted', 'verified', 'rejected', 'duplicate', 'in_progress', 'escalated', 'resolved', 'closed', 'published'] as const;
export type State = (typeof STATES)[number];

/** Cases still waiting for work (map layer "open", Open311 `open`, queues, "me too"). */
export const OPEN_STATES: readonly State[] = ['submitted', 'verified', 'in_progress', 'escalated'];
/** Never shown to the public: invalid reports and duplicates merged into another case. */
export const NON_PUBLIC_STATES: readonly State[] = ['rejected', 'duplicate'];

export const PRIORITIES = ['emergency', 'urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ESCALATION_LEVELS = ['community', 'street', 'department'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const TRANSITIONS = ['verify', 'reject', 'mark_duplicate', 'start', 'escalate', 'resolve', 'close', 'publish', 'reopen'] as const;
export type Transition = (typeof TRANSITIONS)[number];
/** Events that do not change the state: a staff note. */
export const NOTE = 'note';
export type EventAction = Transition | typeof NOTE;

/**
 * Staff tiers, each a permissions-table action: the grid handles (网格员), the community reviews
 * and escalates to the street, the street dispatches to departments.
 */
export type Tier = 'hazards.handle' | 'hazards.review' | 'hazards.dispatch';

interface Rule {
  from: readonly State[];
  to: (from: State) => State;
  tier: Tier;
}

const RULES: Record<Transition, Rule> = {
  verify: { from: ['submitted'], to: () => 'verified', tier: 'hazards.handle' },
  reject: { from: ['submitted'], to: () => 'rejected', tier: 'hazards.handle' },
  mark_duplicate: { from: ['submitted'], to: () => 'duplicate', tier: 'hazards.handle' },
  start: { from: ['verified'], to: () => 'in_progress', tier: 'hazards.handle' },
  escalate: { from: ['in_progress', 'escalated'], to: () => 'escalated', tier: 'hazards.handle' },
  resolve: { from: ['in_progress', 'escalated'], to: () => 'resolved', tier: 'hazards.handle' },
  close: { from: ['resolved'], to: () => 'closed', tier: 'hazards.review' },
  publish: { from: ['closed'], to: () => 'published', tier: 'hazards.review' },
  reopen: { from: ['resolved', 'closed', 'published', 'rejected'], to: (f) => (f === 'rejected' ? 'submitted' : 'in_progress'), tier: 'hazards.review' },
};

export const REASONS = {
  NOT_FROM_STATE: 'NOT_FROM_STATE',
  NOTE_REQUIRED: 'NOTE_REQUIRED',
  EVIDENCE_REQUIRED: 'EVIDENCE_REQUIRED',
  DUPLICATE_OF_REQUIRED: 'DUPLICATE_OF_REQUIRED',
  DUPLICATE_OF_SELF: 'DUPLICATE_OF_SELF',
  DUPLICATE_OF_CLOSED: 'DUPLICATE_OF_CLOSED',
  LEVEL_REQUIRED: 'LEVEL_REQUIRED',
  LEVEL_NOT_HIGHER: 'LEVEL_NOT_HIGHER',
  AGENCY_REQUIRED: 'AGENCY_REQUIRED',
  OWN_REPORT: 'OWN_REPORT',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

/** Transitions possible from a state (whatever the role): what a 409 lists. */
export function allowedFrom(state: State): Transition[] {
  return TRANSITIONS.filter((t) => RULES[t].from.includes(state));
}

/** The tier a transition needs; escalation needs the tier of the level it goes to. */
export function tierFor(action: EventAction, input: { level?: EscalationLevel } = {}): Tier {
  if (action === NOTE) return 'hazards.handle';
  if (action === 'escalate') return input.level === 'department' ? 'hazards.dispatch' : input.level === 'street' ? 'hazards.review' : 'hazards.handle';
  return RULES[action].tier;
}

export interface TransitionInput {
  action: EventAction;
  note?: string;
  level?: EscalationLevel;
  agency?: string;
  duplicateOf?: number;
  evidenceCount?: number;
}

export interface CaseFacts {
  id: number;
  state: State;
  escalationLevel: EscalationLevel | null;
  reporterId: number | null;
  /** State of the case named by `duplicateOf`, when there is one. */
  duplicateTargetState?: State | null;
}

export type Check = { valid: true; to: State } | { valid: false; reason: Reason; message: string; allowed?: Transition[] };

const has = (s: string | undefined) => !!s && s.trim().length > 0;

/** May this transition happen to this case with this input (by this user)? */
export function checkTransition(c: CaseFacts, input: TransitionInput, actorId: number | null): Check {
  if (input.action === NOTE) {
    return has(input.note) ? { valid: true, to: c.state } : { valid: false, reason: REASONS.NOTE_REQUIRED, message: 'a note needs text' };
  }
  const rule = RULES[input.action];
  if (!rule.from.includes(c.state)) {
    const allowed = allowedFrom(c.state);
    return {
      valid: false,
      reason: REASONS.NOT_FROM_STATE,
      allowed,
      message: `case ${c.id} is ${c.state}: cannot ${input.action}; allowed from ${c.state}: ${allowed.join(', ') || 'none'}`,
    };
  }
  const fail = (reason: Reason, message: string): Check => ({ valid: false, reason, message });
  switch (input.action) {
    case 'verify':
    case 'reject':
    case 'mark_duplicate':
      if (actorId !== null && c.reporterId === actorId) return fail(REASONS.OWN_REPORT, `case ${c.id} is your own report: another staff member must check it`);
      if (input.action === 'reject' && !has(input.note)) return fail(REASONS.NOTE_REQUIRED, 'reject needs a note saying why the report is invalid');
      if (input.action === 'mark_duplicate') {
        if (!input.duplicateOf) return fail(REASONS.DUPLICATE_OF_REQUIRED, 'mark_duplicate needs duplicateOf (the case this one repeats)');
        if (input.duplicateOf === c.id) return fail(REASONS.DUPLICATE_OF_SELF, `case ${c.id} cannot be a duplicate of itself`);
        if (!c.duplicateTargetState || NON_PUBLIC_STATES.includes(c.duplicateTargetState))
          return fail(REASONS.DUPLICATE_OF_CLOSED, `case ${input.duplicateOf} is ${c.duplicateTargetState ?? 'missing'}: a duplicate must point to a valid case`);
      }
      break;
    case 'escalate': {
      if (!input.level) return fail(REASONS.LEVEL_REQUIRED, `escalate needs level: ${ESCALATION_LEVELS.join(', ')}`);
      const cur = c.escalationLevel ? ESCALATION_LEVELS.indexOf(c.escalationLevel) : -1;
      if (ESCALATION_LEVELS.indexOf(input.level) <= cur)
        return fail(REASONS.LEVEL_NOT_HIGHER, `case ${c.id} is already escalated to ${c.escalationLevel}: escalate to a higher level than that`);
      if (input.level === 'department' && !has(input.agency)) return fail(REASONS.AGENCY_REQUIRED, 'escalating to a department needs agency (the department that takes it)');
      break;
    }
    case 'resolve':
      if (!has(input.note)) return fail(REASONS.NOTE_REQUIRED, 'resolve needs a note saying what was done');
      if (!input.evidenceCount) return fail(REASONS.EVIDENCE_REQUIRED, 'resolve needs at least one evidence photo (upload it, then pass its token in evidence)');
      break;
    case 'reopen':
      if (!has(input.note)) return fail(REASONS.NOTE_REQUIRED, 'reopen needs a note giving the reason');
      break;
  }
  return { valid: true, to: rule.to(c.state) };
}

/** Projection columns a transition sets on the case (the event log stays the record). */
export function projectionFor(c: CaseFacts, input: TransitionInput, to: State, at: Date): Record<string, unknown> {
  const p: Record<string, unknown> = { status: to, updated_at: at };
  switch (input.action) {
    case 'verify':
    case 'reject':
    case 'mark_duplicate':
      p.responded_at = at;
      if (input.action === 'mark_duplicate') p.duplicate_of = input.duplicateOf;
      break;
    case 'start':
      p.on_site_at = at;
      break;
    case 'escalate':
      p.escalation_level = input.level;
      p.escalated_at = at;
      if (input.agency) p.agency = input.agency.trim();
      break;
    case 'resolve':
      p.resolved_at = at;
      break;
    case 'close':
      p.closed_at = at;
      break;
    case 'publish':
      p.published_at = at;
      break;
    case 'reopen':
      // Back to work: the case must be resolved (and reviewed) again; an invalid one is checked again.
      Object.assign(p, { resolved_at: null, closed_at: null, published_at: null });
      if (c.state === 'rejected') p.responded_at = null;
      break;
  }
  return p;
}
