import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { osmToFeatures } from '../../../server/import/osm-features.ts';
import { osmModelToJson } from '../../../server/import/osm-model.ts';
import { decodeOsmPbf } from '../../../server/import/osm-pbf.ts';
import { parseOsmXml } from '../../../server/import/osm-xml.ts';
import { parseFile } from '../../../server/import/parse-file.ts';
import { encodeOsmPbf } from '../../fixtures/import/osm-pbf-encoder.ts';
import { fixture, tempDir } from '../../fixtures/import/paths.ts';

const xml = readFileSync(fixture('map.osm'), 'utf8');
const fromXml = () => {
  const r = parseOsmXml(xml, 'map.osm');
  expect(r.errors).toEqual([]);
  return r.model;
};

describe('parseOsmXml', () => {
  it('reads nodes with tags and entities, ways, relations; drops deleted elements', () => {
    const m = fromXml();
    expect(m.nodes.size).toBe(18);
    expect(m.nodes.has(18)).toBe(false);
    expect(m.nodes.get(8)).toEqual({ id: 8, lon: 121.4903, lat: 31.2369, tags: { amenity: 'cafe', name: '咖啡 & 茶', opening_hours: 'Mo-Su 08:00-22:00' } });
    expect(m.ways.get(200)).toEqual({ id: 200, refs: [5, 6, 7], tags: { highway: 'residential', name: '九江路' } });
    expect(m.relations.get(300)?.members).toEqual([
      { type: 'way', ref: 301, role: 'outer' }, { type: 'way', ref: 302, role: 'outer' }, { type: 'way', ref: 303, role: 'inner' },
    ]);
  });

  it('names the line of broken XML, and refuses non-OSM documents', () => {
    const bad = parseOsmXml('<osm>\n<node id="1" lat="1" lon="2">\n</osm>', 'x.osm');
    expect(bad.errors[0].code).toBe('IMPORT_PARSE');
    expect(bad.errors[0].message).toMatch(/^x\.osm: not valid XML \(line \d\): /);
    expect(parseOsmXml('<gpx></gpx>', 'x.osm').errors[0].message).toBe('x.osm: not an OSM XML document (no <osm> root element)');
    expect(parseOsmXml('<osm><node id="1" lat="north" lon="2"/></osm>', 'x.osm').errors[0].message)
      .toBe('x.osm: node/1: attribute lat="north" is not a number');
  });
});

describe('osmToFeatures', () => {
  it('roads: ways with highway; incomplete ways skipped with a warning', () => {
    const r = osmToFeatures(fromXml(), 'map.osm', 'roads');
    expect(r.features.map((f) => f.ref)).toEqual(['map.osm way/200', 'map.osm way/201']);
    expect(r.features[0].geometry).toEqual({ type: 'LineString', coordinates: [[121.4898, 31.2358], [121.4908, 31.2358], [121.492, 31.2358]] });
    expect(r.features[1].properties).toMatchObject({ highway: 'footway', bridge: 'yes', osmId: 201 });
    expect(r.warnings).toEqual(['map.osm way/202 skipped: way 202 references node 99, which is not in the file']);
  });

  it('buildings: closed ways and multipolygon relations joined from open ways, with holes', () => {
    const r = osmToFeatures(fromXml(), 'map.osm', 'buildings');
    expect(r.features.map((f) => f.ref)).toEqual(['map.osm way/100', 'map.osm relation/300']);
    expect(r.features[0].properties).toMatchObject({ ref: 'osm:100', 'osm:ref': '1号楼', osmId: 100, building: 'apartments' });
    expect(r.features[1].properties).toMatchObject({ ref: 'osm:-300', osmId: -300 });
    expect(r.features[1].geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [[121.491, 31.2361], [121.4916, 31.2361], [121.4916, 31.2366], [121.491, 31.2366], [121.491, 31.2361]],
        [[121.4912, 31.2362], [121.4912, 31.2364], [121.4914, 31.2364], [121.4914, 31.2362], [121.4912, 31.2362]],
      ],
    });
  });

  it('places: POI nodes; households cannot come from OSM', () => {
    const r = osmToFeatures(fromXml(), 'map.osm', 'places');
    expect(r.features.map((f) => f.ref)).toEqual(['map.osm node/8', 'map.osm node/9']);
    expect(osmToFeatures(fromXml(), 'map.osm', 'households').errors[0]).toMatchObject({ code: 'IMPORT_UNSUPPORTED' });
  });
});

