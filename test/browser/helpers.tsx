import '../../src/ui/styles.css';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { App, createServices, type AppServices } from '../../src/app/App.tsx';
import type { EditServiceOptions } from '../../src/app/edit/editServices.ts';
import type { ResultServiceOptions } from '../../src/app/results/ResultServices.ts';
import { toScreen } from '../../src/core/view/viewport.ts';

export interface Mounted { services: AppServices; host: HTMLDivElement; root: Root; unmount: () => void }

/**
 * Mounts the real app in a fixed-size box, optionally at a simulated device pixel ratio. The
 * edit panel starts closed (so the stage fills the box) unless `edit` options open it.
 */
export async function mountApp(opts: { width?: number; height?: number; dpr?: number; edit?: EditServiceOptions; results?: ResultServiceOptions } = {}): Promise<Mounted> {
  Object.defineProperty(window, 'devicePixelRatio', { value: opts.dpr ?? 1, configurable: true });
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:0;top:0;width:${opts.width ?? 1000}px;height:${opts.height ?? 700}px`;
  document.body.appendChild(host);
  const services = createServices({ panelOpen: false, ...opts.edit }, opts.results);
  const root = createRoot(host);
  flushSync(() => root.render(<App services={services} />));
  await until(() => host.querySelector('.konvajs-content') !== null);
  return {
    services, host, root,
    unmount: () => { root.unmount(); host.remove(); },
  };
}

export async function fixtureFile(name: string, type?: string): Promise<File> {
  const res = await fetch(`/test/fixtures/${name}`);
  if (!res.ok) throw new Error(`fixture ${name}: ${res.status}`);
  const blob = await res.blob();
  return new File([blob], name, { type: type ?? blob.type });
}

export function stageElement(m: Mounted): HTMLElement {
  const el = m.host.querySelector('[data-testid=stage] .konvajs-content')?.parentElement;
  if (!el) throw new Error('stage not mounted');
  return el as HTMLElement;
}

/** Dispatches a pointer stroke through the stage, at image-pixel points, using the current view. */
export function paintStroke(m: Mounted, points: [number, number][], opts: { pointerType?: string; button?: number } = {}): void {
  const el = stageElement(m);
  const r = el.getBoundingClientRect();
  const v = m.services.editor.currentView;
  const ev = (type: string, [x, y]: [number, number]) => {
    const s = toScreen(v, x, y);
    el.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, composed: true, pointerId: 7, isPrimary: true,
      pointerType: opts.pointerType ?? 'mouse', button: type === 'pointermove' ? -1 : (opts.button ?? 0),
      buttons: type === 'pointerup' ? 0 : 1, clientX: r.left + s.x, clientY: r.top + s.y, pressure: 0.5,
    }));
  };
  ev('pointerdown', points[0]!);
  for (const p of points.slice(1)) ev('pointermove', p);
  ev('pointerup', points[points.length - 1]!);
}

export interface DecodedPng { width: number; height: number; colorType: number; bitDepth: number; rgba: Uint8ClampedArray }

/** Decodes a PNG blob without colour conversion or premultiplication, and reads its IHDR. */
export async function decodePng(blob: Blob): Promise<DecodedPng> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const dv = new DataView(bytes.buffer);
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  const bmp = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  return { width, height, bitDepth: bytes[24]!, colorType: bytes[25]!, rgba: pixelsOf(bmp) };
}

/** A picture's pixels (RGBA), drawn on a canvas of its size. */
export function pixelsOf(img: CanvasImageSource & { width: number; height: number }): Uint8ClampedArray {
  const c = new OffscreenCanvas(img.width, img.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(img, 0, 0);
  return ctx.getImageData(0, 0, img.width, img.height).data;
}

export const alphaAt = (png: DecodedPng, x: number, y: number) => png.rgba[(Math.floor(y) * png.width + Math.floor(x)) * 4 + 3];

/** Waits for a condition checked every animation frame. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => requestAnimationFrame(r));
  }
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

/** A stand-in provider's answer: the job's picture with its painted pixels (mask ≥ 128) set to `rgb`, as PNG. */
export async function fillMasked(job: { image: ImageBitmap | null; mask: Uint8Array | null }, rgb: readonly number[]): Promise<Blob> {
  const { width: w, height: h } = job.image!;
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(job.image!, 0, 0);
  const img = ctx.getImageData(0, 0, w, h);
  for (let i = 0; i < w * h; i++) if (job.mask![i]! >= 128) img.data.set([...rgb, 255], i * 4);
  ctx.putImageData(img, 0, 0);
  return c.convertToBlob({ type: 'image/png' });
}
