import { describe, expect, it } from 'vitest';
import { toWgs84, type Crs, type LonLat } from '../../../server/geo/crs.ts';
import { haversineM } from '../../../server/geo/distance.ts';
import { navLinks } from '../../../server/places/nav-links.ts';

/** Reads the [lon, lat] a link carries, as each provider writes it. */
function coordsOf(url: string): LonLat {
  const u = new URL(url);
  if (u.protocol === 'geo:') {
    const [lat, lon] = u.pathname.split(',').map(Number);
    return [lon, lat];
  }
  if (u.host === 'uri.amap.com') {
    const [lon, lat] = u.searchParams.get('position')!.split(',').map(Number);
    return [lon, lat];
  }
  if (u.host === 'api.map.baidu.com') {
    const [lat, lon] = u.searchParams.get('location')!.split(',').map(Number);
    return [lon, lat];
  }
  const coord = /coord:([^;]+)/.exec(u.searchParams.get('marker')!)![1];
  const [lat, lon] = coord.split(',').map(Number);
  return [lon, lat];
}

const LINK_CRS: Record<'amap' | 'baidu' | 'tencent' | 'geo', Crs> = { amap: 'gcj02', baidu: 'bd09', tencent: 'gcj02', geo: 'wgs84' };

describe('navLinks: coordinates', () => {
  it('Amap and Tencent carry the published GCJ-02 position of a known point (eviltransform, Beijing) within 1 m', () => {
    const links = navLinks({ lon: 116.377817, lat: 39.911954, name: '北京' });
    const gcj: LonLat = [116.38404722455657, 39.91334545536069];
    expect(haversineM(coordsOf(links.amap), gcj)).toBeLessThan(1);
    expect(haversineM(coordsOf(links.tencent), gcj)).toBeLessThan(1);
    expect(haversineM(coordsOf(links.geo), [116.377817, 39.911954])).toBeLessThan(1);
  });

  it('Baidu carries the published BD-09 position within 1 m (coordtransform README chain at GCJ-02 116.404, 39.915)', () => {
    // coordtransform: gcj02towgs84(116.404, 39.915) = [116.39775550083061, 39.91359571849836] (one-step inverse, < 1 m),
    // gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021]
    const links = navLinks({ lon: 116.39775550083061, lat: 39.91359571849836, name: '天安门' });
    expect(haversineM(coordsOf(links.baidu), [116.41036949371029, 39.92133699351021])).toBeLessThan(1);
    expect(haversineM(coordsOf(links.amap), [116.404, 39.915])).toBeLessThan(1);
  });

  const points: [string, LonLat][] = [
    ['Shanghai Bund', [121.4998, 31.2397]],
    ['Laizhou', [119.942, 37.177]],
    ['Urumqi', [87.6168, 43.8256]],
    ['Shantou', [116.6819, 23.3541]],
  ];
  for (const [place, wgs] of points) {
    it(`${place}: every link converts back to the WGS84 input within 1 m, and the shifted ones are shifted`, () => {
      const links = navLinks({ lon: wgs[0], lat: wgs[1], name: place });
      for (const key of ['amap', 'baidu', 'tencent', 'geo'] as const) {
        const carried = coordsOf(links[key]);
        expect(haversineM(toWgs84(carried, LINK_CRS[key]), wgs), key).toBeLessThan(1);
        if (key !== 'geo') expect(haversineM(carried, wgs), key).toBeGreaterThan(100);
      }
    });
  }

  it('writes latitude first where the provider asks for it (Baidu, Tencent, geo:) and longitude first for Amap', () => {
    const links = navLinks({ lon: 121.4998, lat: 31.2397, name: 'x' });
    expect(links.amap).toMatch(/position=121\.50\d+,31\.23\d+&/);
    expect(links.baidu).toMatch(/location=31\.24\d+,121\.51\d+&/);
    expect(links.tencent).toMatch(/coord:31\.23\d+,121\.50\d+;/);
    expect(links.geo).toBe('geo:31.239700,121.499800?q=31.239700,121.499800(x)');
  });
});

