/**
 * maplibre's own control tooltips in the current language. maplibre-gl 6 takes them as the
 * `locale` map option only; there is no public setter, so a language switch patches the map's
 * table and re-adds the controls, which read it when added.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export type UiStrings = Record<string, string>;

export function setUiLocale(map: MapLibreMap, strings: UiStrings): void {
  const internal = map as unknown as { _locale?: Record<string, string> };
  if (internal._locale) internal._locale = { ...internal._locale, ...strings };
  const title = strings['Map.Title'];
  if (title) map.getCanvas().setAttribute('aria-label', title);
}
