/**
 * A small Well-Known Text reader for the geometries spreadsheets carry: POINT, MULTIPOINT,
 * LINESTRING, MULTILINESTRING, POLYGON, MULTIPOLYGON, with optional Z/M/ZM (extra ordinates
 * kept) and an optional EWKT `SRID=n;` prefix. Coordinates are read as `x y` = `lon lat`.
 */
import type { Geometry, Position } from './geojson.ts';

export class WktError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WktError';
  }
}

export interface WktResult {
  geometry: Geometry;
  /** The EWKT SRID when given (e.g. 4326, 4490), else null. */
  srid: number | null;
}

type Token = { kind: 'word' | 'num' | '(' | ')' | ','; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([(),]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      const at = pos + (text.slice(pos).length - text.slice(pos).trimStart().length);
      throw new WktError(`WKT: unexpected character ${JSON.stringify(text[at])} at position ${at + 1}`);
    }
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length + 1;
    if (m[1]) tokens.push({ kind: 'word', text: m[1].toUpperCase(), at });
    else if (m[2]) tokens.push({ kind: 'num', text: m[2], at });
    else tokens.push({ kind: m[3] as '(' | ')' | ',', text: m[3], at });
    pos = re.lastIndex;
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new WktError('WKT: unexpected end of text');
    return t;
  }

  expect(kind: Token['kind']): Token {
    const t = this.next();
    if (t.kind !== kind) throw new WktError(`WKT: expected '${kind}' but found '${t.text}' at position ${t.at}`);
    return t;
  }

  done(): void {
    const t = this.peek();
    if (t) throw new WktError(`WKT: unexpected '${t.text}' at position ${t.at} after the geometry`);
  }

  position(dims: number): Position {
    const p: number[] = [];
    while (this.peek()?.kind === 'num') p.push(Number(this.next().text));
    if (p.length < 2 || (dims > 0 && p.length !== dims)) {
      const t = this.peek();
      throw new WktError(`WKT: expected ${dims > 0 ? dims : 'at least 2'} numbers per position near position ${t ? t.at : 'end'}`);
    }
    return p;
  }

  /** `( item, item, … )` */
  list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.peek()?.kind === ',') {
      this.next();
      out.push(item());
    }
    this.expect(')');
    return out;
  }
}

/** Parses one WKT/EWKT geometry. Throws WktError naming the position of the problem. */
export function parseWkt(text: string): WktResult {
  let body = text.trim();
  let srid: number | null = null;
  const ewkt = /^SRID=(\d+);/i.exec(body);
  if (ewkt) {
    srid = Number(ewkt[1]);
    body = body.slice(ewkt[0].length);
  }
  const r = new Reader(tokenize(body));
  const head = r.next();
  if (head.kind !== 'word') throw new WktError(`WKT: expected a geometry type but found '${head.text}'`);
  let dims = 0;
  const mod = r.peek();
  if (mod?.kind === 'word') {
    if (mod.text === 'EMPTY') throw new WktError(`WKT: ${head.text} EMPTY has no coordinates`);
    if (!['Z', 'M', 'ZM'].includes(mod.text)) throw new WktError(`WKT: unexpected '${mod.text}' after ${head.text}`);
    dims = mod.text === 'ZM' ? 4 : 3;
    r.next();
  }
  if (r.peek()?.text === 'EMPTY') throw new WktError(`WKT: ${head.text} EMPTY has no coordinates`);
  const pos = () => r.position(dims);
  const line = () => r.list(pos);
  const poly = () => r.list(line);
  let geometry: Geometry;
  switch (head.text) {
    case 'POINT': {
      const pts = r.list(pos);
      if (pts.length !== 1) throw new WktError(`WKT: POINT has ${pts.length} positions, expected 1`);
      geometry = { type: 'Point', coordinates: pts[0] };
      break;
    }
    case 'MULTIPOINT':
      // Both `MULTIPOINT (1 2, 3 4)` and `MULTIPOINT ((1 2), (3 4))` are in use.
      geometry = { type: 'MultiPoint', coordinates: r.list(() => (r.peek()?.kind === '(' ? r.list(pos)[0] : pos())) };
      break;
    case 'LINESTRING':
      geometry = { type: 'LineString', coordinates: line() };
      break;
    case 'MULTILINESTRING':
      geometry = { type: 'MultiLineString', coordinates: r.list(line) };
      break;
    case 'POLYGON':
      geometry = { type: 'Polygon', coordinates: poly() };
      break;
    case 'MULTIPOLYGON':
      geometry = { type: 'MultiPolygon', coordinates: r.list(poly) };
      break;
    default:
      throw new WktError(`WKT: unsupported geometry type ${head.text} (expected POINT, LINESTRING, POLYGON, MULTIPOLYGON, MULTIPOINT or MULTILINESTRING)`);
  }
  r.done();
  return { geometry, srid };
}
