/** Service-level arithmetic across midnight (Asia/Shanghai), category fields, public-text masking. */
import { describe, expect, it } from 'vitest';
import { detailsSchema, fieldList } from '../../../server/hazards/hazard.fields.ts';
import { dueAt, slaStatus } from '../../../server/hazards/hazard.sla.ts';
import { redactText } from '../../../server/hazards/hazard.views.ts';

const t = (s: string) => new Date(s);

describe('service levels', () => {
  it('adds minutes and hours as elapsed time, across midnight', () => {
    expect(dueAt(t('2026-11-20T23:59:30+08:00'), '1m').toISOString()).toBe(t('2026-11-21T00:00:30+08:00').toISOString());
    expect(dueAt(t('2026-11-20T23:50:00+08:00'), '30m').toISOString()).toBe(t('2026-11-21T00:20:00+08:00').toISOString());
    expect(dueAt(t('2026-11-20T22:00:00+08:00'), '4h').toISOString()).toBe(t('2026-11-21T02:00:00+08:00').toISOString());
  });

  it('counts days as calendar days in Asia/Shanghai, whatever the UTC date', () => {
    // 23:59 local is 15:59 UTC the same day; 00:10 local is 16:10 UTC the day before.
    expect(dueAt(t('2026-11-20T23:59:00+08:00'), '1d').toISOString()).toBe(t('2026-11-22T00:00:00+08:00').toISOString());
    expect(dueAt(t('2026-11-21T00:10:00+08:00'), '1d').toISOString()).toBe(t('2026-11-23T00:00:00+08:00').toISOString());
    expect(dueAt(t('2026-12-31T20:00:00+08:00'), '3d').toISOString()).toBe(t('2027-01-04T00:00:00+08:00').toISOString());
  });

  it('flags a stage overdue only while open and not done, and late when done after its due time', () => {
    const base = { respondDueAt: t('2026-11-21T00:20:00+08:00'), onSiteDueAt: t('2026-11-21T02:00:00+08:00'), resolveDueAt: t('2026-11-22T00:00:00+08:00'), respondedAt: null, onSiteAt: null, resolvedAt: null };
    expect(slaStatus(base, true, t('2026-11-21T00:19:59+08:00'))).toMatchObject({ overdue: [], nextDue: { stage: 'respond' } });
    expect(slaStatus(base, true, t('2026-11-21T00:20:01+08:00')).overdue).toEqual(['respond']);
    expect(slaStatus(base, false, t('2026-11-23T00:00:00+08:00')).overdue).toEqual([]);
    const done = { ...base, respondedAt: t('2026-11-21T00:25:00+08:00'), onSiteAt: t('2026-11-21T01:00:00+08:00') };
    expect(slaStatus(done, true, t('2026-11-21T12:00:00+08:00'))).toMatchObject({ overdue: [], late: ['respond'], nextDue: { stage: 'resolve' } });
  });
});

describe('category fields', () => {
  const fields = fieldList.parse([
    { key: 'place', label: '位置', type: 'enum', required: true, options: [{ value: 'indoor', label: '室内' }, { value: 'corridor', label: '楼道' }] },
    { key: 'floor', label: '楼层', type: 'integer', min: -5, max: 150 },
    { key: 'seenAt', label: '时间', type: 'datetime' },
    { key: 'injured', label: '受伤', type: 'boolean' },
  ]);
  const schema = detailsSchema(fields);

  it('accepts what the fields describe, including form-encoded text', () => {
    expect(schema.parse({ place: 'corridor', floor: '12', injured: 'false' })).toEqual({ place: 'corridor', floor: 12, injured: false });
    expect(schema.parse({ place: 'indoor', seenAt: '2026-11-20T21:30:00+08:00' })).toMatchObject({ seenAt: '2026-11-20T21:30:00+08:00' });
  });

  it('refuses a missing required field, a value out of range, an unknown option or key', () => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ place: 'roof' }).success).toBe(false);
    expect(schema.safeParse({ place: 'indoor', floor: 151 }).success).toBe(false);
    expect(schema.safeParse({ place: 'indoor', floor: 2.5 }).success).toBe(false);
    expect(schema.safeParse({ place: 'indoor', seenAt: 'yesterday' }).success).toBe(false);
    expect(schema.safeParse({ place: 'indoor', plate: '沪A12345' }).success).toBe(false);
  });

  it('refuses a field list with repeated keys, min above max or repeated options', () => {
    expect(fieldList.safeParse([{ key: 'a', label: 'A', type: 'text' }, { key: 'a', label: 'B', type: 'boolean' }]).success).toBe(false);
    expect(fieldList.safeParse([{ key: 'a', label: 'A', type: 'integer', min: 5, max: 1 }]).success).toBe(false);
    expect(fieldList.safeParse([{ key: 'a', label: 'A', type: 'enum', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] }]).success).toBe(false);
    expect(fieldList.safeParse([{ key: 'a', label: 'A', type: 'script' }]).success).toBe(false);
  });
});

describe('public text', () => {
  it('masks phone numbers, ID numbers and room numbers, keeping the place', () => {
    const s = redactText('昌邑路12号楼3单元502室门口，联系13812345678 或 021-63210000，身份证310101199001011234');
    expect(s).not.toMatch(/13812345678|63210000|310101199001011234|502/);
    expect(s).toContain('昌邑路12号楼');
    expect(redactText('电话 138-1234-5678')).not.toContain('5678');
  });
});
