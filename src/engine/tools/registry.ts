import { brushTool, eraserTool } from './brush.ts';

/** Every tool, in toolbar order. A new tool: one file with its definition, one line here. */
export const TOOLS = [
  brushTool,
  eraserTool,
] as const;

export type ToolId = (typeof TOOLS)[number]['id'];
