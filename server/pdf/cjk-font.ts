/**
 * Chinese text in PDFs without system fonts: the bundled Noto Sans SC from @fontsource comes as
 * ~120 woff2 files, each for one unicode range (the same files the map's labels use). A string is
 * cut into runs by the file that holds each character and drawn as glyph outlines (vector paths).
 * Outlines rather than embedded fonts: pdfkit's subsetter writes broken glyphs from these files
 * (seen with pdfkit 0.17 / fontkit 2.0.4), while fontkit reads their outlines correctly.
 */
import * as fontkit from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Weight = 400 | 700;

interface Range {
  from: number;
  to: number;
  subset: string;
}

let ranges: Range[] | null = null;
let dir: string | null = null;
const fonts = new Map<string, fontkit.Font>();

function fontDir(): string {
  if (dir) return dir;
  const require = createRequire(import.meta.url);
  dir = path.dirname(require.resolve('@fontsource/noto-sans-sc/unicode.json'));
  return dir;
}

/** `unicode.json`: `{"[4]": "U+1f1e9-1f1f5,U+…"}` → sorted ranges. */
function loadRanges(): Range[] {
  if (ranges) return ranges;
  const map = JSON.parse(fs.readFileSync(path.join(fontDir(), 'unicode.json'), 'utf8')) as Record<string, string>;
  const out: Range[] = [];
  for (const [key, list] of Object.entries(map)) {
    const subset = key.replace(/^\[|\]$/g, '');
    for (const part of list.split(',')) {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
      out.push({ from: parseInt(a, 16), to: parseInt(b ?? a, 16), subset });
    }
  }
  ranges = out.sort((x, y) => x.from - y.from);
  return ranges;
}

/** The font file (subset name) holding a code point; the Latin file for anything unknown. */
export function subsetOf(cp: number): string {
  const rs = loadRanges();
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rs[mid].to < cp) lo = mid + 1;
    else if (rs[mid].from > cp) hi = mid - 1;
    else return rs[mid].subset;
  }
  return 'latin';
}

/** Cuts text into runs that one font file can draw. Whitespace joins the run before it. */
export function fontRuns(text: string): { subset: string; text: string }[] {
  const runs: { subset: string; text: string }[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const subset = /\s/.test(ch) && last ? last.subset : subsetOf(ch.codePointAt(0)!);
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

/** The font of one subset at a weight, opened once per process. */
export function subsetFont(subset: string, weight: Weight): fontkit.Font {
  const key = `${subset}-${weight}`;
  let font = fonts.get(key);
  if (!font) {
    font = fontkit.create(fs.readFileSync(path.join(fontDir(), 'files', `noto-sans-sc-${subset}-${weight}-normal.woff2`))) as fontkit.Font;
    fonts.set(key, font);
  }
  return font;
}

/** Glyph outlines of a string, laid out left to right: SVG path data in font units, with advances. */
export function shapeText(text: string, weight: Weight): { unitsPerEm: number; glyphs: { path: string; x: number }[]; width: number } {
  let x = 0;
  let unitsPerEm = 1000;
  const glyphs: { path: string; x: number }[] = [];
  for (const run of fontRuns(text)) {
    const font = subsetFont(run.subset, weight);
    unitsPerEm = font.unitsPerEm;
    const laid = font.layout(run.text);
    laid.glyphs.forEach((g, i) => {
      const d = g.path.toSVG();
      if (d) glyphs.push({ path: d, x: x + laid.positions[i].xOffset });
      x += laid.positions[i].xAdvance;
    });
  }
  return { unitsPerEm, glyphs, width: x };
}
