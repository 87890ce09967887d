/**
 * Tables as a printable PDF (A4 landscape): a title, then each table with its heading and a
 * header row repeated on every page it runs onto; numbers right-aligned; page numbers at the foot.
 * The same tables feed the XLSX export, so the two show the same numbers.
 */
import PDFDocument from 'pdfkit';
import { drawText, fit, textWidth, type Doc } from './draw.ts';

export interface PdfTable {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

const PAGE: [number, number] = [841.89, 595.28];
const M = 36;
const ROW = 17;
const SIZE = 9;
const RED = '#b3261e';
const GREY = '#5f6368';

const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v);

/** Column widths from the widest header or cell, scaled to the page (the first column keeps more). */
function widths(t: PdfTable, avail: number): number[] {
  const natural = t.headers.map((h, c) => Math.min(220, Math.max(textWidth(h, SIZE, 700), ...t.rows.slice(0, 200).map((r) => textWidth(cell(r[c] ?? ''), SIZE))) + 10));
  const sum = natural.reduce((a, b) => a + b, 0);
  return natural.map((w) => (w * avail) / sum);
}

function headerRow(doc: Doc, t: PdfTable, ws: number[], y: number): void {
  doc.rect(M, y, PAGE[0] - 2 * M, ROW).fill('#eceff1');
  let x = M;
  t.headers.forEach((h, c) => {
    drawText(doc, fit(h, SIZE, ws[c] - 6, 700), x + 3, y + 4, SIZE, { weight: 700 });
    x += ws[c];
  });
}

/**
 * @param printed the date printed at the foot, `YYYY-MM-DD`
 */
export function renderTablesPdf(doc0: { title: string; subtitle?: string; printed: string; tables: readonly PdfTable[] }): Promise<Buffer> {
  const doc = new PDFDocument({ size: PAGE, margin: 0, bufferPages: true, info: { Title: doc0.title, Producer: '幸福家园' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const bottom = PAGE[1] - M - 14;
  drawText(doc, doc0.title, M, M, 18, { weight: 700 });
  let y = M + 26;
  if (doc0.subtitle) {
    drawText(doc, doc0.subtitle, M, y, 10, { color: GREY });
    y += 18;
  }
  for (const t of doc0.tables) {
    const ws = widths(t, PAGE[0] - 2 * M);
    if (y + 20 + 2 * ROW > bottom) {
      doc.addPage({ size: PAGE, margin: 0 });
      y = M;
    }
    y += 8;
    drawText(doc, t.title, M, y, 13, { weight: 700, color: RED });
    y += 20;
    headerRow(doc, t, ws, y);
    y += ROW;
    if (!t.rows.length) {
      drawText(doc, '（无）', M + 3, y + 4, SIZE, { color: GREY });
      y += ROW;
    }
    t.rows.forEach((r, i) => {
      if (y + ROW > bottom) {
        doc.addPage({ size: PAGE, margin: 0 });
        y = M;
        headerRow(doc, t, ws, y);
        y += ROW;
      }
      if (i % 2 === 1) doc.rect(M, y, PAGE[0] - 2 * M, ROW).fill('#f7f8f9');
      let x = M;
      r.forEach((v, c) => {
        const text = fit(cell(v), SIZE, ws[c] - 6);
        drawText(doc, text, x + 3, y + 4, SIZE, typeof v === 'number' ? { width: ws[c] - 6, align: 'right' } : {});
        x += ws[c];
      });
      y += ROW;
    });
    y += 6;
  }
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    drawText(doc, `${doc0.title} · 第 ${i + 1} / ${range.count} 页 · 打印日期 ${doc0.printed}`, M, PAGE[1] - M, 8, { color: GREY, width: PAGE[0] - 2 * M, align: 'center' });
  }
  doc.end();
  return done;
}
