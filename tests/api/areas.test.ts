/** The areas, search, map and system endpoints, and their 4xx answers to bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe(`areas API (${backendName()})`, () => {
  it('health reports backend, versions and current migrations', async () => {
    const { status, body } = await api.get('/api/health');
    expect(status).toBe(200);
    expect(body.backend).toBe(backendName());
    expect(body.postgres).toMatch(/^1[5-9]/);
    expect(body.postgis).toMatch(/^3\./);
    expect(body.migrations.current).toBe(true);
    expect(body.migrations.pending).toEqual([]);
  });

  it('lists streets as GeoJSON with totals that sum to all households', async () => {
    const { status, body } = await api.get('/api/areas?level=street');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBeGreaterThanOrEqual(3);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties).toMatchObject({ level: 'street', parentId: null });
      expect(f.properties.code).toMatch(/^\d{9}$/);
    }
    const total = body.features.reduce((s: number, f: any) => s + f.properties.households, 0);
    const communities = await api.get('/api/areas?level=community');
    expect(communities.body.features.reduce((s: number, f: any) => s + f.properties.households, 0)).toBe(total);
  });

  it('filters by parent and bbox, and bands grids against 200–400', async () => {
    const streets = (await api.get('/api/areas?level=street')).body.features;
    const street = streets[0].properties;
    const comms = (await api.get(`/api/areas?parent=${street.id}`)).body.features;
    expect(comms.length).toBeGreaterThan(0);
    expect(comms.every((f: any) => f.properties.parentId === street.id && f.properties.level === 'community')).toBe(true);
    expect(comms.reduce((s: number, f: any) => s + f.properties.households, 0)).toBe(street.households);
    const grids = (await api.get('/api/areas?level=grid')).body.features;
    for (const g of grids) {
      const h = g.properties.households;
      expect(g.properties.band).toBe(h < 200 ? 'under' : h > 400 ? 'over' : 'in');
    }
    const tiny = await api.get('/api/areas?level=grid&bbox=0,0,0.001,0.001');
    expect(tiny.status).toBe(200);
    expect(tiny.body.features).toEqual([]);
  });

  it('gives an area with breadcrumbs, children summary and public contacts only', async () => {
    const grid = (await api.get('/api/areas?level=grid')).body.features[0].properties;
    const { status, body } = await api.get(`/api/areas/${grid.id}`);
    expect(status).toBe(200);
    expect(body.breadcrumbs.map((b: any) => b.level)).toEqual(['street', 'community']);
    expect(body.childrenSummary.count).toBe(body.children.length);
    expect(body.childrenSummary.households).toBe(body.households);
    expect(body.children.every((c: any) => c.level === 'unit')).toBe(true);
    expect(body.people.map((p: any) => p.role)).toEqual(expect.arrayContaining(['grid_leader', 'grid_worker']));
    expect(body.people.find((p: any) => p.role === 'grid_worker').roleName).toBe('网格员');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/relation|birth|低保|独居老人|残疾人|留守儿童/);
    expect(body.bbox).toHaveLength(4);
    expect(body.center).toHaveLength(2);
  });

  it('answers bad input with a clear 4xx naming the problem', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/areas?level=province', 400, /level/],
      ['/api/areas', 400, /level or parent/],
      ['/api/areas?level=grid&bbox=1,2,3', 400, /bbox/],
      ['/api/areas?level=grid&bbox=121.5,31.3,121.4,31.2', 400, /bbox/],
      ['/api/areas?level=grid&bbox=10,10,20,20', 400, /more than 2 degrees/],
      ['/api/areas/abc', 400, /id/],
      ['/api/areas/-4', 400, /id/],
      ['/api/areas/99999999999', 400, /id/],
      ['/api/areas/999999', 404, /area 999999 does not exist/],
      ['/api/search?q=', 400, /q/],
      ['/api/map/rivers', 400, /layer/],
      ['/api/nope', 404, /no API route/],
    ];
    for (const [path, status, msg] of cases) {
      const r = await api.get(path);
      expect(r.status, path).toBe(status);
      expect(r.body.error.code, path).toBeTypeOf('string');
      expect(r.body.error.message, path).toMatch(msg);
    }
  });

  it('searches areas by name and code, buildings and places by name', async () => {
    const grid = (await api.get('/api/areas?level=grid')).body.features[0].properties;
    const byCode = await api.get(`/api/search?q=${grid.code}`);
    expect(byCode.body.results[0]).toMatchObject({ type: 'area', id: grid.id, code: grid.code });
    const street = (await api.get('/api/areas?level=street')).body.features[0].properties;
    const byName = await api.get(`/api/search?q=${encodeURIComponent(street.name)}`);
    expect(byName.body.results[0]).toMatchObject({ type: 'area', name: street.name });
    const pct = await api.get(`/api/search?q=${encodeURIComponent('%')}`);
    expect(pct.status).toBe(200);
    expect(pct.body.results).toEqual([]);
  });

  it('serves map layers by bbox', async () => {
    const meta = (await api.get('/api/meta')).body;
    expect(meta.attribution).toMatch(/OpenStreetMap/);
    const bbox = meta.bbox.join(',');
    for (const layer of ['buildings', 'roads', 'basemap', 'places']) {
      const r = await api.get(`/api/map/${layer}?bbox=${bbox}&zoom=15`);
      expect(r.status, layer).toBe(200);
      expect(r.body.features.length, layer).toBeGreaterThan(0);
    }
  });

  it('publishes an OpenAPI 3.1 document covering the routes', async () => {
    const { body } = await api.get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const p of ['/api/areas', '/api/areas/{id}', '/api/search', '/api/health', '/api/map/{layer}']) expect(body.paths[p], p).toBeDefined();
    const level = body.paths['/api/areas'].get.parameters.find((p: any) => p.name === 'level');
    expect(level.schema.enum).toEqual(['street', 'community', 'grid', 'unit']);
  });
});
