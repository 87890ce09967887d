/** One active map tool at a time: switching stops the old one before the new one starts. */
import { BrushTool } from './brush';
import { LassoTool } from './lasso';
import { PickTool } from './pick';
import { SplitTool } from './split';
import type { MapTool, ToolContext, ToolName } from './tool';

export class ToolBox {
  current = $state<ToolName>('pick');
  radiusPx = $state(24);
  #tools: Record<ToolName, MapTool> | null = null;
  #brush: BrushTool | null = null;

  attach(ctx: ToolContext): void {
    this.#brush = new BrushTool(ctx, this.radiusPx);
    this.#tools = { pick: new PickTool(ctx), brush: this.#brush, lasso: new LassoTool(ctx), split: new SplitTool(ctx) };
    this.#tools[this.current].start();
  }

  detach(): void {
    this.#tools?.[this.current].stop();
    this.#tools = null;
    this.#brush = null;
  }

  use(name: ToolName): void {
    if (name === this.current) return;
    this.#tools?.[this.current].stop();
    this.current = name;
    this.#tools?.[name].start();
  }

  /** @param px - brush radius in screen pixels */
  setRadius(px: number): void {
    this.#brush?.setRadius(px);
    this.radiusPx = this.#brush?.radiusPx ?? px;
  }
}
