/**
 * Lasso: drag a free-hand loop; units whose centroid falls inside go to the active grid (one undo
 * step; locked grids skipped).
 */
import { dragHandlers, holdPan, overlay, unitsInScreenPolygon, type MapTool, type ToolContext } from './tool';

export class LassoTool implements MapTool {
  readonly name = 'lasso';
  #off: (() => void)[] = [];

  constructor(private readonly ctx: ToolContext) {}

  start(): void {
    const { map, ws } = this.ctx;
    const o = overlay(map);
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'polygon');
    path.setAttribute('class', 'plan-lasso');
    o.svg.appendChild(path);
    let ring: [number, number][] = [];
    const draw = () => path.setAttribute('points', ring.map((p) => p.join(',')).join(' '));
    map.getCanvas().style.cursor = 'crosshair';
    this.#off.push(
      holdPan(map),
      dragHandlers(map, {
        down: (x, y) => {
          ring = [[x, y]];
          draw();
        },
        move: (x, y, dragging) => {
          if (!dragging) return;
          const last = ring[ring.length - 1];
          if (!last || Math.hypot(x - last[0], y - last[1]) >= 3) ring.push([x, y]);
          draw();
        },
        up: () => {
          const units = unitsInScreenPolygon(map, ws, ring);
          if (ws.active !== null) ws.assign(units, ws.active);
          ring = [];
          draw();
        },
      }),
      o.remove,
      () => (map.getCanvas().style.cursor = ''),
    );
  }

  stop(): void {
    for (const off of this.#off.splice(0).reverse()) off();
  }
}
