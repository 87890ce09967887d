/**
 * What the rest of the app asks of the map (fly to an area, show a pin), without holding the
 * maplibre Map itself. Requests made before the map exists are replayed once it does.
 */
import * as maplibregl from 'maplibre-gl';
import type { Bbox, LonLat } from '../api/types';

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export class MapController {
  map = $state.raw<maplibregl.Map | null>(null);
  /** Room the overlaid panels take now, in px, so fitted areas are not hidden behind them. */
  insets: () => Insets = () => ({ top: 0, right: 0, bottom: 0, left: 0 });
  #pending: ((map: maplibregl.Map) => void) | null = null;
  #popup: maplibregl.Popup | null = null;

  attach(map: maplibregl.Map): void {
    this.map = map;
    const pending = this.#pending;
    this.#pending = null;
    pending?.(map);
  }

  detach(): void {
    this.#popup?.remove();
    this.map = null;
  }

  #run(action: (map: maplibregl.Map) => void): void {
    if (this.map) action(this.map);
    else this.#pending = action;
  }

  #padding(): Insets {
    const p = 24;
    const { top, right, bottom, left } = this.insets();
    return { top: top + p, right: right + p, bottom: bottom + p, left: left + p };
  }

  /** Fits the view to a box. @param maxZoom - do not zoom in further than this */
  fitBbox(bbox: Bbox, maxZoom = 18): void {
    this.#run((map) => {
      const padding = this.#padding();
      const canvas = map.getCanvas();
      // a panel covering most of a small screen would leave no room: fall back to a plain margin
      const roomy = canvas.clientWidth - padding.left - padding.right > 80 && canvas.clientHeight - padding.top - padding.bottom > 80;
      map.fitBounds(bbox, { padding: roomy ? padding : 24, maxZoom, duration: 900 });
    });
  }

  flyTo(center: LonLat, zoom: number): void {
    this.#run((map) => map.flyTo({ center, zoom: Math.max(zoom, map.getZoom()), padding: this.#padding(), duration: 900 }));
  }

  /** A small popup with plain text (never HTML from data). */
  showPopup(center: LonLat, title: string, subtitle?: string): void {
    this.#run((map) => {
      this.#popup?.remove();
      const root = document.createElement('div');
      root.className = 'map-popup';
      const strong = document.createElement('strong');
      strong.textContent = title;
      root.append(strong);
      if (subtitle) {
        const small = document.createElement('div');
        small.textContent = subtitle;
        root.append(small);
      }
      this.#popup = new maplibregl.Popup({ closeButton: true, offset: 8 }).setLngLat(center).setDOMContent(root).addTo(map);
    });
  }
}
