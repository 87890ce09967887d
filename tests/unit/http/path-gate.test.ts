/** The path gate in front of domain routers: which routers a request may skip, and that it skips only those. */
import express, { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { gated, routeKeys } from '../../../server/http/path-gate.ts';

const ok = () => {};

describe('routeKeys', () => {
  it('takes the first two segments of every route, nested routers included', () => {
    const inner = Router();
    inner.get('/api/bookings/:id.ics', ok);
    const r = Router();
    r.get('/api/places/nearest', ok);
    r.post('/api/places/:id/photos', ok);
    r.use(inner);
    expect([...routeKeys(r as never)!].sort()).toEqual(['/api/bookings', '/api/places']);
  });

  it('gives up (null: always enter) on a parameter in the first two segments, a pattern or a bare middleware', () => {
    const param = Router();
    param.get('/api/:thing', ok);
    expect(routeKeys(param as never)).toBeNull();
    const short = Router();
    short.get('/health', ok);
    expect(routeKeys(short as never)).toBeNull();
    const wild = Router();
    wild.get(/^\/api\/x/, ok);
    expect(routeKeys(wild as never)).toBeNull();
    const mw = Router();
    mw.use(ok);
    expect(routeKeys(mw as never)).toBeNull();
  });
});

describe('gated', () => {
  async function answer(router: Router, url: string): Promise<number> {
    const app = express();
    app.use(gated(router));
    app.use((_req, res) => {
      res.status(404).end();
    });
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as { port: number };
      return (await fetch(`http://127.0.0.1:${port}${url}`)).status;
    } finally {
      server.close();
    }
  }

  it('answers the same as the router itself (case-insensitive, trailing slash), and skips it elsewhere', async () => {
    const r = Router();
    r.get('/api/places/nearest', (_req, res) => {
      res.status(200).end();
    });
    expect(await answer(r, '/api/places/nearest')).toBe(200);
    expect(await answer(r, '/API/Places/Nearest/')).toBe(200);
    expect(await answer(r, '/api/places/nearest?lon=1&lat=2')).toBe(200);
    expect(await answer(r, '/api/areas')).toBe(404);
    expect(await answer(r, '/api/placesx/nearest')).toBe(404);
  });

  it('leaves a router it cannot gate as it is', () => {
    const r = Router();
    r.use(ok);
    expect(gated(r)).toBe(r);
  });
});
