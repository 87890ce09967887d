/** What the map loads from the API by bounding box, and into which sources it goes. */
import type { FeatureCollection } from 'geojson';
import { api } from '../api/client';
import { AREA_LEVELS, type AreaCollection, type AreaLevel } from '../api/types';
import { labelPoints } from './label-points';
import { areaLabelSourceId, areaSourceId, LEVEL_STYLES } from './layers/areas';
import { BASE_SOURCES } from './layers/base';
import { setSourceData, type Feed } from './loader';

function baseFeed(name: keyof typeof BASE_SOURCES, minzoom: number, load: Feed['load']): Feed {
  return { name, minzoom, load, apply: (map, data) => setSourceData(map, BASE_SOURCES[name], data) };
}

export function areaFeed(level: AreaLevel): Feed {
  return {
    name: `areas:${level}`,
    minzoom: LEVEL_STYLES[level].minzoom,
    // the server may simplify by zoom: a new whole zoom level gets fresh geometry
    zoomBucket: (zoom) => Math.floor(zoom),
    load: (bbox, zoom, signal) => api.areas({ level, bbox, zoom: Math.floor(zoom) }, signal),
    apply: (map, data) => {
      setSourceData(map, areaSourceId(level), data);
      setSourceData(map, areaLabelSourceId(level), labelPoints(data as AreaCollection) as FeatureCollection);
    },
  };
}

export function mapFeeds(): Feed[] {
  return [
    baseFeed('basemap', 0, (bbox, _z, signal) => api.basemap(bbox, signal)),
    baseFeed('roads', 11, (bbox, _z, signal) => api.roads(bbox, signal)),
    baseFeed('buildings', 14, (bbox, _z, signal) => api.buildings(bbox, signal)),
    ...AREA_LEVELS.map(areaFeed),
  ];
}
