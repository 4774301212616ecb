import { brushTool, eraserTool } from './brush.ts';
import { lassoTool } from './lasso.ts';
import { ellipseSelectTool, rectSelectTool } from './marquee.ts';
import { wandTool } from './wand.ts';

/** Every tool, in toolbar order. A new tool: one file with its definition, one line here. */
export const TOOLS = [
  brushTool,
  eraserTool,
  rectSelectTool,
  ellipseSelectTool,
  lassoTool,
  wandTool,
] as const;

export type ToolId = (typeof TOOLS)[number]['id'];
