/**
 * The checks every image upload passes before any pixel is decoded: not empty, not over the byte
 * limit, of an accepted type by its magic bytes (sniff.ts), and of sane declared dimensions (image
 * bombs). Shared by hazards, audits and places, which map the named reasons to their own error
 * codes and statuses. Pure.
 */
import { sniff, SNIFFED } from './sniff.ts';

/**
 * Why an image is refused. `EMPTY`, `TOO_LARGE`, `NOT_AN_IMAGE` (magic bytes): before reading.
 * `UNREADABLE` (no header), `WRONG_FORMAT` (the header is of another or no accepted format),
 * `NO_PIXELS` (a side is 0), `TOO_WIDE` (a side over the limit), `TOO_MANY_PIXELS` (width × height
 * over the limit: a bomb), `ANIMATED` (several frames): from the header. `PIXEL_LIMIT`, `TIMEOUT`,
 * `UNDECODABLE`: while decoding.
 */
export type ImageReason =
  | 'EMPTY' | 'TOO_LARGE' | 'NOT_AN_IMAGE'
  | 'UNREADABLE' | 'WRONG_FORMAT' | 'NO_PIXELS' | 'TOO_WIDE' | 'TOO_MANY_PIXELS' | 'ANIMATED'
  | 'PIXEL_LIMIT' | 'TIMEOUT' | 'UNDECODABLE';

/** What the header of an upload declares (sharp metadata, nothing decoded). */
export interface ImageHeader {
  /** sharp's name of the format, e.g. `jpeg`, `png`, `webp`, `svg`. */
  format: string | undefined;
  width: number;
  height: number;
  pages: number;
  /** EXIF, XMP, ICC, IPTC or comments were present (all are dropped by the re-encoding). */
  hadMetadata: boolean;
}

/** A refused image: a named reason, a message for people, and the facts behind it. */
export interface ImageRefusal<R extends ImageReason = ImageReason> {
  valid: false;
  reason: R;
  message: string;
  /** The decoder's error message, or the format found by `WRONG_FORMAT`. */
  detail?: string;
  /** The header, once it was read. */
  header?: ImageHeader;
}

/** Builds a refusal. */
export const refuse = <R extends ImageReason>(reason: R, message: string, facts: Pick<ImageRefusal, 'detail' | 'header'> = {}): ImageRefusal<R> => ({ valid: false, reason, message, ...facts });

/** "JPEG, PNG or WebP": how a message names the sniffable formats among `formats`. */
export function formatList(formats: readonly string[]): string {
  const names = Object.values(SNIFFED).filter((s) => formats.includes(s.format)).map((s) => s.name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

/**
 * Size and type before anything is read: refuses empty uploads, uploads over `maxBytes`, and,
 * when `formats` (sharp names) is given, anything whose magic bytes are not one of them.
 * Returns the sniffed kind (see `sniff`) when it was judged.
 */
export function checkUpload(buf: Buffer, maxBytes: number, formats?: readonly string[]): { valid: true; kind?: string } | ImageRefusal<'EMPTY' | 'TOO_LARGE' | 'NOT_AN_IMAGE'> {
  if (!buf.length) return refuse('EMPTY', 'the photo is empty');
  if (buf.length > maxBytes) return refuse('TOO_LARGE', `the photo has ${buf.length} bytes; the limit is ${maxBytes}`);
  if (!formats) return { valid: true };
  const kind = sniff(buf);
  const sniffed = SNIFFED[kind];
  if (!sniffed || !formats.includes(sniffed.format)) return refuse('NOT_AN_IMAGE', `the photo is ${kind}, not ${formatList(formats)} (judged by its content, not its name)`);
  return { valid: true, kind };
}

/**
 * The bomb check on declared dimensions, before decoding: a side below 1 px, a side over
 * `maxSide` (default: no limit) or more than `maxPixels` in all. Null when the size is fine.
 */
export function checkDimensions(width: number, height: number, limits: { maxSide?: number; maxPixels: number }): 'NO_PIXELS' | 'TOO_WIDE' | 'TOO_MANY_PIXELS' | null {
  if (!(width >= 1) || !(height >= 1)) return 'NO_PIXELS';
  const maxSide = limits.maxSide ?? Infinity;
  if (width > maxSide || height > maxSide) return 'TOO_WIDE';
  if (width * height > limits.maxPixels) return 'TOO_MANY_PIXELS';
  return null;
}
