import { area, booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { countyFaces, type Bbox } from '../../../scripts/data-build/counties.ts';
import { centreline, halfPlane } from '../../../scripts/data-build/dividers.ts';
import { localProjection } from '../../../scripts/data-build/geo.ts';
import type { OsmFeature } from '../../../scripts/data-build/types.ts';

const line = (name: string, coords: number[][]): OsmFeature => ({
  type: 'Feature', properties: { layer: 'boundary', name }, geometry: { type: 'LineString', coordinates: coords },
});

describe('countyFaces', () => {
  it('names each face by the county its boundary lines share', () => {
    const b: Bbox = [121.48, 31.22, 121.5, 31.24];
    const j = [121.49, 31.23];
    const faces = countyFaces([
      line('A区 - B区', [j, [121.49, 31.24]]), line('B区 - C区', [j, [121.5, 31.23]]), line('A区 - C区', [j, [121.49, 31.22]]),
    ], b);
    const at = (lon: number, lat: number) => faces.find((f) => booleanPointInPolygon([lon, lat], f.geometry))?.county;
    expect(faces).toHaveLength(3);
    expect(at(121.485, 31.23)).toBe('A区');
    expect(at(121.495, 31.235)).toBe('B区');
    expect(at(121.495, 31.225)).toBe('C区');
    const total = faces.reduce((s, f) => s + area(f.geometry), 0);
    expect(total / area({ type: 'Polygon', coordinates: [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]] })).toBeCloseTo(1, 6);
  });
});

describe('street dividers', () => {
  const proj = localProjection(121.49, 31.23);
  it('averages a dual carriageway into one centre line', () => {
    const north = [[-300, 10], [300, 10]].map((p) => proj.toLonLat(p));
    const south = [[300, -10], [-300, -10]].map((p) => proj.toLonLat(p));
    const c = centreline([north, south], 'x', proj);
    for (const p of c) expect(Math.abs(proj.toXY(p)[1])).toBeLessThan(0.5);
  });
  it('cuts the bbox along the line into a north and a south half-plane', () => {
    const road = [[-300, 0], [0, 40], [300, 0]].map((p) => proj.toLonLat(p));
    const b: Bbox = [121.48, 31.22, 121.5, 31.24];
    const south = halfPlane(road, 'south', b);
    expect(booleanPointInPolygon(proj.toLonLat([0, 20]), south)).toBe(true);
    expect(booleanPointInPolygon(proj.toLonLat([0, 60]), south)).toBe(false);
    expect(booleanPointInPolygon(proj.toLonLat([800, -5]), south)).toBe(true); // the end is extended
  });
});
