/**
 * Drawing Chinese text into a pdfkit document as Noto Sans SC outlines (cjk-font.ts): one line at
 * a point, its width, and a line cut to fit a width.
 */
import type PDFDocument from 'pdfkit';
import { shapeText, type Weight } from './cjk-font.ts';

export type Doc = InstanceType<typeof PDFDocument>;

export interface TextOptions {
  weight?: Weight;
  color?: string;
  /** With `align`, the box the line is placed in (points). */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/** Width of a line of text at `size` points. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const s = shapeText(text, weight);
  return (s.width * size) / s.unitsPerEm;
}

/** Draws one line of text with its top at y (`size` in points). */
export function drawText(doc: Doc, text: string, x: number, y: number, size: number, opts: TextOptions = {}): void {
  const shaped = shapeText(text, opts.weight ?? 400);
  const k = size / shaped.unitsPerEm;
  const w = shaped.width * k;
  const left = opts.width && opts.align === 'center' ? x + (opts.width - w) / 2 : opts.width && opts.align === 'right' ? x + opts.width - w : x;
  const baseline = y + size * 0.88;
  for (const g of shaped.glyphs) {
    doc.save().translate(left + g.x * k, baseline).scale(k, -k).path(g.path).fill(opts.color ?? '#1f1f1f').restore();
  }
}

/** The text, cut with "…" so that it fits `maxW` points. */
export function fit(text: string, size: number, maxW: number, weight: Weight = 400): string {
  if (textWidth(text, size, weight) <= maxW) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', size, weight) > maxW) chars.pop();
  return chars.join('') + '…';
}
