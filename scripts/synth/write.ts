/**
 * Streaming writers: rows are buffered into ~1 MB chunks and written through a file stream
 * that is awaited on back-pressure, so memory stays flat however many rows there are.
 */
import fs from 'node:fs';
import { once } from 'node:events';

const CHUNK_CHARS = 1 << 20;

export class LineWriter {
  private readonly stream: fs.WriteStream;
  private buffer: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string) {
    this.stream = fs.createWriteStream(path, { encoding: 'utf8' });
  }

  /** Queues one line (without its newline); resolves at once unless a flush must wait for the disk. */
  async line(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length + 1;
    this.lines++;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** One CSV field: quoted only when it holds a comma, quote or line break (RFC 4180). */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter {
  private readonly out: LineWriter;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.out = new LineWriter(path);
    void this.out.line(header.join(','));
  }

  async row(fields: readonly (string | number | null)[]): Promise<void> {
    this.rows++;
    await this.out.line(fields.map(csvField).join(','));
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

export interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

/** GeoJSON FeatureCollection, one feature per line (diff-friendly, streamable). */
export class FeatureWriter {
  private readonly out: LineWriter;
  count = 0;

  constructor(path: string) {
    this.out = new LineWriter(path);
    void this.out.line('{"type":"FeatureCollection","features":[');
  }

  async add(feature: Feature): Promise<void> {
    const json = JSON.stringify(feature);
    await this.out.line(this.count++ === 0 ? json : ',' + json);
  }

  async close(): Promise<void> {
    await this.out.line(']}');
    await this.out.close();
  }
}

/** Writes a whole collection. */
export async function writeFeatures(path: string, features: Iterable<Feature>): Promise<number> {
  const w = new FeatureWriter(path);
  for (const f of features) await w.add(f);
  await w.close();
  return w.count;
}

export function writeJson(path: string, value: unknown): void {
  fs.writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
