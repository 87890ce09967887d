import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The maplibre Map, for browser tests and debugging. */
    __map?: MapLibreMap;
  }
}

export {};
