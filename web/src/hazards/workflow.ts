/**
 * The client's copy of the transition table in server/hazards/hazard.workflow.ts, only to decide
 * which buttons to show; the server checks every move again (409 names what is allowed).
 */
import type { EscalationLevel, HazardState, HazardTransition } from '../lib/api/hazards-types';

export type Tier = 'hazards.handle' | 'hazards.review' | 'hazards.dispatch';

const FROM: Record<HazardTransition, readonly HazardState[]> = {
  verify: ['submitted'],
  reject: ['submitted'],
  mark_duplicate: ['submitted'],
  start: ['verified'],
  escalate: ['in_progress', 'escalated'],
  resolve: ['in_progress', 'escalated'],
  close: ['resolved'],
  publish: ['closed'],
  reopen: ['resolved', 'closed', 'published', 'rejected'],
};

const TIER: Record<HazardTransition, Tier> = {
  verify: 'hazards.handle',
  reject: 'hazards.handle',
  mark_duplicate: 'hazards.handle',
  start: 'hazards.handle',
  escalate: 'hazards.handle',
  resolve: 'hazards.handle',
  close: 'hazards.review',
  publish: 'hazards.review',
  reopen: 'hazards.review',
};

export const LEVELS: readonly EscalationLevel[] = ['community', 'street', 'department'];
const LEVEL_TIER: Record<EscalationLevel, Tier> = { community: 'hazards.handle', street: 'hazards.review', department: 'hazards.dispatch' };

/** Transitions possible from a state, whatever the role. */
export function allowedFrom(state: HazardState): HazardTransition[] {
  return (Object.keys(FROM) as HazardTransition[]).filter((t) => FROM[t].includes(state));
}

/**
 * Escalation levels above the current one that the user's tiers allow.
 * @param current - the case's escalation level, or null when still in the grid
 */
export function escalationLevels(current: EscalationLevel | null, can: (tier: Tier) => boolean): EscalationLevel[] {
  const from = current ? LEVELS.indexOf(current) + 1 : 0;
  return LEVELS.slice(from).filter((l) => can(LEVEL_TIER[l]));
}

/** The transitions to offer as buttons: possible from the state and within the user's tiers. */
export function offered(state: HazardState, current: EscalationLevel | null, can: (tier: Tier) => boolean): HazardTransition[] {
  return allowedFrom(state).filter((t) => (t === 'escalate' ? escalationLevels(current, can).length > 0 : can(TIER[t])));
}

/** What a transition needs from the form. */
export const NEEDS: Partial<Record<HazardTransition, 'note' | 'duplicate' | 'escalate' | 'evidence'>> = {
  reject: 'note',
  reopen: 'note',
  mark_duplicate: 'duplicate',
  escalate: 'escalate',
  resolve: 'evidence',
};
