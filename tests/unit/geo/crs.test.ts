import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02, bd09ToWgs84, fromWgs84, gcj02ToBd09, gcj02ToWgs84, isCrs, isInChina, toWgs84, wgs84ToBd09, wgs84ToGcj02,
  type LonLat,
} from '../../../server/geo/crs.ts';
import { haversineM } from '../../../server/geo/distance.ts';

/**
 * Published reference pairs. WGS84 → GCJ-02 from the eviltransform test suite
 * (googollee/eviltransform, python test: Shanghai, Shenzhen, Beijing), and the README example
 * of wandergis/coordtransform at (116.404, 39.915); both implement the same public formulas.
 */
const WGS_GCJ: { name: string; wgs: LonLat; gcj: LonLat }[] = [
  { name: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { name: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { name: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
  { name: 'coordtransform README', wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164] },
];

describe('WGS84 → GCJ-02', () => {
  for (const { name, wgs, gcj } of WGS_GCJ) {
    it(`matches the published pair (${name})`, () => {
      const [lon, lat] = wgs84ToGcj02(wgs);
      expect(lon).toBeCloseTo(gcj[0], 9);
      expect(lat).toBeCloseTo(gcj[1], 9);
    });
  }

  it('moves Tiananmen (116.397428, 39.90923) to about (116.40366, 39.910629), a few hundred metres', () => {
    const g = wgs84ToGcj02([116.397428, 39.90923]);
    expect(g[0]).toBeCloseTo(116.40366, 4);
    expect(g[1]).toBeCloseTo(39.910629, 4);
    const m = haversineM([116.397428, 39.90923], g);
    expect(m).toBeGreaterThan(300);
    expect(m).toBeLessThan(700);
  });

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02([2.3522, 48.8566])).toEqual([2.3522, 48.8566]);
    expect(gcj02ToWgs84([-74.006, 40.7128])).toEqual([-74.006, 40.7128]);
  });
});

describe('GCJ-02 → WGS84 (iterative)', () => {
  for (const { name, wgs, gcj } of WGS_GCJ) {
    it(`recovers the WGS84 point to < 1e-7° (${name})`, () => {
      const [lon, lat] = gcj02ToWgs84(gcj);
      expect(Math.abs(lon - wgs[0])).toBeLessThan(1e-7);
      expect(Math.abs(lat - wgs[1])).toBeLessThan(1e-7);
    });
  }

  it('is more exact than the one-step approximation published by coordtransform', () => {
    // coordtransform's gcj02towgs84(116.404, 39.915) = [116.39775550083061, 39.91359571849836] (one step)
    const exact = gcj02ToWgs84([116.404, 39.915]);
    const [fLon, fLat] = wgs84ToGcj02(exact);
    expect(Math.abs(fLon - 116.404)).toBeLessThan(1e-9);
    expect(Math.abs(fLat - 39.915)).toBeLessThan(1e-9);
    const approxResidual = haversineM(wgs84ToGcj02([116.39775550083061, 39.91359571849836]), [116.404, 39.915]);
    expect(approxResidual).toBeGreaterThan(0.01);
    expect(haversineM(exact, [116.39775550083061, 39.91359571849836])).toBeLessThan(1);
  });
});

describe('BD-09', () => {
  it('GCJ-02 → BD-09 matches coordtransform README (116.404, 39.915)', () => {
    const [lon, lat] = gcj02ToBd09([116.404, 39.915]);
    expect(lon).toBeCloseTo(116.41036949371029, 9);
    expect(lat).toBeCloseTo(39.92133699351021, 9);
  });

  it('BD-09 → GCJ-02 agrees with the published closed form to 1e-6° and inverts exactly', () => {
    // coordtransform bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631] (closed form, approximate)
    const g = bd09ToGcj02([116.404, 39.915]);
    expect(Math.abs(g[0] - 116.39762729119315)).toBeLessThan(1e-6);
    expect(Math.abs(g[1] - 39.90865673957631)).toBeLessThan(1e-6);
    const back = gcj02ToBd09(g);
    expect(Math.abs(back[0] - 116.404)).toBeLessThan(1e-9);
    expect(Math.abs(back[1] - 39.915)).toBeLessThan(1e-9);
  });
});

describe('round trips within 1 m', () => {
  const points: [string, LonLat][] = [
    ['Shanghai Bund', [121.4998, 31.2397]],
    ['Laizhou', [119.942, 37.177]],
    ['Urumqi', [87.6168, 43.8256]],
    ['Shantou', [116.6819, 23.3541]],
    ['Guiyang', [106.6302, 26.6477]],
  ];
  for (const [name, p] of points) {
    it(`${name}: WGS84 → GCJ-02 → WGS84 and WGS84 → BD-09 → WGS84`, () => {
      expect(haversineM(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(1);
      expect(haversineM(bd09ToWgs84(wgs84ToBd09(p)), p)).toBeLessThan(1);
      // and far tighter than required: 1e-7° is ≈ 1 cm
      expect(haversineM(bd09ToWgs84(wgs84ToBd09(p)), p)).toBeLessThan(0.01);
    });
  }

  it('Shanghai (121.4998, 31.2397) through toWgs84/fromWgs84 for every CRS', () => {
    const p: LonLat = [121.4998, 31.2397];
    for (const crs of ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const) {
      expect(haversineM(toWgs84(fromWgs84(p, crs), crs), p)).toBeLessThan(1);
    }
    expect(haversineM(fromWgs84(p, 'bd09'), p)).toBeGreaterThan(500);
  });
});

describe('helpers', () => {
  it('treats CGCS2000 as WGS84', () => {
    expect(toWgs84([121.4998, 31.2397], 'cgcs2000')).toEqual([121.4998, 31.2397]);
    expect(fromWgs84([121.4998, 31.2397, 12], 'cgcs2000')).toEqual([121.4998, 31.2397]);
  });

  it('isInChina is the usual rectangle', () => {
    expect(isInChina(121.4998, 31.2397)).toBe(true);
    expect(isInChina(87.6168, 43.8256)).toBe(true);
    expect(isInChina(139.69, 35.68)).toBe(false); // Tokyo
    expect(isInChina(2.35, 48.85)).toBe(false);
  });

  it('isCrs', () => {
    expect(isCrs('gcj02')).toBe(true);
    expect(isCrs('GCJ02')).toBe(false);
    expect(isCrs('epsg:3857')).toBe(false);
  });

  it('haversine: 1° of latitude ≈ 111.2 km', () => {
    expect(haversineM([121, 31], [121, 32])).toBeCloseTo(111_195, -1);
  });
});
