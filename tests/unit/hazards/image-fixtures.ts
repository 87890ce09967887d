/**
 * Small images built byte by byte for the upload tests: valid PNG and baseline JPEG (with EXIF
 * carrying a camera name and GPS, comments, text chunks, trailing HTML), and hostile ones.
 * The JPEG uses one-code Huffman tables: every 8×8 block is DC 0 + EOB (a flat grey image).
 */
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function ihdr(width: number, height: number, colorType = 2, depth = 8): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = depth;
  d[9] = colorType;
  return chunk('IHDR', d);
}

/** An RGB PNG; `text` adds tEXt and eXIf chunks before the pixels, `after` bytes after IEND. */
export function png(width: number, height: number, opts: { text?: string; after?: string; rawRows?: Buffer } = {}): Buffer {
  const row = 1 + width * 3;
  const raw = opts.rawRows ?? Buffer.alloc(row * height, 0);
  if (!opts.rawRows) for (let y = 0; y < height; y++) for (let x = 0; x < width * 3; x++) raw[y * row + 1 + x] = (x * 7 + y * 13) & 0xff;
  const extra = opts.text
    ? [chunk('tEXt', Buffer.from(`Comment\0${opts.text}`, 'latin1')), chunk('eXIf', Buffer.from(`MM\0*${opts.text}`, 'latin1')), chunk('tIME', Buffer.alloc(7))]
    : [];
  return Buffer.concat([SIG, ihdr(width, height), ...extra, chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)), Buffer.from(opts.after ?? '', 'latin1')]);
}

/** A PNG whose header declares width × height but carries only a few bytes of pixels. */
export function pngDeclaring(width: number, height: number): Buffer {
  return Buffer.concat([SIG, ihdr(width, height), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG whose small IDAT inflates far past what its (small) header promises: a zip bomb. */
export function pngBomb(): Buffer {
  return Buffer.concat([SIG, ihdr(100, 100), chunk('IDAT', zlib.deflateSync(Buffer.alloc(20_000_000))), chunk('IEND', Buffer.alloc(0))]);
}

const seg = (marker: number, data: Buffer) => {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0xff00 | marker, 0);
  h.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([h, data]);
};

/** EXIF (little-endian TIFF): Make "LEAKYPHONE", Orientation, and a GPS IFD with a latitude. */
export function exifApp1(orientation: number): Buffer {
  const t = Buffer.alloc(120);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(3, 8); // IFD0: 3 entries at 10, 22, 34; next-IFD at 46
  const entry = (o: number, tag: number, type: number, count: number, value: number) => {
    t.writeUInt16LE(tag, o);
    t.writeUInt16LE(type, o + 2);
    t.writeUInt32LE(count, o + 4);
    t.writeUInt32LE(value, o + 8);
  };
  entry(10, 0x010f, 2, 11, 50); // Make → offset 50
  entry(22, 0x0112, 3, 1, orientation);
  entry(34, 0x8825, 4, 1, 64); // GPS IFD → offset 64
  t.writeUInt32LE(0, 46);
  t.write('LEAKYPHONE\0', 50, 'latin1');
  t.writeUInt16LE(1, 64); // GPS IFD: 1 entry
  entry(66, 0x0002, 5, 3, 84); // GPSLatitude → rationals at 84
  t.writeUInt32LE(0, 78);
  [31, 1, 14, 1, 5, 1].forEach((v, i) => t.writeUInt32LE(v, 84 + i * 4));
  return seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));
}

/** A baseline greyscale JPEG; options add EXIF, a comment and bytes after EOI. */
export function jpeg(width: number, height: number, opts: { orientation?: number; comment?: string; after?: string } = {}): Buffer {
  const jfif = seg(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  const dqt = seg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
  const sof = seg(0xc0, Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]));
  const oneCode = (cls: number) => seg(0xc4, Buffer.concat([Buffer.from([cls << 4]), Buffer.from([1, ...new Array(15).fill(0)]), Buffer.from([0])]));
  const sos = seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2; // DC "0" + EOB "0" per block
  const scan = Buffer.alloc(Math.ceil(bits / 8), 0);
  if (bits % 8) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1; // pad with 1-bits
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), jfif,
    ...(opts.orientation ? [exifApp1(opts.orientation)] : []),
    ...(opts.comment ? [seg(0xfe, Buffer.from(opts.comment, 'latin1'))] : []),
    dqt, sof, oneCode(0), oneCode(1), sos, scan, Buffer.from([0xff, 0xd9]),
    Buffer.from(opts.after ?? '', 'latin1'),
  ]);
}

/** A JPEG whose frame header declares width × height (no real pixels behind it). */
export function jpegDeclaring(width: number, height: number): Buffer {
  const j = jpeg(8, 8);
  const i = j.indexOf(Buffer.from([0xff, 0xc0]));
  j.writeUInt16BE(height, i + 5);
  j.writeUInt16BE(width, i + 7);
  return j;
}

export const HTML_AS_JPG = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');
