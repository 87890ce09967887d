/**
 * Image uploads through a real decoder (`sharp`, libvips): the pixels are decoded with a pixel
 * limit, turned upright by the EXIF orientation, scaled down to fit `outSide` and written as a fresh
 * JPEG without any metadata (EXIF with GPS, XMP, ICC, comments) and without whatever hid after the
 * image or in the compressed stream. `reencodeImage` runs the whole way: the checks of checks.ts,
 * the header (sharp metadata, nothing decoded), then `reencodeJpeg`. Each domain keeps its limits
 * and maps the named reasons to its own codes, statuses and messages.
 */
import sharp, { type Metadata } from 'sharp';
import { checkDimensions, checkUpload, refuse, type ImageHeader, type ImageRefusal } from './checks.ts';
import { SNIFFED } from './sniff.ts';

/** JPEG quality of stored photos: ≈ 150–350 kB at 1600 px. */
const JPEG_QUALITY = 82;

/** How a photo is decoded and written. */
export interface EncodeOptions {
  /** Width × height the decoder accepts at most. */
  maxPixels: number;
  /** Longest side of the result, pixels (larger images are scaled down, smaller ones kept). */
  outSide: number;
  /** Transparent parts on white (default true); false leaves the JPEG encoder to drop the alpha. */
  flatten?: boolean;
  /** Encode with mozjpeg (default true: smaller files). */
  mozjpeg?: boolean;
  /** Give up decoding after this many seconds (default: no limit). */
  timeoutSeconds?: number;
}

/** A re-encoded photo: a JPEG with no metadata. */
export interface EncodedPhoto {
  mime: 'image/jpeg';
  width: number;
  height: number;
  data: Buffer;
}

/** Limits and formats of one kind of upload, for `reencodeImage`. */
export interface ImagePolicy extends EncodeOptions {
  maxBytes: number;
  /** Accepted formats, sharp names (`jpeg`, `png`, `webp`, `gif`, `tiff`, `heif`, `avif`). */
  formats: readonly string[];
  /** Judge the type by the magic bytes before the header is read (default true). */
  sniff?: boolean;
  /** Longest side the header may declare (default: no limit besides `maxPixels`). */
  maxSide?: number;
  /** Refuse images of several frames (animations). */
  singleFrame?: boolean;
}

export type EncodeResult = { valid: true; photo: EncodedPhoto } | ImageRefusal<'PIXEL_LIMIT' | 'TIMEOUT' | 'UNDECODABLE'>;
export type ReencodeResult = { valid: true; photo: EncodedPhoto; header: ImageHeader } | ImageRefusal;

/** Decodes `input` and writes a new JPEG: upright, at most `outSide` a side, no metadata at all. */
export async function reencodeJpeg(input: Buffer, o: EncodeOptions): Promise<EncodeResult> {
  try {
    let image = sharp(input, { limitInputPixels: o.maxPixels, failOn: 'error', sequentialRead: true })
      .rotate() // apply the EXIF orientation before the EXIF goes
      .resize({ width: o.outSide, height: o.outSide, fit: 'inside', withoutEnlargement: true });
    if (o.flatten !== false) image = image.flatten({ background: '#ffffff' }); // JPEG has no transparency
    image = image.jpeg({ quality: JPEG_QUALITY, mozjpeg: o.mozjpeg !== false });
    if (o.timeoutSeconds) image = image.timeout({ seconds: o.timeoutSeconds });
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { valid: true, photo: { mime: 'image/jpeg', width: info.width, height: info.height, data } };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(detail)) return refuse('PIXEL_LIMIT', `the photo has more than ${o.maxPixels} pixels`, { detail });
    if (o.timeoutSeconds && /timeout/i.test(detail)) return refuse('TIMEOUT', `the photo took more than ${o.timeoutSeconds} s to decode`, { detail });
    return refuse('UNDECODABLE', `the photo could not be decoded: ${detail}`, { detail });
  }
}

/**
 * Checks, reads the header of, decodes and re-encodes one upload. Never throws for bad input.
 * The messages name what was found; a domain may word its own from `detail` and `header`.
 */
export async function reencodeImage(buf: Buffer, policy: ImagePolicy): Promise<ReencodeResult> {
  const upload = checkUpload(buf, policy.maxBytes, policy.sniff === false ? undefined : policy.formats);
  if (!upload.valid) return upload;
  const kind = upload.kind;
  const expected = kind && SNIFFED[kind].format;
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata(); // header only: nothing is decoded yet
  } catch (err) {
    const detail = (err as Error).message;
    return refuse('UNREADABLE', `the photo cannot be read as ${kind ?? 'an image'}: ${detail}`, { detail });
  }
  const { format, width = 0, height = 0, pages = 1 } = meta;
  const header: ImageHeader = { format, width, height, pages, hadMetadata: !!(meta.exif || meta.xmp || meta.icc || meta.iptc || meta.comments?.length) };
  if (expected ? format !== expected : !policy.formats.includes(format ?? '')) {
    const message = kind ? `the photo starts like ${kind} but decodes as ${format ?? 'nothing'}` : `the photo is ${format ?? 'unknown data'}, not an accepted image`;
    return refuse('WRONG_FORMAT', message, { detail: format, header });
  }
  const size = checkDimensions(width, height, policy);
  if (size === 'TOO_MANY_PIXELS') return refuse(size, `the photo is ${width} × ${height} px (${width * height} pixels), above the limit of ${policy.maxPixels}`, { header });
  if (size) return refuse(size, `the photo is ${width} × ${height} px; each side must be ${policy.maxSide ? `1 to ${policy.maxSide}` : 'at least 1'} px`, { header });
  if (policy.singleFrame && pages > 1) return refuse('ANIMATED', `the photo has ${pages} frames; send a single still image`, { header });
  const encoded = await reencodeJpeg(buf, policy);
  return { ...encoded, header };
}
