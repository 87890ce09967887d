/**
 * Place photos through a real decoder (`sharp`): the type comes from the magic bytes (JPEG, PNG or
 * WebP; never SVG, HEIC, GIF or whatever the name says), the header's dimensions are checked before
 * any pixel is decoded (image bombs), and the pixels are decoded and re-encoded as a JPEG of at most
 * 1600 px on the longest side, upright (EXIF orientation applied), with no metadata at all: EXIF
 * (GPS position, camera serial), XMP, ICC and comments are dropped, as is anything hidden after the
 * image or inside the compressed stream.
 *
 * Stored by place-photos.service.ts (table `place_photos`, migration 0008).
 */
import sharp, { type Metadata } from 'sharp';
import { sniff } from '../hazards/hazard.images.ts';

export interface PlacePhotoLimits {
  /** Upload size, bytes. */
  maxBytes: number;
  /** Width × height of the upload, pixels (a 48 MP phone photo is 8000 × 6000). */
  maxPixels: number;
  /** Longest side of either dimension of the upload. */
  maxSide: number;
  /** Longest side of the stored photo. */
  outSide: number;
}

export const PLACE_PHOTO_LIMITS: PlacePhotoLimits = Object.freeze({ maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000, maxSide: 12_000, outSide: 1600 });

/** Why a photo is refused, with the HTTP status the API answers. */
export const PHOTO_REASONS = {
  EMPTY: 400,
  TOO_LARGE: 413,
  NOT_AN_IMAGE: 415,
  DIMENSIONS: 422,
  BOMB: 422,
  CORRUPT: 422,
} as const;
export type PhotoReason = keyof typeof PHOTO_REASONS;

export interface PlacePhoto {
  mime: 'image/jpeg';
  width: number;
  height: number;
  data: Buffer;
  /** What the upload was, for the answer and the audit log. */
  source: { format: string; width: number; height: number; bytes: number; hadMetadata: boolean };
}

export type PhotoResult = { valid: true; photo: PlacePhoto } | { valid: false; reason: PhotoReason; status: number; message: string };

const refuse = (reason: PhotoReason, message: string): PhotoResult => ({ valid: false, reason, status: PHOTO_REASONS[reason], message });
const ACCEPTED: Record<string, string> = { jpeg: 'jpeg', png: 'png', WebP: 'webp' };

/** Checks, decodes and re-encodes one uploaded place photo. Never throws for bad input. */
export async function processPlacePhoto(buf: Buffer, limits: PlacePhotoLimits = PLACE_PHOTO_LIMITS): Promise<PhotoResult> {
  if (!buf.length) return refuse('EMPTY', 'the photo is empty');
  if (buf.length > limits.maxBytes) return refuse('TOO_LARGE', `the photo has ${buf.length} bytes; the limit is ${limits.maxBytes}`);
  const kind = sniff(buf);
  const expected = ACCEPTED[kind];
  if (!expected) return refuse('NOT_AN_IMAGE', `the photo is ${kind}, not JPEG, PNG or WebP (judged by its content, not its name)`);

  let meta: Metadata;
  try {
    // header only: nothing is decoded yet
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (e) {
    return refuse('CORRUPT', `the photo cannot be read as ${kind}: ${(e as Error).message}`);
  }
  if (meta.format !== expected) return refuse('NOT_AN_IMAGE', `the photo starts like ${kind} but decodes as ${meta.format ?? 'nothing'}`);
  const { width = 0, height = 0 } = meta;
  if (!width || !height || width > limits.maxSide || height > limits.maxSide) {
    return refuse('DIMENSIONS', `the photo is ${width} × ${height} px; each side must be 1 to ${limits.maxSide} px`);
  }
  if (width * height > limits.maxPixels) return refuse('BOMB', `the photo is ${width} × ${height} px (${width * height} pixels), above the limit of ${limits.maxPixels}`);
  if ((meta.pages ?? 1) > 1) return refuse('NOT_AN_IMAGE', `the photo has ${meta.pages} frames; send a single still image`);

  try {
    const { data, info } = await sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true })
      .rotate() // apply the EXIF orientation before the EXIF goes
      .resize({ width: limits.outSide, height: limits.outSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // PNG/WebP transparency → white, as JPEG has none
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      valid: true,
      photo: {
        mime: 'image/jpeg', width: info.width, height: info.height, data,
        source: { format: expected, width, height, bytes: buf.length, hadMetadata: !!(meta.exif || meta.xmp || meta.icc || meta.iptc || meta.comments?.length) },
      },
    };
  } catch (e) {
    return refuse('CORRUPT', `the photo could not be decoded: ${(e as Error).message}`);
  }
}
