/**
 * `BENCH=selection npm run bench` (Node part): the selection tools and mask refinements at
 * 6000x4000 in Node, on coffee.png scaled up with grain and its 10 % blob hole
 * (selectionCases.ts). The Chromium figures for the wand and grow come from selection.html.
 */
import { readFileSync } from 'node:fs';
import { decodeRgba } from '../fake-openai/imageCodec.ts';
import { runSelectionCases, tenPercentMask, upscale } from './selectionCases.ts';

const fixture = (name: string) => {
  const img = decodeRgba(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));
  if (!img) throw new Error(`cannot decode ${name}`);
  return img;
};

/** This process's CPU time so far, ms. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

export async function run(): Promise<Record<string, unknown>> {
  const img = upscale(fixture('coffee.png'));
  const mask = tenPercentMask(fixture('masks/coffee--blob10.png'));
  return { engine: `node ${process.version}`, ...runSelectionCases(img, mask, { cpu }) };
}
