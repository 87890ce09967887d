/**
 * OSM PBF reader (https://wiki.openstreetmap.org/wiki/PBF_Format) on the `pbf` package and
 * node:zlib → OsmModel, the same model the XML reader builds.
 * A file is a sequence of [4-byte big-endian length][BlobHeader][Blob]; the first blob is an
 * OSMHeader, the rest OSMData PrimitiveBlocks with a string table and groups of (dense) nodes,
 * ways and relations. Coordinates are nanodegrees: 1e-9 · (offset + granularity · value).
 */
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { ErrorCollector, IMPORT_ERROR_CODES as C, REASONS, type ImportError } from './errors.ts';
import { emptyOsmModel, type OsmElementType, type OsmModel, type OsmTags } from './osm-model.ts';
import type { ProgressFn } from './types.ts';

/** Spec limits: a BlobHeader under 64 KiB, a Blob under 32 MiB. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);
const MEMBER_TYPES: OsmElementType[] = ['node', 'way', 'relation'];
const COMPRESSIONS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

class PbfFormatError extends Error {}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: Uint8Array[];
}

function blobData(bytes: Uint8Array, index: number): Uint8Array {
  const blob = new PbfReader(bytes).readFields<{ raw?: Uint8Array; zlib?: Uint8Array; rawSize?: number; other?: string }>((tag, b, pbf) => {
    if (tag === 1) b.raw = pbf.readBytes();
    else if (tag === 2) b.rawSize = pbf.readVarint();
    else if (tag === 3) b.zlib = pbf.readBytes();
    else if (COMPRESSIONS[tag]) b.other = COMPRESSIONS[tag];
  }, {});
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    const out = new Uint8Array(inflateSync(blob.zlib));
    if (blob.rawSize !== undefined && out.length !== blob.rawSize) {
      throw new PbfFormatError(`blob ${index}: inflated to ${out.length} bytes, header says ${blob.rawSize}`);
    }
    return out;
  }
  if (blob.other) throw new PbfFormatError(REASONS.pbfCompression(index, blob.other));
  throw new PbfFormatError(`blob ${index} has no data`);
}

function checkHeaderBlock(data: Uint8Array): void {
  const required: string[] = [];
  new PbfReader(data).readFields((tag, _r, pbf) => {
    if (tag === 4) required.push(pbf.readString());
  }, null);
  for (const f of required) if (!SUPPORTED_FEATURES.has(f)) throw new PbfFormatError(REASONS.pbfFeature(f));
}

function readBlock(data: Uint8Array): Block {
  return new PbfReader(data).readFields<Block>((tag, b, pbf) => {
    if (tag === 1) pbf.readMessage((t, s: string[], p) => { if (t === 1) s.push(p.readString()); }, b.strings);
    else if (tag === 2) b.groups.push(pbf.readBytes());
    else if (tag === 17) b.granularity = pbf.readVarint();
    else if (tag === 19) b.latOffset = pbf.readVarint(true);
    else if (tag === 20) b.lonOffset = pbf.readVarint(true);
  }, { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] });
}

function tagsFrom(strings: string[], keys: number[], vals: number[]): OsmTags {
  const tags: OsmTags = {};
  keys.forEach((k, i) => { tags[strings[k]] = strings[vals[i]]; });
  return tags;
}

type Element = { id: number; keys: number[]; vals: number[]; lat: number; lon: number; refs: number[]; roles: number[]; memids: number[]; types: number[] };
const newElement = (): Element => ({ id: 0, keys: [], vals: [], lat: 0, lon: 0, refs: [], roles: [], memids: [], types: [] });

/** Reads one Node, Way or Relation message; the field numbers that matter do not clash. */
function readElement(pbf: PbfReader, kind: 'node' | 'way' | 'relation'): Element {
  return pbf.readMessage((tag, e: Element, p) => {
    if (tag === 1) e.id = kind === 'node' ? p.readSVarint() : p.readVarint(true);
    else if (tag === 2) p.readPackedVarint(e.keys);
    else if (tag === 3) p.readPackedVarint(e.vals);
    else if (kind === 'node' && tag === 8) e.lat = p.readSVarint();
    else if (kind === 'node' && tag === 9) e.lon = p.readSVarint();
    else if (kind === 'way' && tag === 8) p.readPackedSVarint(e.refs);
    else if (kind === 'relation' && tag === 8) p.readPackedVarint(e.roles, true);
    else if (kind === 'relation' && tag === 9) p.readPackedSVarint(e.memids);
    else if (kind === 'relation' && tag === 10) p.readPackedVarint(e.types);
  }, newElement());
}