describe('navLinks: URLs', () => {
  const name = '幸福驿站 (东区) & 骑手之家;100%';
  const links = navLinks({ lon: 119.942, lat: 37.177, name, address: '莱州市 文化东街 1号' });

  it('URL-encodes names (Amap, Baidu: exactly as given)', () => {
    const encoded = '%E5%B9%B8%E7%A6%8F%E9%A9%BF%E7%AB%99%20%28%E4%B8%9C%E5%8C%BA%29%20%26%20%E9%AA%91%E6%89%8B%E4%B9%8B%E5%AE%B6%3B100%25';
    expect(links.amap).toContain(`&name=${encoded}&`);
    expect(links.baidu).toContain(`&title=${encoded}&`);
    expect(new URL(links.amap).searchParams.get('name')).toBe(name);
    expect(new URL(links.baidu).searchParams.get('title')).toBe(name);
    expect(new URL(links.baidu).searchParams.get('content')).toBe('莱州市 文化东街 1号');
  });

  it('keeps Tencent marker and geo: label delimiters out of names (full-width ；：｜（）), still URL-encoded', () => {
    const marker = new URL(links.tencent).searchParams.get('marker')!;
    expect(marker.split(';').slice(1)).toEqual(['title:幸福驿站 （东区） & 骑手之家；100%', 'addr:莱州市 文化东街 1号']);
    expect(links.tencent).toContain(`;title:${encodeURIComponent('幸福驿站 （东区） & 骑手之家；100%')};addr:`);
    expect(links.geo.endsWith(`(${encodeURIComponent('幸福驿站 （东区） & 骑手之家；100%')})`)).toBe(true);
    expect(links.geo).not.toMatch(/[ &;]/);
    const odd = navLinks({ lon: 119.942, lat: 37.177, name: "a:b|c (d)!*'~" });
    expect(odd.geo).toMatch(/\(a%EF%BC%9Ab%EF%BD%9Cc%20%EF%BC%88d%EF%BC%89%21%2A%27%7E\)$/);
  });

  it('carries the parameters each provider documents', () => {
    const amap = new URL(links.amap);
    expect(`${amap.origin}${amap.pathname}`).toBe('https://uri.amap.com/marker');
    expect([...amap.searchParams.keys()]).toEqual(['position', 'name', 'src', 'coordinate', 'callnative']);
    expect(amap.searchParams.get('coordinate')).toBe('gaode');
    expect(amap.searchParams.get('callnative')).toBe('1');

    const baidu = new URL(links.baidu);
    expect(`${baidu.origin}${baidu.pathname}`).toBe('https://api.map.baidu.com/marker');
    expect([...baidu.searchParams.keys()]).toEqual(['location', 'title', 'content', 'output', 'coord_type', 'src']);
    expect(baidu.searchParams.get('output')).toBe('html');
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    expect(baidu.searchParams.get('src')).toBe('webapp.xingfujiayuan.finder');

    const tencent = new URL(links.tencent);
    expect(`${tencent.origin}${tencent.pathname}`).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect([...tencent.searchParams.keys()]).toEqual(['marker', 'referer']);
    expect(tencent.searchParams.get('referer')).toBe('xingfujiayuan.finder');
  });

  it('uses the name as details when there is no address, and a custom source', () => {
    const l = navLinks({ lon: 119.942, lat: 37.177, name: '驿站' }, { source: 'laizhou.app' });
    expect(new URL(l.baidu).searchParams.get('content')).toBe('驿站');
    expect(new URL(l.baidu).searchParams.get('src')).toBe('webapp.laizhou.app');
    expect(new URL(l.amap).searchParams.get('src')).toBe('laizhou.app');
    expect(new URL(l.tencent).searchParams.get('marker')).toContain(';addr:驿站');
  });

  it('rejects bad coordinates and sources with a message naming them', () => {
    expect(() => navLinks({ lon: Number.NaN, lat: 37, name: 'x' })).toThrow(/invalid coordinate \(NaN, 37\)/);
    expect(() => navLinks({ lon: 37.177, lat: 119.942, name: 'x' })).toThrow(/invalid coordinate \(37.177, 119.942\)/);
    expect(() => navLinks({ lon: 119, lat: 37, name: 'x' }, { source: 'a&b' })).toThrow(/invalid link source "a&b"/);
  });
});
