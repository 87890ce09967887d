/**
 * What an upload is, judged by its first bytes (magic numbers), never by its name or Content-Type.
 * Pure.
 */

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the first bytes look like: `'jpeg'`, `'png'`, or a name for a message (`'GIF'`, `'WebP'`,
 * `'HEIC/MP4'`, `'HTML/XML'`, `'PDF'`, `'ZIP'`, `'unknown data'`).
 */
export function sniff(buf: Buffer): string {
  const head = buf.subarray(0, 64).toString('latin1').trimStart().toLowerCase();
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.startsWith('gif8')) return 'GIF';
  if (head.startsWith('riff') && head.slice(8, 12) === 'webp') return 'WebP';
  if (buf.toString('latin1', 4, 12).startsWith('ftyp')) return 'HEIC/MP4';
  if (head.startsWith('<') || head.startsWith('\ufeff<') || /^(<!doctype|<html|<svg|<\?xml|<script)/.test(head)) return 'HTML/XML';
  if (head.startsWith('%pdf')) return 'PDF';
  if (head.startsWith('pk')) return 'ZIP';
  return 'unknown data';
}

/** The sharp format name of a sniffed raster kind, and how messages name it. */
export const SNIFFED: Readonly<Record<string, { format: string; name: string }>> = Object.freeze({
  jpeg: { format: 'jpeg', name: 'JPEG' },
  png: { format: 'png', name: 'PNG' },
  WebP: { format: 'webp', name: 'WebP' },
  GIF: { format: 'gif', name: 'GIF' },
});
