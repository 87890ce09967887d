/**
 * JPEG: walk the marker segments, refuse oversize dimensions from the frame header, and rebuild
 * the file from what is needed to decode it: quantisation and Huffman tables, restart interval,
 * frame header, scans (with their entropy-coded data) and the JFIF/Adobe markers (colour meaning).
 * Dropped: APP1 (EXIF with GPS, camera serials; XMP), APP2 (ICC, FlashPix), APP13 (IPTC) and every
 * other APPn, comments, and anything after EOI (polyglot payloads). The EXIF orientation is kept as
 * a fresh 32-byte EXIF block holding nothing else, so phone photos are not shown sideways.
 * Baseline, extended and progressive Huffman JPEGs only (what browsers draw). Pure.
 */
import type { ImageLimits, SanitizeResult } from './hazard.images.ts';
import { limitCheck } from './image-png.ts';

const SOF_SUPPORTED = new Set([0xc0, 0xc1, 0xc2]);
const SOF_ANY = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const KEEP = new Set([0xdb, 0xc4, 0xdd]); // DQT, DHT, DRI

/** EXIF orientation (1–8) from an APP1 payload, or null. */
export function exifOrientation(app1: Buffer): number | null {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const t = app1.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  if (!le && t.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return null;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** An APP1 segment holding only IFD0 with the Orientation tag (big-endian TIFF). */
export function orientationSegment(orientation: number): Buffer {
  const b = Buffer.alloc(2 + 2 + 32);
  b.writeUInt16BE(0xffe1, 0);
  b.writeUInt16BE(34, 2);
  b.write('Exif\0\0MM', 4, 'latin1');
  b.writeUInt16BE(42, 12);
  b.writeUInt32BE(8, 14); // IFD0 right after the header
  b.writeUInt16BE(1, 18); // one entry
  b.writeUInt16BE(0x0112, 20);
  b.writeUInt16BE(3, 22); // SHORT
  b.writeUInt32BE(1, 24);
  b.writeUInt16BE(orientation, 28);
  b.writeUInt32BE(0, 32); // no next IFD
  return b;
}

export function sanitizeJpeg(buf: Buffer, limits: ImageLimits): SanitizeResult {
  const corrupt = (why: string): SanitizeResult => ({ valid: false, reason: 'CORRUPT', message: `JPEG is damaged: ${why}` });
  const head: Buffer[] = [buf.subarray(0, 2)];
  const body: Buffer[] = [];
  const removed = new Set<string>();
  let orientation: number | null = null;
  let width = 0;
  let height = 0;
  let scans = 0;
  let pos = 2;
  for (;;) {
    if (pos + 2 > buf.length) return corrupt('no EOI marker (file cut off?)');
    if (buf[pos] !== 0xff) return corrupt(`expected a marker at byte ${pos}`);
    while (buf[pos + 1] === 0xff && pos + 2 < buf.length) pos++; // fill bytes
    const m = buf[pos + 1];
    if (m === 0xd9) break;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      body.push(buf.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > buf.length) return corrupt(`segment header cut off at byte ${pos}`);
    const len = buf.readUInt16BE(pos + 2);
    if (len < 2 || pos + 2 + len > buf.length) return corrupt(`segment 0x${m.toString(16)} runs past the end`);
    const seg = buf.subarray(pos, pos + 2 + len);
    const data = buf.subarray(pos + 4, pos + 2 + len);
    pos += 2 + len;
    if (SOF_ANY.has(m)) {
      if (!SOF_SUPPORTED.has(m)) return { valid: false, reason: 'UNSUPPORTED', message: `JPEG coding 0x${m.toString(16)} (lossless, hierarchical or arithmetic) is not accepted` };
      if (width || data.length < 6) return corrupt('frame header repeated or too short');
      height = data.readUInt16BE(1);
      width = data.readUInt16BE(3);
      if (height === 0) return { valid: false, reason: 'UNSUPPORTED', message: 'JPEG without a height in its frame header (DNL) is not accepted' };
      const size = limitCheck(width, height, limits);
      if (size) return size;
      body.push(seg);
    } else if (m === 0xda) {
      if (!width) return corrupt('scan before the frame header');
      body.push(seg);
      scans++;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      let end = pos;
      while (end + 1 < buf.length && !(buf[end] === 0xff && buf[end + 1] !== 0x00 && !(buf[end + 1] >= 0xd0 && buf[end + 1] <= 0xd7))) end++;
      if (end + 1 >= buf.length) return corrupt('scan data runs to the end without EOI');
      body.push(buf.subarray(pos, end));
      pos = end;
    } else if (KEEP.has(m)) {
      body.push(seg);
    } else if (m === 0xe0 && data.toString('latin1', 0, 5) === 'JFIF\0') {
      head.push(seg);
    } else if (m === 0xee && data.toString('latin1', 0, 5) === 'Adobe') {
      body.unshift(seg);
    } else {
      if (m === 0xe1) {
        const o = exifOrientation(data);
        orientation ??= o;
        // Our own orientation-only block (a file cleaned before) is rebuilt as it was: nothing removed.
        if (!(o && seg.equals(orientationSegment(o)))) removed.add(data.toString('latin1', 0, 4) === 'Exif' ? 'EXIF' : 'APP1');
      } else removed.add(m === 0xfe ? 'comment' : `APP${m >= 0xe0 && m <= 0xef ? m - 0xe0 : `0x${m.toString(16)}`}`);
    }
  }
  if (!scans) return corrupt('no image scan');
  if (pos + 2 < buf.length) removed.add('data after EOI');
  const parts = [...head, ...(orientation && orientation !== 1 ? [orientationSegment(orientation)] : []), ...body, Buffer.from([0xff, 0xd9])];
  return { valid: true, image: { mime: 'image/jpeg', width, height, data: Buffer.concat(parts), removed: [...removed] } };
}
