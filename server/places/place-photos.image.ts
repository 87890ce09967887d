/**
 * Place photos through a real decoder (`sharp`): the type comes from the magic bytes (JPEG, PNG or
 * WebP; never SVG, HEIC, GIF or whatever the name says), the header's dimensions are checked before
 * any pixel is decoded (image bombs), and the pixels are decoded and re-encoded as a JPEG of at most
 * 1600 px on the longest side, upright (EXIF orientation applied), with no metadata at all: EXIF
 * (GPS position, camera serial), XMP, ICC and comments are dropped, as is anything hidden after the
 * image or inside the compressed stream. The work is done by server/images/reencode.ts; this file
 * keeps the limits, the reasons and statuses of this API.
 *
 * Stored by place-photos.service.ts (table `place_photos`, migration 0008).
 */
import type { ImageReason } from '../images/checks.ts';
import { reencodeImage } from '../images/reencode.ts';

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

/** 10 MB, 50 MP and 12000 px a side in; 1600 px a side out. */
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

/** A stored place photo: the re-encoded JPEG and what the upload was. */
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

/** The shared reasons as this API names them. */
const AS: Record<ImageReason, PhotoReason> = {
  EMPTY: 'EMPTY', TOO_LARGE: 'TOO_LARGE', NOT_AN_IMAGE: 'NOT_AN_IMAGE', WRONG_FORMAT: 'NOT_AN_IMAGE', ANIMATED: 'NOT_AN_IMAGE',
  NO_PIXELS: 'DIMENSIONS', TOO_WIDE: 'DIMENSIONS', TOO_MANY_PIXELS: 'BOMB',
  UNREADABLE: 'CORRUPT', PIXEL_LIMIT: 'CORRUPT', TIMEOUT: 'CORRUPT', UNDECODABLE: 'CORRUPT',
};

/** Checks, decodes and re-encodes one uploaded place photo. Never throws for bad input. */
export async function processPlacePhoto(buf: Buffer, limits: PlacePhotoLimits = PLACE_PHOTO_LIMITS): Promise<PhotoResult> {
  const r = await reencodeImage(buf, { maxBytes: limits.maxBytes, formats: ['jpeg', 'png', 'webp'], maxSide: limits.maxSide, maxPixels: limits.maxPixels, outSide: limits.outSide, singleFrame: true });
  if (!r.valid) return refuse(AS[r.reason], r.reason === 'PIXEL_LIMIT' ? `the photo could not be decoded: ${r.detail}` : r.message);
  const { format = '', width, height, hadMetadata } = r.header;
  return { valid: true, photo: { ...r.photo, source: { format, width, height, bytes: buf.length, hadMetadata } } };
}
