/**
 * An optional third-party base map under our layers, from `/api/meta` `basemapUrl`: either an XYZ
 * raster template (`https://…/{z}/{x}/{y}.png`, `{s}` expanded to a/b/c) or a MapLibre style URL.
 * Our own layers stay on top, so the map still works when the external one cannot be reached.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

const PREFIX = 'ext-';

export function isRasterTemplate(url: string): boolean {
  return /\{z\}/.test(url) && /\{x\}/.test(url) && /\{-?y\}/.test(url);
}

function expandSubdomains(url: string): string[] {
  return url.includes('{s}') ? ['a', 'b', 'c'].map((s) => url.replace('{s}', s)) : [url];
}

/**
 * @param beforeId - our lowest layer above the background; everything external goes below it
 */
export async function addExternalBasemap(
  map: MapLibreMap,
  url: string,
  beforeId: string,
  signal?: AbortSignal,
): Promise<void> {
  if (isRasterTemplate(url)) {
    map.addSource(`${PREFIX}raster`, {
      type: 'raster',
      tiles: expandSubdomains(url),
      tileSize: 256,
      scheme: url.includes('{-y}') ? 'tms' : 'xyz',
    });
    map.addLayer({ id: `${PREFIX}raster`, type: 'raster', source: `${PREFIX}raster` }, beforeId);
    return;
  }

  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`base map style ${url}: ${res.status} ${res.statusText}`);
  const style = (await res.json()) as StyleSpecification;
  for (const [id, source] of Object.entries(style.sources ?? {})) map.addSource(PREFIX + id, source);
  if (style.glyphs && !map.getStyle().glyphs) map.setGlyphs(style.glyphs);
  if (typeof style.sprite === 'string' && !map.getStyle().sprite) map.setSprite(style.sprite);
  for (const layer of style.layers ?? []) {
    if (layer.type === 'background') continue; // ours is drawn
    const copy = { ...layer, id: PREFIX + layer.id } as LayerSpecification & { source?: unknown };
    if (typeof copy.source === 'string') copy.source = PREFIX + copy.source;
    map.addLayer(copy as LayerSpecification, beforeId);
  }
}
