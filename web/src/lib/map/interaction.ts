/**
 * Pointer behaviour on the area fills: hover highlight (feature-state `hover`) and click to pick
 * the most detailed visible area under the pointer.
 */
import type { Map as MapLibreMap, MapMouseEvent, MapGeoJSONFeature } from 'maplibre-gl';
import type { AreaId, AreaLevel } from '../api/types';
import { AREA_FILL_LAYERS } from './layers/areas';

export interface AreaPick {
  id: AreaId;
  level: AreaLevel;
}

/** Fill layers are ordered street → unit bottom-up, and maplibre returns the top one first. */
function topArea(map: MapLibreMap, e: MapMouseEvent): MapGeoJSONFeature | undefined {
  const layers = AREA_FILL_LAYERS.filter((id) => map.getLayer(id));
  return map.queryRenderedFeatures(e.point, { layers })[0];
}

/**
 * Wires hover and click. @returns a function that unwires them
 */
export function bindAreaInteraction(map: MapLibreMap, onPick: (pick: AreaPick) => void): () => void {
  let hovered: { source: string; id: string | number } | null = null;

  const clearHover = () => {
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = null;
    map.getCanvas().style.cursor = '';
  };

  const onMove = (e: MapMouseEvent) => {
    const f = topArea(map, e);
    const id = f?.id;
    if (!f || id === undefined) return clearHover();
    if (hovered && hovered.source === f.source && hovered.id === id) return;
    clearHover();
    hovered = { source: f.source, id };
    map.setFeatureState(hovered, { hover: true });
    map.getCanvas().style.cursor = 'pointer';
  };

  const onClick = (e: MapMouseEvent) => {
    const f = topArea(map, e);
    if (!f) return;
    const props = f.properties as { id?: AreaId; level?: AreaLevel };
    if (props.id !== undefined && props.level) onPick({ id: props.id, level: props.level });
  };

  map.on('mousemove', onMove);
  map.on('mouseout', clearHover);
  map.on('click', onClick);
  return () => {
    map.off('mousemove', onMove);
    map.off('mouseout', clearHover);
    map.off('click', onClick);
  };
}
