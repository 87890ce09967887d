/** The hazard workflow, pure: every (state, action) pair, the input checks, the tiers, the projection. */
import { describe, expect, it } from 'vitest';
import {
  allowedFrom, checkTransition, projectionFor, REASONS, STATES, tierFor, TRANSITIONS,
  type CaseFacts, type State, type Transition, type TransitionInput,
} from '../../../server/hazards/hazard.workflow.ts';

/** The flow, written out once more by hand: what may follow what. */
const EXPECTED: Record<State, Transition[]> = {
  submitted: ['verify', 'reject', 'mark_duplicate'],
  verified: ['start'],
  rejected: ['reopen'],
  duplicate: [],
  in_progress: ['escalate', 'resolve'],
  escalated: ['escalate', 'resolve'],
  resolved: ['close', 'reopen'],
  closed: ['publish', 'reopen'],
  published: ['reopen'],
};

/** Input that satisfies every check of an action, so only the state decides. */
const GOOD: Record<Transition, TransitionInput> = {
  verify: { action: 'verify' },
  reject: { action: 'reject', note: '照片与描述不符' },
  mark_duplicate: { action: 'mark_duplicate', duplicateOf: 2 },
  start: { action: 'start' },
  escalate: { action: 'escalate', level: 'department', agency: '区城管执法局' },
  resolve: { action: 'resolve', note: '已清理', evidenceCount: 1 },
  close: { action: 'close' },
  publish: { action: 'publish' },
  reopen: { action: 'reopen', note: '居民反映问题复现' },
};

const facts = (state: State, extra: Partial<CaseFacts> = {}): CaseFacts => ({ id: 1, state, escalationLevel: null, reporterId: 7, duplicateTargetState: 'verified', ...extra });

describe('hazard workflow', () => {
  it('allows exactly the transitions of the issue from every state, and names them when refusing', () => {
    for (const s of STATES) {
      expect(allowedFrom(s), s).toEqual(EXPECTED[s]);
      for (const t of TRANSITIONS) {
        const c = checkTransition(facts(s), GOOD[t], 99);
        if (EXPECTED[s].includes(t)) expect(c.valid, `${s} → ${t}`).toBe(true);
        else {
          expect(c).toMatchObject({ valid: false, reason: REASONS.NOT_FROM_STATE, allowed: EXPECTED[s] });
          if (!c.valid) for (const a of EXPECTED[s]) expect(c.message).toContain(a);
        }
      }
    }
  });

  it('goes where the issue says', () => {
    const to = (s: State, t: Transition) => {
      const c = checkTransition(facts(s), GOOD[t], 99);
      return c.valid ? c.to : null;
    };
    expect(to('submitted', 'verify')).toBe('verified');
    expect(to('submitted', 'reject')).toBe('rejected');
    expect(to('submitted', 'mark_duplicate')).toBe('duplicate');
    expect(to('verified', 'start')).toBe('in_progress');
    expect(to('in_progress', 'escalate')).toBe('escalated');
    expect(to('escalated', 'resolve')).toBe('resolved');
    expect(to('resolved', 'close')).toBe('closed');
    expect(to('closed', 'publish')).toBe('published');
    expect(to('published', 'reopen')).toBe('in_progress');
    expect(to('rejected', 'reopen')).toBe('submitted');
  });

  it('checks the input of each transition with named reasons', () => {
    const reason = (s: State, i: TransitionInput, f: Partial<CaseFacts> = {}, actor = 99) => {
      const c = checkTransition(facts(s, f), i, actor);
      return c.valid ? null : c.reason;
    };
    expect(reason('submitted', { action: 'reject' })).toBe(REASONS.NOTE_REQUIRED);
    expect(reason('submitted', { action: 'mark_duplicate' })).toBe(REASONS.DUPLICATE_OF_REQUIRED);
    expect(reason('submitted', { action: 'mark_duplicate', duplicateOf: 1 })).toBe(REASONS.DUPLICATE_OF_SELF);
    expect(reason('submitted', { action: 'mark_duplicate', duplicateOf: 3 }, { duplicateTargetState: 'rejected' })).toBe(REASONS.DUPLICATE_OF_CLOSED);
    expect(reason('submitted', { action: 'mark_duplicate', duplicateOf: 3 }, { duplicateTargetState: null })).toBe(REASONS.DUPLICATE_OF_CLOSED);
    expect(reason('submitted', { action: 'verify' }, {}, 7)).toBe(REASONS.OWN_REPORT);
    expect(reason('in_progress', { action: 'escalate' })).toBe(REASONS.LEVEL_REQUIRED);
    expect(reason('in_progress', { action: 'escalate', level: 'department' })).toBe(REASONS.AGENCY_REQUIRED);
    expect(reason('escalated', { action: 'escalate', level: 'street' }, { escalationLevel: 'street' })).toBe(REASONS.LEVEL_NOT_HIGHER);
    expect(reason('escalated', { action: 'escalate', level: 'community' }, { escalationLevel: 'street' })).toBe(REASONS.LEVEL_NOT_HIGHER);
    expect(reason('escalated', { action: 'escalate', level: 'department', agency: '区建管委' }, { escalationLevel: 'street' })).toBeNull();
    expect(reason('in_progress', { action: 'resolve', note: '已修复' })).toBe(REASONS.EVIDENCE_REQUIRED);
    expect(reason('in_progress', { action: 'resolve', evidenceCount: 1 })).toBe(REASONS.NOTE_REQUIRED);
    expect(reason('closed', { action: 'reopen', note: '  ' })).toBe(REASONS.NOTE_REQUIRED);
    expect(reason('closed', { action: 'note', note: '' })).toBe(REASONS.NOTE_REQUIRED);
    expect(reason('duplicate', { action: 'note', note: '备注' })).toBeNull();
  });

  it('needs the tier of the level it escalates to (grid → community → street → department)', () => {
    expect(tierFor('verify')).toBe('hazards.handle');
    expect(tierFor('resolve')).toBe('hazards.handle');
    expect(tierFor('escalate', { level: 'community' })).toBe('hazards.handle');
    expect(tierFor('escalate', { level: 'street' })).toBe('hazards.review');
    expect(tierFor('escalate', { level: 'department' })).toBe('hazards.dispatch');
    expect(tierFor('close')).toBe('hazards.review');
    expect(tierFor('publish')).toBe('hazards.review');
    expect(tierFor('reopen')).toBe('hazards.review');
    expect(tierFor('note')).toBe('hazards.handle');
  });

  it('projects timestamps for the service levels and clears them on reopen', () => {
    const at = new Date('2026-11-20T16:00:00Z');
    expect(projectionFor(facts('submitted'), GOOD.verify, 'verified', at)).toEqual({ status: 'verified', updated_at: at, responded_at: at });
    expect(projectionFor(facts('verified'), GOOD.start, 'in_progress', at)).toEqual({ status: 'in_progress', updated_at: at, on_site_at: at });
    expect(projectionFor(facts('in_progress'), GOOD.escalate, 'escalated', at)).toMatchObject({ escalation_level: 'department', agency: '区城管执法局', escalated_at: at });
    expect(projectionFor(facts('closed'), GOOD.reopen, 'in_progress', at)).toEqual({ status: 'in_progress', updated_at: at, resolved_at: null, closed_at: null, published_at: null });
    expect(projectionFor(facts('rejected'), GOOD.reopen, 'submitted', at)).toMatchObject({ status: 'submitted', responded_at: null });
  });
});
