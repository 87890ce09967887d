/**
 * The map draws its labels with the bundled Noto Sans SC (from @fontsource/noto-sans-sc), declared
 * in the style's `font-faces` so that no glyph server is needed (maplibre-gl ≥ 6; see
 * https://maplibre.org/maplibre-style-spec/root/#font-faces).
 *
 * Fontsource splits the font into ~100 woff2 subsets by unicode range; the same ranges as its CSS
 * go into the style, so maplibre downloads only the subsets whose characters are on screen.
 * The files are the ones `@fontsource/noto-sans-sc/400.css` (imported for the UI) points at, so
 * the page and the map share one download.
 */
// type-only: maplibre-gl's own style-spec dependency (maplibre-gl does not re-export these types)
import type { FontFacesSpecification, MLFontFace } from '@maplibre/maplibre-gl-style-spec';
import unicodeRanges from '@fontsource/noto-sans-sc/unicode.json';

/** The name every symbol layer uses in `text-font`. */
export const MAP_FONT = 'Noto Sans SC Regular';
export const MAP_FONT_STACK = [MAP_FONT];

const files = import.meta.glob<string>(
  [
    '../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff2',
    // the whole-script file (~4 MB) duplicates the numbered subsets
    '!../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2',
  ],
  { query: '?url', import: 'default', eager: true },
);

/** `{ "[4]": "U+1f1e9-1f1f5,…", latin: "U+0000-00ff,…" }` → one face per subset file. */
function buildFaces(): MLFontFace[] {
  const byName = new Map<string, string>();
  for (const [path, url] of Object.entries(files)) {
    const m = /noto-sans-sc-(.+)-400-normal\.woff2$/.exec(path);
    if (m) byName.set(m[1], url);
  }
  const faces: MLFontFace[] = [];
  for (const [subset, ranges] of Object.entries(unicodeRanges as Record<string, string>)) {
    const url = byName.get(subset.replace(/^\[(\d+)\]$/, '$1'));
    if (!url) continue;
    faces.push({ url, 'unicode-range': ranges.split(',').map((r) => r.trim()) });
  }
  // Latin first: the first declared face that covers a codepoint wins, and digits are in it.
  const rank = (f: MLFontFace) => (f.url.includes('-latin-400') ? 0 : 1);
  return faces.sort((a, b) => rank(a) - rank(b));
}

export const fontFaces: FontFacesSpecification = { [MAP_FONT]: buildFaces() };
