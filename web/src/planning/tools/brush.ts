/**
 * Brush (Districtr's Brush.js, terra-draw modes): drag to paint the units under a circle into the
 * active grid; Shift-drag erases (unassigns). Units of locked grids are skipped and nothing is
 * painted into a locked grid. A stroke is one undo step. Painting goes through the workspace,
 * whose change listener sets feature state: the units source is never re-uploaded.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { UNITS_FILL } from '../plan-layers';
import { dragHandlers, holdPan, overlay, unitsAt, type MapTool, type ToolContext } from './tool';

export class BrushTool implements MapTool {
  readonly name = 'brush';
  #radiusPx: number;
  #off: (() => void)[] = [];
  #circle: SVGCircleElement | null = null;
  #erase = false;

  /** @param radiusPx - brush radius in screen pixels */
  constructor(private readonly ctx: ToolContext, radiusPx = 24) {
    this.#radiusPx = radiusPx;
  }

  get radiusPx(): number {
    return this.#radiusPx;
  }

  /** @param px - 4–150 screen pixels */
  setRadius(px: number): void {
    this.#radiusPx = Math.max(4, Math.min(150, px));
    this.#circle?.setAttribute('r', String(this.#radiusPx));
  }

  start(): void {
    const { map, ws } = this.ctx;
    const o = overlay(map);
    const circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    circle.setAttribute('r', String(this.#radiusPx));
    circle.setAttribute('class', 'plan-brush');
    circle.setAttribute('cx', '-1000');
    o.svg.appendChild(circle);
    this.#circle = circle;
    map.getCanvas().style.cursor = 'crosshair';
    const paint = (x: number, y: number) => {
      const target = this.#erase ? null : ws.active;
      if (!this.#erase && target === null) return;
      ws.assign(unitsUnder(map, x, y, this.#radiusPx, ws.units), target);
    };
    this.#off.push(
      holdPan(map),
      dragHandlers(map, {
        down: (x, y, e) => {
          this.#erase = 'shiftKey' in e && e.shiftKey;
          ws.beginStroke();
          paint(x, y);
        },
        move: (x, y, dragging) => {
          circle.setAttribute('cx', String(x));
          circle.setAttribute('cy', String(y));
          if (dragging) paint(x, y);
        },
        up: () => ws.endStroke(),
      }),
      o.remove,
      () => (map.getCanvas().style.cursor = ''),
    );
  }

  stop(): void {
    for (const off of this.#off.splice(0).reverse()) off();
    this.#circle = null;
  }
}

/**
 * Units under a brush circle: those drawn in the circle's box whose centroid is within the radius,
 * and the unit under the centre.
 */
export function unitsUnder(map: MapLibreMap, x: number, y: number, r: number, units: readonly { id: string; centroid: [number, number] }[]): string[] {
  if (!map.getLayer(UNITS_FILL)) return [];
  const inBox = new Set(map.queryRenderedFeatures([[x - r, y - r], [x + r, y + r]], { layers: [UNITS_FILL] }).map((f) => String(f.properties.id ?? f.id)));
  const out = new Set(unitsAt(map, [x, y]));
  for (const u of units) {
    if (!inBox.has(u.id)) continue;
    const p = map.project(u.centroid);
    if ((p.x - x) ** 2 + (p.y - y) ** 2 <= r * r) out.add(u.id);
  }
  return [...out];
}
