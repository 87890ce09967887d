/**
 * DOM markers of the circle: hypothetical stations (draggable; a drag's end moves the point) and
 * the numbered picks of a siting run. Plain elements with classes from markers.css: no inline
 * styles (the server's CSP forbids them; maplibre positions markers through the CSSOM).
 */
import * as maplibregl from 'maplibre-gl';
import type { LonLat } from '../lib/api';
import './markers.css';

function pin(className: string, label: string, title: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className = `circle-pin ${className}`;
  el.textContent = label;
  el.title = title;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', title);
  // a click on a pin is not a click on the map (which would add another point)
  el.addEventListener('click', (e) => e.stopPropagation());
  return el;
}

/** A row of markers kept in step with a list. */
class MarkerSet<T> {
  #markers: maplibregl.Marker[] = [];

  constructor(
    private readonly map: maplibregl.Map,
    private readonly make: (item: T, index: number) => maplibregl.Marker,
    private readonly place: (item: T) => LonLat,
  ) {}

  /** Makes the markers match `items`: same count, same places (markers being dragged are left alone). */
  sync(items: readonly T[]): void {
    while (this.#markers.length > items.length) this.#markers.pop()!.remove();
    items.forEach((item, i) => {
      const m = this.#markers[i];
      if (m) m.setLngLat(this.place(item));
      else this.#markers.push(this.make(item, i).setLngLat(this.place(item)).addTo(this.map));
    });
  }

  clear(): void {
    this.sync([]);
  }
}

export interface HypotheticalOptions {
  title: (n: number) => string;
  onMove: (index: number, to: LonLat) => void;
}

/** Hypothetical stations, numbered 1…n as the API names them (−1, −2, …). */
export function hypotheticalMarkers(map: maplibregl.Map, o: HypotheticalOptions): MarkerSet<LonLat> {
  return new MarkerSet<LonLat>(
    map,
    (_p, i) => {
      const marker = new maplibregl.Marker({ element: pin('circle-pin-added', '+', o.title(i + 1)), draggable: true, anchor: 'center' });
      marker.on('dragend', () => {
        const { lng, lat } = marker.getLngLat();
        o.onMove(i, [lng, lat]);
      });
      return marker;
    },
    (p) => p,
  );
}

export interface PickMarker {
  lon: number;
  lat: number;
  title: string;
}

/** Siting picks, numbered in the order they were chosen. */
export function pickMarkers(map: maplibregl.Map): MarkerSet<PickMarker> {
  return new MarkerSet<PickMarker>(
    map,
    (p, i) => new maplibregl.Marker({ element: pin('circle-pin-pick', String(i + 1), p.title), anchor: 'center' }),
    (p) => [p.lon, p.lat],
  );
}

export type { MarkerSet };
