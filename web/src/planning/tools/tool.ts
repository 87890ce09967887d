/**
 * Map tools of the planning workspace: explicit lifecycle (STYLE.md habit 12, terra-draw modes),
 * one active at a time. `start()` binds its map events (and disables panning when it drags),
 * `stop()` undoes everything `start()` did.
 */
import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import type { PlanWorkspace } from '../workspace.svelte';
import { UNITS_FILL } from '../plan-layers';
import { pointInRing } from './screen-geometry';

export type ToolName = 'pick' | 'brush' | 'lasso' | 'split';

export interface MapTool {
  readonly name: ToolName;
  start(): void;
  stop(): void;
}

export interface ToolContext {
  map: MapLibreMap;
  ws: PlanWorkspace;
  /** A message for the planner (already translated), e.g. why a split did nothing. */
  notify?: (message: string) => void;
}

/** Units (ids) whose cell is drawn at a screen point. */
export function unitsAt(map: MapLibreMap, at: PointLike): string[] {
  if (!map.getLayer(UNITS_FILL)) return [];
  return [...new Set(map.queryRenderedFeatures(at, { layers: [UNITS_FILL] }).map((f) => String(f.properties.id ?? f.id)))];
}

/** Units whose centroid lies inside a screen polygon (pixels, closed or not). */
export function unitsInScreenPolygon(map: MapLibreMap, ws: PlanWorkspace, ring: readonly [number, number][]): string[] {
  if (ring.length < 3) return [];
  const out: string[] = [];
  for (const u of ws.units) {
    const p = map.project(u.centroid);
    if (pointInRing(p.x, p.y, ring)) out.push(u.id);
  }
  return out;
}

/** An SVG layer over the map canvas for a tool's outline (lasso, split line, brush circle). */
export function overlay(map: MapLibreMap): { svg: SVGSVGElement; remove: () => void } {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'plan-tool-overlay');
  svg.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().appendChild(svg);
  return { svg, remove: () => svg.remove() };
}

/** Binds a drag (mouse or touch) on the map; panning is off while the tool runs. */
export function dragHandlers(map: MapLibreMap, on: { down: (x: number, y: number, e: MouseEvent | TouchEvent) => void; move: (x: number, y: number, dragging: boolean) => void; up: () => void }): () => void {
  const canvas = map.getCanvasContainer();
  let dragging = false;
  const local = (cx: number, cy: number): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [cx - r.left, cy - r.top];
  };
  const down = (e: MouseEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    dragging = true;
    on.down(...local(e.clientX, e.clientY), e);
  };
  const move = (e: MouseEvent) => on.move(...local(e.clientX, e.clientY), dragging);
  const up = () => {
    if (!dragging) return;
    dragging = false;
    on.up();
  };
  const tdown = (e: TouchEvent) => {
    if (e.touches.length !== 1) return;
    e.preventDefault();
    dragging = true;
    on.down(...local(e.touches[0].clientX, e.touches[0].clientY), e);
  };
  const tmove = (e: TouchEvent) => {
    if (!dragging || e.touches.length !== 1) return;
    e.preventDefault();
    on.move(...local(e.touches[0].clientX, e.touches[0].clientY), true);
  };
  canvas.addEventListener('mousedown', down);
  window.addEventListener('mousemove', move);
  window.addEventListener('mouseup', up);
  canvas.addEventListener('touchstart', tdown, { passive: false });
  canvas.addEventListener('touchmove', tmove, { passive: false });
  window.addEventListener('touchend', up);
  return () => {
    canvas.removeEventListener('mousedown', down);
    window.removeEventListener('mousemove', move);
    window.removeEventListener('mouseup', up);
    canvas.removeEventListener('touchstart', tdown);
    canvas.removeEventListener('touchmove', tmove);
    window.removeEventListener('touchend', up);
    if (dragging) on.up();
  };
}

/** Turns map panning off for the tool's lifetime. @returns restore */
export function holdPan(map: MapLibreMap): () => void {
  const was = map.dragPan.isEnabled();
  map.dragPan.disable();
  map.doubleClickZoom.disable();
  return () => {
    if (was) map.dragPan.enable();
    map.doubleClickZoom.enable();
  };
}