const undelta = (xs: number[]): number[] => {
  let acc = 0;
  return xs.map((x) => (acc += x));
};

function readGroup(bytes: Uint8Array, block: Block, model: OsmModel): void {
  const lat = (v: number) => (block.latOffset + block.granularity * v) / 1e9;
  const lon = (v: number) => (block.lonOffset + block.granularity * v) / 1e9;
  const s = block.strings;
  new PbfReader(bytes).readFields((tag, _r, pbf) => {
    if (tag === 1) {
      const n = readElement(pbf, 'node');
      model.nodes.set(n.id, { id: n.id, lon: lon(n.lon), lat: lat(n.lat), tags: tagsFrom(s, n.keys, n.vals) });
    } else if (tag === 2) {
      const d = pbf.readMessage((t, r: { ids: number[]; lats: number[]; lons: number[]; kv: number[] }, p) => {
        if (t === 1) p.readPackedSVarint(r.ids);
        else if (t === 8) p.readPackedSVarint(r.lats);
        else if (t === 9) p.readPackedSVarint(r.lons);
        else if (t === 10) p.readPackedVarint(r.kv, true);
      }, { ids: [], lats: [], lons: [], kv: [] });
      const ids = undelta(d.ids);
      const lats = undelta(d.lats);
      const lons = undelta(d.lons);
      let k = 0;
      ids.forEach((id, i) => {
        const tags: OsmTags = {};
        // keys_vals: k v k v … 0 per node; absent entirely when no node has tags.
        while (k < d.kv.length && d.kv[k] !== 0) { tags[s[d.kv[k]]] = s[d.kv[k + 1]]; k += 2; }
        k++;
        model.nodes.set(id, { id, lon: lon(lons[i]), lat: lat(lats[i]), tags });
      });
    } else if (tag === 3) {
      const w = readElement(pbf, 'way');
      model.ways.set(w.id, { id: w.id, refs: undelta(w.refs), tags: tagsFrom(s, w.keys, w.vals) });
    } else if (tag === 4) {
      const r = readElement(pbf, 'relation');
      const ids = undelta(r.memids);
      const members = ids.map((ref, i) => ({ type: MEMBER_TYPES[r.types[i] ?? 0], ref, role: s[r.roles[i]] ?? '' }));
      model.relations.set(r.id, { id: r.id, members, tags: tagsFrom(s, r.keys, r.vals) });
    }
  }, null);
}

/** Decodes an .osm.pbf file. Returns the model, or the errors that make the file unreadable. */
export function decodeOsmPbf(bytes: Uint8Array, file: string, onProgress?: ProgressFn): { model: OsmModel; errors: ImportError[] } {
  const model = emptyOsmModel();
  const errors = new ErrorCollector();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let index = 0;
  try {
    while (pos < bytes.length) {
      index++;
      if (pos + 4 > bytes.length) throw new PbfFormatError(`truncated before blob ${index}`);
      const headerLen = view.getUint32(pos);
      pos += 4;
      if (headerLen > MAX_HEADER_BYTES || pos + headerLen > bytes.length) throw new PbfFormatError(`blob ${index}: bad header length ${headerLen}`);
      const header = new PbfReader(bytes.subarray(pos, pos + headerLen)).readFields<{ type: string; size: number }>((tag, h, pbf) => {
        if (tag === 1) h.type = pbf.readString();
        else if (tag === 3) h.size = pbf.readVarint();
      }, { type: '', size: -1 });
      pos += headerLen;
      if (header.size < 0 || header.size > MAX_BLOB_BYTES || pos + header.size > bytes.length) {
        throw new PbfFormatError(`blob ${index}: bad data size ${header.size}`);
      }
      const blob = bytes.subarray(pos, pos + header.size);
      pos += header.size;
      if (index === 1 && header.type !== 'OSMHeader') throw new PbfFormatError(`the first blob is ${JSON.stringify(header.type)}, expected "OSMHeader"`);
      if (header.type === 'OSMHeader') checkHeaderBlock(blobData(blob, index));
      else if (header.type === 'OSMData') {
        const block = readBlock(blobData(blob, index));
        for (const g of block.groups) readGroup(g, block, model);
      }
      onProgress?.(pos, bytes.length);
    }
  } catch (e) {
    const detail = e instanceof PbfFormatError ? e.message : `blob ${index}: ${(e as Error).message}`;
    errors.add(C.PARSE, file, REASONS.pbfInvalid(detail));
  }
  return { model, errors: errors.errors };
}
