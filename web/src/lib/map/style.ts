/**
 * The whole map style, built in code: no external tiles, glyphs or sprites. Text is drawn with
 * the bundled font declared in `font-faces`.
 */
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { fontFaces } from './fonts';
import { areaLayers, areaSources } from './layers/areas';
import { baseLayers, baseSources, roadLabelLayer } from './layers/base';

/** The first of our layers above the background: an external base map goes below it. */
export const FIRST_OWN_LAYER = 'landuse';

/** @param householdsSuffix - unit after household counts in grid and unit labels */
export function buildStyle(householdsSuffix: string): StyleSpecification {
  const areas = areaLayers(householdsSuffix);
  return {
    version: 8,
    name: 'xfjy',
    'font-faces': fontFaces,
    sources: { ...baseSources(), ...areaSources() },
    layers: [...baseLayers(), ...areas.shapes, roadLabelLayer(), ...areas.labels],
  };
}
