/**
 * `document.body.dataset.mapReady = '1'` once the first area layer with data has been drawn, for
 * browser tests and monitoring.
 */
import type { Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';

/**
 * Waits for the map to go idle after the area source `sourceId` received data. A tile source that
 * keeps failing (an unreachable external base map) can leave maplibre without the frame that fires
 * `idle`, so a frame drawn with the area source loaded counts as well.
 */
export function markReadyWhenDrawn(map: MapLibreMap, sourceId: string): void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    map.off('idle', finish);
    map.off('sourcedata', onData);
    map.off('render', onRender);
    document.body.dataset.mapReady = '1';
  };
  const onRender = () => {
    if (map.isSourceLoaded(sourceId) && !map.isMoving()) finish();
  };
  // frames before the source has taken the new data still show the old (empty) one
  const onData = (e: MapSourceDataEvent) => {
    if (e.sourceId !== sourceId || !e.isSourceLoaded) return;
    map.off('sourcedata', onData);
    map.on('render', onRender);
  };
  map.on('idle', finish);
  map.on('sourcedata', onData);
}
