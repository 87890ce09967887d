import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { firstProp, groupByOsmId, unionPieces } from '../../../scripts/data-build/merge-pieces.ts';
import type { OsmFeature } from '../../../scripts/data-build/types.ts';

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const piece = (id: number | null, geometry: any, props: Record<string, unknown> = {}): OsmFeature => ({
  type: 'Feature', properties: { osm_id: id, ...props }, geometry,
});

describe('groupByOsmId', () => {
  it('groups the pieces of one object and keeps anonymous pieces apart', () => {
    const groups = groupByOsmId([piece(1, null), piece(2, null), piece(1, null), piece(null, null), piece(null, null)]);
    expect(groups.map((g) => g.length)).toEqual([2, 1, 1, 1]);
    expect(groups[0].every((p) => p.properties.osm_id === 1)).toBe(true);
  });
  it('takes the first non-empty property across pieces', () => {
    expect(firstProp([piece(1, null, { name: null }), piece(1, null, { name: '福佑路' })], 'name')).toBe('福佑路');
  });
});

describe('unionPieces', () => {
  it('merges two halves cut at a tile edge into one polygon of the whole area', () => {
    const whole = rect(121.48, 31.23, 121.482, 31.232);
    const u = unionPieces([rect(121.48, 31.23, 121.481, 31.232), rect(121.481, 31.23, 121.482, 31.232)])!;
    expect(u.type).toBe('Polygon');
    expect(Math.abs(area(u) - area(whole))).toBeLessThan(0.01);
  });
  it('counts a building repeated in two tiles once', () => {
    const b = rect(121.48, 31.23, 121.4802, 31.2302);
    expect(Math.abs(area(unionPieces([b, b])!) - area(b))).toBeLessThan(0.01);
  });
});
