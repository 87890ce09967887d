/**
 * Upload checks for audit photos and documents (issue 5). Photos are decoded and re-encoded with
 * sharp (server/images/reencode.ts): the result is a fresh JPEG of at most 1600 px on the longest side with no metadata (EXIF
 * with the phone's GPS and owner is dropped); anything sharp cannot decode, SVG, and images above
 * the pixel limit (decompression bombs) are refused. Documents must be a real PDF: `%PDF-` at the
 * start and `%%EOF` near the end. The type is judged by the content, never the name.
 */
import type { ImageReason, ImageRefusal } from '../images/checks.ts';
import { reencodeImage } from '../images/reencode.ts';

/** Upload limits: photo and document bytes, decoded pixels, stored photo size. */
export const FILE_LIMITS = Object.freeze({
  photoBytes: 8 * 1024 * 1024,
  documentBytes: 10 * 1024 * 1024,
  /** Width × height sharp will decode at most. */
  maxPixels: 50_000_000,
  /** Longest side of the stored photo, pixels. */
  maxSide: 1600,
});

/** Why an upload is refused (the API answers `UPLOAD_<reason>`, 413 for TOO_LARGE, else 422). */
export const FILE_REASONS = {
  EMPTY: 'EMPTY',
  TOO_LARGE: 'TOO_LARGE',
  NOT_AN_IMAGE: 'NOT_AN_IMAGE',
  NOT_A_PDF: 'NOT_A_PDF',
  BOMB: 'BOMB',
} as const;
export type FileReason = keyof typeof FILE_REASONS;

/** An accepted upload: a re-encoded JPEG photo or the PDF as sent. */
export interface CleanFile {
  kind: 'photo' | 'document';
  mime: 'image/jpeg' | 'application/pdf';
  width: number | null;
  height: number | null;
  data: Buffer;
}

export type FileResult = { valid: true; file: CleanFile } | { valid: false; reason: FileReason; message: string };

/** Photo formats accepted, judged by sharp from the header. */
const RASTER = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif'];

/** `%PDF-` at the start and `%%EOF` in the last kilobyte. */
export const isPdf = (buf: Buffer) => buf.subarray(0, 5).toString('latin1') === '%PDF-' && buf.subarray(-1024).toString('latin1').includes('%%EOF');

/** This API's reason and message for a refused photo (by default the shared message). */
const REFUSAL: Partial<Record<ImageReason, (r: ImageRefusal, limits: typeof FILE_LIMITS) => [FileReason, string]>> = {
  UNREADABLE: () => ['NOT_AN_IMAGE', 'the photo is not an image that can be decoded (JPEG, PNG, WebP, GIF, TIFF, HEIF)'],
  WRONG_FORMAT: (r) => ['NOT_AN_IMAGE', `the photo is ${r.detail ?? 'unknown data'}, not a raster image`],
  TOO_MANY_PIXELS: (r, l) => ['BOMB', `the photo has ${(r.header?.width ?? 0) * (r.header?.height ?? 0)} pixels; the limit is ${l.maxPixels}`],
  PIXEL_LIMIT: (_, l) => ['BOMB', `the photo is larger than ${l.maxPixels} pixels`],
};
const CORRUPT_PHOTO: [FileReason, string] = ['NOT_AN_IMAGE', 'the photo could not be decoded (truncated or corrupt)'];

/** Re-encodes a photo of any common raster format as a JPEG of at most `maxSide` px, no metadata. */
export async function cleanPhoto(buf: Buffer, limits = FILE_LIMITS): Promise<FileResult> {
  const r = await reencodeImage(buf, { maxBytes: limits.photoBytes, formats: RASTER, sniff: false, maxPixels: limits.maxPixels, outSide: limits.maxSide, flatten: false, mozjpeg: false });
  if (r.valid) return { valid: true, file: { kind: 'photo', ...r.photo } };
  if (r.reason === 'EMPTY' || r.reason === 'TOO_LARGE') return { valid: false, reason: r.reason, message: r.message };
  const [reason, message] = REFUSAL[r.reason]?.(r, limits) ?? CORRUPT_PHOTO;
  return { valid: false, reason, message };
}

/** A document must be a PDF within the size limit; it is stored as sent. */
export function checkDocument(buf: Buffer, limits = FILE_LIMITS): FileResult {
  if (!buf.length) return { valid: false, reason: 'EMPTY', message: 'the document is empty' };
  if (buf.length > limits.documentBytes) return { valid: false, reason: 'TOO_LARGE', message: `the document has ${buf.length} bytes; the limit is ${limits.documentBytes}` };
  if (!isPdf(buf)) return { valid: false, reason: 'NOT_A_PDF', message: 'the document is not a PDF (it must start with %PDF- and end with %%EOF)' };
  return { valid: true, file: { kind: 'document', mime: 'application/pdf', width: null, height: null, data: buf } };
}

/** A photo is re-encoded; a document must be a PDF; anything else is refused. */
export async function cleanUpload(buf: Buffer, kind: 'photo' | 'document' | 'auto'): Promise<FileResult> {
  if (kind === 'document' || (kind === 'auto' && buf.subarray(0, 5).toString('latin1') === '%PDF-')) return checkDocument(buf);
  return cleanPhoto(buf);
}
