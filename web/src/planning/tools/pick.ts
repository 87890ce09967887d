/** Pick (the default tool): the map pans as usual; a click on a unit makes its grid the active one. */
import type { MapMouseEvent } from 'maplibre-gl';
import { unitsAt, type MapTool, type ToolContext } from './tool';

export class PickTool implements MapTool {
  readonly name = 'pick';
  #off: (() => void) | null = null;

  constructor(private readonly ctx: ToolContext) {}

  start(): void {
    const { map, ws } = this.ctx;
    const click = (e: MapMouseEvent) => {
      const [id] = unitsAt(map, e.point);
      const g = id ? ws.gridOf(id) : null;
      if (g) ws.active = g;
    };
    map.on('click', click);
    this.#off = () => map.off('click', click);
  }

  stop(): void {
    this.#off?.();
    this.#off = null;
  }
}
