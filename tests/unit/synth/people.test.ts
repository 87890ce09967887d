import { describe, expect, it } from 'vitest';
import { centralGroups, householdMembers, REFERENCE_YEAR, roomNumbers, unitResidents } from '../../../scripts/synth/people.ts';
import { Rng } from '../../../scripts/synth/rng.ts';

describe('roomNumbers', () => {
  it('gives distinct rooms spread over the floors', () => {
    const rooms = roomNumbers(25, 18, 1);
    expect(new Set(rooms).size).toBe(25);
    expect(rooms[0]).toBe('2-101');
    expect(rooms.at(-1)).toMatch(/^2-18\d\d$/);
  });
});

describe('centralGroups', () => {
  it('links every other household once, 5–10 per central household, about 1 in 8', () => {
    const rng = new Rng(2);
    for (let n = 20; n <= 30; n++) {
      const codes = Array.from({ length: n }, (_, i) => String(i + 1).padStart(3, '0'));
      const groups = centralGroups(codes, rng);
      expect(groups.length).toBe(Math.max(1, Math.round(n / 8)));
      const linked = groups.flatMap((g) => g.linked);
      expect(new Set([...linked, ...groups.map((g) => g.central)]).size).toBe(n);
      for (const g of groups) {
        expect(g.linked.length).toBeGreaterThanOrEqual(5);
        expect(g.linked.length).toBeLessThanOrEqual(10);
        expect(g.linked).not.toContain(g.central);
      }
    }
  });
});

describe('householdMembers', () => {
  it('has one head first, plausible birth years, phones for all, groups from the list', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 2000; i++) {
      const size = 1 + (i % 6);
      const ms = householdMembers('h', size, rng);
      expect(ms).toHaveLength(size);
      expect(ms[0].relation).toBe('户主');
      expect(ms.filter((m) => m.relation === '户主')).toHaveLength(1);
      for (const m of ms) {
        expect(m.birthYear).toBeGreaterThan(REFERENCE_YEAR - 100);
        expect(m.birthYear).toBeLessThan(REFERENCE_YEAR);
        expect(m.phone).toMatch(/^1390000\d{4}$/);
        for (const g of m.groups) expect(['低保', '独居老人', '残疾人', '留守儿童']).toContain(g);
        if (m.groups.includes('留守儿童')) expect(REFERENCE_YEAR - m.birthYear).toBeLessThan(16);
      }
      const head = ms[0];
      for (const kid of ms.filter((m) => m.relation === '子女')) expect(kid.birthYear).toBeGreaterThan(head.birthYear + 15);
    }
  });
});

describe('unitResidents', () => {
  it('writes the unit households with codes unit + 3 digits, a leader from among them', () => {
    const r = unitResidents({ code: '37068300100101001', buildingRef: 'syn:1', floors: 11, section: 0, households: 26 }, new Rng(1));
    expect(r.households.map((h) => h.code)).toEqual(Array.from({ length: 26 }, (_, i) => `37068300100101001${String(i + 1).padStart(3, '0')}`));
    expect(r.members.length).toBe(r.households.reduce((s, h) => s + h.size, 0));
    const leader = r.people.find((p) => p.role === 'building_leader')!;
    expect(r.households.map((h) => h.code)).toContain(leader.householdCode);
    expect(r.members.find((m) => m.householdCode === leader.householdCode && m.relation === '户主')!.name).toBe(leader.name);
  });
});
