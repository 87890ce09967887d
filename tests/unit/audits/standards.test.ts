/** The standards check on crafted compounds: exact shortfalls per region rule (issue 5). */
import { describe, expect, it } from 'vitest';
import { checkCommunity, checkCompound, PM_RULES, type Room } from '../../../server/audits/standards.ts';

const room = (id: number, kind: string, status: string, areaM2: number | null, measuredAreaM2: number | null = null): Room =>
  ({ id, name: `room ${id}`, kind, status, areaM2, measuredAreaM2 });

// 50,000 m² total, 40,000 above ground: the ratio decides under every rule.
const big = { totalFloorAreaM2: 50_000, aboveGroundAreaM2: 40_000 };
const bigRooms = [
  room(1, 'property_room', 'in_use', 70, 60), // measured area wins: 60
  room(2, 'property_room', 'occupied', 30), // occupied: does not count
  room(3, 'property_room', 'registered', 25), // declared only: 25
  room(4, 'community_service_room', 'in_use', 100), // another kind
  room(5, 'property_room', 'missing', 40), // missing: does not count
];
// 10,000 m² total, above-ground unknown: the minimum decides where there is one.
const small = { totalFloorAreaM2: 10_000, aboveGroundAreaM2: null };
const smallRooms = [room(6, 'property_room', 'reclaimed', 55), room(7, 'property_room', 'converted', 500)];

describe('property management rooms per region rule', () => {
  const cases: [string, number, number, number][] = [
    // rule, required (big), shortfall (big), shortfall (small)
    ['p2_min80', 100, 15, 25],
    ['p3_min90', 150, 65, 35],
    ['p4_min50', 200, 115, 0],
    ['p7_above_ground', 280, 195, 15],
  ];
  for (const [rule, required, shortBig, shortSmall] of cases) {
    it(`${rule}: ${required} m² required of 50,000 m², shortfalls ${shortBig} and ${shortSmall} m²`, () => {
      const b = checkCompound(big, bigRooms, PM_RULES[rule]);
      expect(b).toMatchObject({ rule, requiredM2: required, providedM2: 85, shortfallM2: shortBig, ok: false });
      expect(b.counted.map((r) => [r.id, r.countedM2])).toEqual([[1, 60], [3, 25]]);
      expect(b.excluded.map((r) => [r.id, r.reason])).toEqual([[2, 'OCCUPIED'], [5, 'MISSING']]);
      const s = checkCompound(small, smallRooms, PM_RULES[rule]);
      expect(s.shortfallM2).toBe(shortSmall);
      expect(s.ok).toBe(shortSmall === 0);
      expect(s.excluded.map((r) => r.reason)).toEqual(['CONVERTED']);
    });
  }
  it('the minimum applies when the ratio gives less; 7‰ has none and falls back to the total area', () => {
    expect(checkCompound(small, [], PM_RULES.p2_min80).requiredM2).toBe(80);
    expect(checkCompound(small, [], PM_RULES.p7_above_ground).requiredM2).toBe(70);
    expect(checkCompound({ totalFloorAreaM2: 0, aboveGroundAreaM2: 0 }, [], PM_RULES.p7_above_ground)).toMatchObject({ requiredM2: 0, ok: true });
  });
});

describe('community service rooms per 100 households', () => {
  const rooms = [room(1, 'community_service_room', 'in_use', 200), room(2, 'community_service_room', 'missing', 100),
    room(3, 'community_service_room', 'converted', 150), room(4, 'property_room', 'in_use', 999), room(5, 'community_service_room', 'idle', null)];
  it('30 m² per 100 households: 1,234 households need 370.2 m², 350 m² count, 20.2 m² short', () => {
    const c = checkCommunity(1234, rooms);
    expect(c).toMatchObject({ households: 1234, per100: 30, requiredM2: 370.2, providedM2: 350, shortfallM2: 20.2, ok: false });
    expect(c.excluded.map((r) => [r.id, r.reason])).toEqual([[2, 'MISSING'], [5, 'NO_AREA']]);
  });
  it('is configurable: 20 m² per 100 households is met', () => {
    expect(checkCommunity(1234, rooms, 20)).toMatchObject({ requiredM2: 246.8, shortfallM2: 0, ok: true });
  });
});
