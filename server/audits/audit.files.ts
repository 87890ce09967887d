/**
 * Upload checks for audit photos and documents (issue 5). Photos are decoded and re-encoded with
 * sharp: the result is a fresh JPEG of at most 1600 px on the longest side with no metadata (EXIF
 * with the phone's GPS and owner is dropped); anything sharp cannot decode, SVG, and images above
 * the pixel limit (decompression bombs) are refused. Documents must be a real PDF: `%PDF-` at the
 * start and `%%EOF` near the end. The type is judged by the content, never the name.
 */
import sharp from 'sharp';

export const FILE_LIMITS = Object.freeze({
  photoBytes: 8 * 1024 * 1024,
  documentBytes: 10 * 1024 * 1024,
  /** Width × height sharp will decode at most. */
  maxPixels: 50_000_000,
  /** Longest side of the stored photo, pixels. */
  maxSide: 1600,
});

export const FILE_REASONS = {
  EMPTY: 'EMPTY',
  TOO_LARGE: 'TOO_LARGE',
  NOT_AN_IMAGE: 'NOT_AN_IMAGE',
  NOT_A_PDF: 'NOT_A_PDF',
  BOMB: 'BOMB',
} as const;
export type FileReason = keyof typeof FILE_REASONS;

export interface CleanFile {
  kind: 'photo' | 'document';
  mime: 'image/jpeg' | 'application/pdf';
  width: number | null;
  height: number | null;
  data: Buffer;
}

export type FileResult = { valid: true; file: CleanFile } | { valid: false; reason: FileReason; message: string };

const RASTER = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif']);

export const isPdf = (buf: Buffer) => buf.subarray(0, 5).toString('latin1') === '%PDF-' && buf.subarray(-1024).toString('latin1').includes('%%EOF');

export async function cleanPhoto(buf: Buffer, limits = FILE_LIMITS): Promise<FileResult> {
  if (!buf.length) return { valid: false, reason: 'EMPTY', message: 'the photo is empty' };
  if (buf.length > limits.photoBytes) return { valid: false, reason: 'TOO_LARGE', message: `the photo has ${buf.length} bytes; the limit is ${limits.photoBytes}` };
  let format: string | undefined;
  let pixels = 0;
  try {
    const m = await sharp(buf, { limitInputPixels: false }).metadata();
    format = m.format;
    pixels = (m.width ?? 0) * (m.height ?? 0);
  } catch {
    return { valid: false, reason: 'NOT_AN_IMAGE', message: 'the photo is not an image that can be decoded (JPEG, PNG, WebP, GIF, TIFF, HEIF)' };
  }
  if (!format || !RASTER.has(format)) return { valid: false, reason: 'NOT_AN_IMAGE', message: `the photo is ${format ?? 'unknown data'}, not a raster image` };
  if (pixels > limits.maxPixels) return { valid: false, reason: 'BOMB', message: `the photo has ${pixels} pixels; the limit is ${limits.maxPixels}` };
  try {
    const { data, info } = await sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .rotate()
      .resize(limits.maxSide, limits.maxSide, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { valid: true, file: { kind: 'photo', mime: 'image/jpeg', width: info.width, height: info.height, data } };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) return { valid: false, reason: 'BOMB', message: `the photo is larger than ${limits.maxPixels} pixels` };
    return { valid: false, reason: 'NOT_AN_IMAGE', message: 'the photo could not be decoded (truncated or corrupt)' };
  }
}

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
