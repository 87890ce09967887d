/**
 * Split: drag a line across the active grid; its units on the left of the line (seen along the
 * drawing direction, by the nearest segment, end segments extended) go to a new grid. Units are
 * never cut: each goes whole to the side of its centroid.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { i18n } from '../../lib/i18n.svelte';
import type { PlanWorkspace } from '../workspace.svelte';
import { sideOf } from './screen-geometry';
import { dragHandlers, holdPan, overlay, type MapTool, type ToolContext } from './tool';

export class SplitTool implements MapTool {
  readonly name = 'split';
  #off: (() => void)[] = [];

  constructor(private readonly ctx: ToolContext) {}

  start(): void {
    const { map, ws } = this.ctx;
    const o = overlay(map);
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('class', 'plan-split');
    o.svg.appendChild(line);
    let pts: [number, number][] = [];
    const draw = () => line.setAttribute('points', pts.map((p) => p.join(',')).join(' '));
    map.getCanvas().style.cursor = 'crosshair';
    this.#off.push(
      holdPan(map),
      dragHandlers(map, {
        down: (x, y) => {
          pts = [[x, y]];
          draw();
        },
        move: (x, y, dragging) => {
          if (!dragging) return;
          const last = pts[pts.length - 1];
          if (!last || Math.hypot(x - last[0], y - last[1]) >= 4) pts.push([x, y]);
          draw();
        },
        up: () => {
          const grid = ws.active;
          if (grid && pts.length >= 2) {
            const left = leftOfLine(map, ws, grid, pts);
            const made = ws.splitGrid(grid, left);
            if (!made) this.ctx.notify?.(i18n.t('plan.split.nothing'));
            else ws.active = made;
          }
          pts = [];
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

/** Units of `grid` whose centroid is left of the screen polyline `pts` (screen y points down). */
export function leftOfLine(map: MapLibreMap, ws: PlanWorkspace, grid: string, pts: readonly [number, number][]): string[] {
  return ws.unitsOf(grid).filter((id) => {
    const p = map.project(ws.unit(id)!.centroid);
    return sideOf(p.x, p.y, pts) < 0;
  });
}
