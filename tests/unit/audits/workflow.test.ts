/** The order of the four steps and what findings make of a space (issue 5). */
import { describe, expect, it } from 'vitest';
import { allowedSteps, nextStage, OUTCOME_STATUS } from '../../../server/audits/audit.workflow.ts';

describe('audit steps', () => {
  it('a space outside an open campaign can only be agreed into one', () => {
    expect(allowedSteps({ status: 'registered', stage: null, campaignOpen: false })).toEqual(['agree']);
    expect(allowedSteps({ status: 'in_use', stage: 'found', campaignOpen: true })).toEqual(['agree']);
    expect(allowedSteps({ status: 'under_audit', stage: 'agreed', campaignOpen: false })).toEqual(['agree']);
  });
  it('a finding needs an inspection first; leads and more inspections may come before it', () => {
    expect(allowedSteps({ status: 'under_audit', stage: 'agreed', campaignOpen: true })).toEqual(['lead', 'inspection']);
    expect(allowedSteps({ status: 'under_audit', stage: 'inspected', campaignOpen: true })).toEqual(['lead', 'inspection', 'finding']);
  });
  it('a converted space takes no more steps', () => {
    expect(allowedSteps({ status: 'converted', stage: 'found', campaignOpen: true })).toEqual([]);
  });
  it('a lead after an inspection keeps the space inspected', () => {
    expect(nextStage('inspected', 'lead')).toBe('inspected');
    expect(nextStage('agreed', 'inspection')).toBe('inspected');
    expect(nextStage('inspected', 'finding')).toBe('found');
  });
  it('findings map to statuses', () => {
    expect(OUTCOME_STATUS).toMatchObject({ compliant: 'in_use', reclaimed: 'reclaimed', missing: 'missing', occupied: 'occupied' });
  });
});
