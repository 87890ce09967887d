/**
 * Grid signs (一牌四公开): a real PDF, one A4 page per grid, whose QR code — read back from the
 * drawn squares with a QR decoder — opens the grid's public page; bad requests are a clear 4xx.
 */
import { sql } from 'kysely';
import zlib from 'node:zlib';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { pdfInfo } from '../support/pdf.ts';

let api: ApiContext;
const PUBLIC = 'https://grid.example.cn';
beforeAll(async () => {
  api = await startApi({ config: { publicUrl: PUBLIC } });
});
afterAll(async () => {
  await api?.close();
});

async function pdf(path: string): Promise<{ status: number; buf: Buffer; type: string | null; body: any }> {
  const res = await fetch(api.base + path, { headers: { 'x-forwarded-for': api.ip } });
  const buf = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, buf, type, body: type?.includes('json') ? JSON.parse(buf.toString()) : null };
}

/** Every page's content stream, inflated. */
function contentStreams(buf: Buffer): string[] {
  const out: string[] = [];
  const s = buf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(zlib.inflateSync(buf.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a Flate stream */
    }
    re.lastIndex = end;
  }
  return out.filter((c) => / re\b/.test(c));
}

/** The QR code drawn as squares in a content stream, decoded. */
function readQr(content: string): string | null {
  const rects = [...content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number));
  const sizes = new Map<string, number>();
  for (const [, , w, h] of rects) if (Math.abs(w - h) < 1e-6) sizes.set(w.toFixed(4), (sizes.get(w.toFixed(4)) ?? 0) + 1);
  const module = Number([...sizes.entries()].sort((a, b) => b[1] - a[1])[0][0]);
  const dark = rects.filter(([, , w, h]) => Math.abs(w - module) < 1e-3 && Math.abs(h - module) < 1e-3);
  const x0 = Math.min(...dark.map((r) => r[0]));
  const y0 = Math.min(...dark.map((r) => r[1]));
  const cells = dark.map(([x, y]) => [Math.round((x - x0) / module), Math.round((y - y0) / module)]);
  const n = Math.max(...cells.flat()) + 1;
  const px = 4;
  const quiet = 4;
  const size = (n + 2 * quiet) * px;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [c, r] of cells) {
    for (let dy = 0; dy < px; dy++) for (let dx = 0; dx < px; dx++) {
      const i = ((r + quiet) * px + dy) * size + (c + quiet) * px + dx;
      data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = 0;
    }
  }
  return jsQR(data, size, size)?.data ?? null;
}

const pages = (buf: Buffer) => (buf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe(`grid signs (${backendName()})`, () => {
  it('prints one A4 page for a grid with a QR code to its public page', async () => {
    const [g] = (await sql<{ id: number; code: string }>`select id, code from areas where level = 'grid' order by code limit 1`.execute(api.database.db)).rows;
    const r = await pdf(`/api/areas/${g.id}/signs.pdf`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.buf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pages(r.buf)).toBe(1);
    expect(r.buf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595.28 841.89\]/);
    const [content] = contentStreams(r.buf);
    expect(readQr(content)).toBe(`${PUBLIC}/?area=${g.id}`);
  });

  it('prints every grid of a community, one page each, each QR to its own grid', async () => {
    const [c] = (await sql<{ id: number; n: number }>`select c.id, count(g.id)::int n from areas c join areas g on g.parent_id = c.id where c.level = 'community' group by c.id order by count(g.id) desc limit 1`.execute(api.database.db)).rows;
    expect(c.n).toBeGreaterThan(1);
    const r = await pdf(`/api/areas/${c.id}/signs.pdf`);
    expect(r.status).toBe(200);
    expect(pages(r.buf)).toBe(c.n);
    const info = pdfInfo(r.buf); // a real reader opens it (poppler, installed by .ci/run)
    if (info) expect(info).toEqual({ pages: c.n, blankFirstPage: false });
    const grids = (await sql<{ id: number }>`select id from areas where parent_id = ${c.id} order by code`.execute(api.database.db)).rows;
    const urls = contentStreams(r.buf).map(readQr);
    expect(urls).toEqual(grids.map((g) => `${PUBLIC}/?area=${g.id}`));
  });

  it('answers a street, a unit, a missing area and a bad id with a clear 4xx', async () => {
    const street = (await sql<{ id: number; code: string }>`select id, code from areas where level = 'street' limit 1`.execute(api.database.db)).rows[0];
    const unit = (await sql<{ id: number }>`select id from areas where level = 'unit' limit 1`.execute(api.database.db)).rows[0];
    const s = await pdf(`/api/areas/${street.id}/signs.pdf`);
    expect(s.status).toBe(422);
    expect(s.body.error.message).toContain(`area ${street.code} is a street`);
    expect((await pdf(`/api/areas/${unit.id}/signs.pdf`)).status).toBe(422);
    const missing = await pdf('/api/areas/99999999/signs.pdf');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('area 99999999');
    expect((await pdf('/api/areas/abc/signs.pdf')).status).toBe(400);
  });
});
