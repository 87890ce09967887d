/** Upload checks: photos re-encoded by sharp (EXIF gone, ≤ 1600 px), PDFs by their bytes (issue 5). */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngBomb, pngDeclaring } from '../hazards/image-fixtures.ts';
import { checkDocument, cleanPhoto, cleanUpload } from '../../../server/audits/audit.files.ts';

const jpegWithExif = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretPhone', Artist: '张三' } })
    .toBuffer();

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

describe('photos', () => {
  it('re-encodes to JPEG without EXIF and shrinks to 1600 px', async () => {
    const input = await jpegWithExif(2400, 1200);
    expect(input.includes(Buffer.from('SecretPhone'))).toBe(true);
    const r = await cleanPhoto(input);
    if (!r.valid) throw new Error(r.message);
    expect(r.file).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 800 });
    expect(r.file.data.includes(Buffer.from('SecretPhone'))).toBe(false);
    expect((await sharp(r.file.data).metadata()).exif).toBeUndefined();
  });
  it('accepts PNG, refuses text, SVG, truncated data and bombs', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer();
    expect((await cleanPhoto(png)).valid).toBe(true);
    expect(await cleanPhoto(Buffer.from('<html>hi</html>'))).toMatchObject({ valid: false, reason: 'NOT_AN_IMAGE' });
    expect(await cleanPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'))).toMatchObject({ valid: false, reason: 'NOT_AN_IMAGE' });
    const jpg = await jpegWithExif(64, 64);
    expect(await cleanPhoto(jpg.subarray(0, 200))).toMatchObject({ valid: false });
    expect(await cleanPhoto(pngDeclaring(20_000, 20_000))).toMatchObject({ valid: false, reason: 'BOMB' });
    // Extra compressed data past the declared pixels is never inflated: the result is the 100×100 image.
    expect(await cleanPhoto(pngBomb())).toMatchObject({ valid: true, file: { width: 100, height: 100 } });
    expect(await cleanPhoto(Buffer.alloc(0))).toMatchObject({ valid: false, reason: 'EMPTY' });
    expect(await cleanPhoto(Buffer.alloc(9 * 1024 * 1024))).toMatchObject({ valid: false, reason: 'TOO_LARGE' });
  });
});

describe('documents', () => {
  it('takes a PDF, refuses anything else', async () => {
    expect(checkDocument(PDF)).toMatchObject({ valid: true, file: { mime: 'application/pdf' } });
    expect(checkDocument(Buffer.from('%PDF-1.4 but cut'))).toMatchObject({ valid: false, reason: 'NOT_A_PDF' });
    expect(checkDocument(Buffer.from('hello'))).toMatchObject({ valid: false, reason: 'NOT_A_PDF' });
    expect(await cleanUpload(PDF, 'auto')).toMatchObject({ valid: true, file: { kind: 'document' } });
  });
});