describe('OSM PBF', () => {
  const variants = [
    { name: 'dense nodes, zlib', opts: {} },
    { name: 'plain nodes, raw blobs', opts: { dense: false, compress: false } },
    { name: 'granularity offsets', opts: { latOffset: 31_000_000_000, lonOffset: 121_000_000_000 } },
  ];
  for (const { name, opts } of variants) {
    it(`decodes to the same model as the XML (${name})`, () => {
      const model = fromXml();
      const decoded = decodeOsmPbf(encodeOsmPbf(model, opts), 'map.osm.pbf');
      expect(decoded.errors).toEqual([]);
      expect(osmModelToJson(decoded.model)).toEqual(osmModelToJson(model));
    });
  }

  for (const file of ['map.osm.pbf', 'map-plain.osm.pbf']) {
    it(`decodes ${file} written by osmium-tool to the XML model`, () => {
      // map.osm's deleted node 18 was cut from the XML before osmium encoded it (osmium keeps action="delete" nodes).
      const model = fromXml();
      const decoded = decodeOsmPbf(readFileSync(fixture(file)), file);
      expect(decoded.errors).toEqual([]);
      expect(osmModelToJson(decoded.model)).toEqual(osmModelToJson(model));
    });
  }

  it('honours a coarser granularity', () => {
    const model = fromXml();
    const decoded = decodeOsmPbf(encodeOsmPbf(model, { granularity: 1000 }), 'g.osm.pbf').model;
    for (const n of model.nodes.values()) {
      expect(Math.abs(decoded.nodes.get(n.id)!.lat - n.lat)).toBeLessThanOrEqual(5e-7 + 1e-12);
    }
  });

  it('gives the same features as the XML through parseFile, with byte progress', async () => {
    const dir = tempDir();
    const pbfPath = path.join(dir, 'map.osm.pbf');
    writeFileSync(pbfPath, encodeOsmPbf(fromXml()));
    for (const kind of ['roads', 'buildings', 'places'] as const) {
      const progress: [number, number][] = [];
      const a = await parseFile(fixture('map.osm'), { kind, crs: 'wgs84' });
      const b = await parseFile(pbfPath, { kind, crs: 'wgs84', onProgress: (d, t) => progress.push([d, t]) });
      expect(b.errors).toEqual([]);
      expect(b.features.map(({ geometry, properties }) => ({ geometry, properties })))
        .toEqual(a.features.map(({ geometry, properties }) => ({ geometry, properties })));
      const size = readFileSync(pbfPath).length;
      expect(progress.at(-1)).toEqual([size, size]);
    }
  });

  it('refuses unsupported required features, truncated files and non-PBF bytes', () => {
    const model = fromXml();
    const hist = decodeOsmPbf(encodeOsmPbf(model, { requiredFeatures: ['HistoricalInformation'] }), 'h.osm.pbf');
    expect(hist.errors[0].message).toBe('h.osm.pbf: not a valid OSM PBF file: the file requires the unsupported feature "HistoricalInformation"');
    const full = encodeOsmPbf(model);
    const cut = decodeOsmPbf(full.subarray(0, full.length - 10), 'cut.osm.pbf');
    expect(cut.errors[0].message).toMatch(/^cut\.osm\.pbf: not a valid OSM PBF file: blob 2: bad data size/);
    const junk = decodeOsmPbf(new TextEncoder().encode('hello world, not a pbf'), 'j.osm.pbf');
    expect(junk.errors[0].code).toBe('IMPORT_PARSE');
  });
});
