import { ArraySurface } from '../../src/core/mask/ArraySurface.ts';
import { EXPORT_THRESHOLD } from '../../src/core/mask/maskPixels.ts';
import { toScreen } from '../../src/core/view/viewport.ts';
import { Engine, type EnginePlatform } from '../../src/engine/Engine.ts';
import { KeyboardBrush } from '../../src/engine/KeyboardBrush.ts';
import { extendRgba } from '../../src/engine/extend.ts';
import type { PointerSample } from '../../src/engine/gestures.ts';
import type { RgbaPixels } from '../../src/engine/types.ts';

/** In Node a picture is its RGBA pixels, and the mask a plain array per tile. */
interface NodeTypes { image: RgbaPixels; preview: RgbaPixels; surface: ArraySurface }

const nodePlatform: EnginePlatform<NodeTypes> = {
  createSurface: (grid, changed) => Object.assign(new ArraySurface(grid), { changed }),
  readPixels: (image) => image,
  extendImage: (image, ext) => ({ image: extendRgba(image, ext) }),
};

/** How a test pointer event differs from a mouse's primary button at pressure 0.5. */
export interface PointerOptions {
  id?: number; type?: 'mouse' | 'pen' | 'touch'; button?: number; pressure?: number;
  /** Modifier keys held, and the second click of a double-click (selection tools). */
  shift?: boolean; alt?: boolean; double?: boolean;
}

/**
 * The engine driven in Node, tldraw-style: `pointerDown(x, y)` at stage points (CSS pixels from
 * the stage's corner), `keyDown('ArrowRight')`, zoom calls, and the mask read back as it would
 * be exported (coverage ≥ 128 = painted). Pictures are plain RGBA arrays.
 */
export class TestEditor extends Engine<NodeTypes> {
  readonly keyBrush = new KeyboardBrush(this);

  constructor(viewport = { width: 1000, height: 640 }) {
    super(nodePlatform);
    this.setViewportSize(viewport.width, viewport.height);
  }

  /** Opens a `width`×`height` picture (grey unless `rgba` is given), as a file would be. */
  open(width: number, height: number, rgba?: Uint8ClampedArray): this {
    const data = rgba ?? new Uint8ClampedArray(width * height * 4).fill(128);
    this.setImage({ bitmap: { width, height, data }, name: 'test.png', format: 'png', width, height, notes: [], originalWidth: width, originalHeight: height });
    return this;
  }

  private sample(x: number, y: number, o: PointerOptions, down: boolean): PointerSample {
    return {
      id: o.id ?? 1, type: o.type ?? 'mouse', button: down ? (o.button ?? 0) : -1, x, y, pressure: o.pressure ?? 0.5,
      shift: o.shift, alt: o.alt, double: down ? o.double : undefined,
    };
  }

  pointerDown(x: number, y: number, o: PointerOptions = {}): this {
    this.handlePointerDown(this.sample(x, y, o, true));
    return this;
  }

  pointerMove(x: number, y: number, o: PointerOptions = {}): this {
    this.handlePointerMove(this.sample(x, y, o, false));
    return this;
  }

  pointerUp(_x?: number, _y?: number, o: PointerOptions = {}): this {
    this.handlePointerUp({ id: o.id ?? 1 });
    return this;
  }

  /** Mouse wheel (or trackpad) at a stage point; `dy` < 0 zooms in. */
  wheel(x: number, y: number, dy: number, o: { dx?: number; ctrl?: boolean; shift?: boolean } = {}): this {
    this.handleWheel({ x, y, dx: o.dx ?? 0, dy, ctrl: !!o.ctrl, shift: !!o.shift });
    return this;
  }

  /**
   * A stroke through image points (down, moves, up), placed on the stage with the view as it
   * is when the stroke starts, as a hand would: what the browser tests' paintStroke does.
   */
  stroke(points: readonly (readonly [number, number] | { x: number; y: number; pressure?: number })[], o: PointerOptions = {}): this {
    const v = this.currentView;
    const at = (p: (typeof points)[number]) => {
      const [x, y, pressure] = 'x' in p ? [p.x, p.y, p.pressure] : [p[0], p[1], undefined];
      return { s: toScreen(v, x, y), o: { ...o, pressure: pressure ?? o.pressure } };
    };
    const first = at(points[0]!);
    this.pointerDown(first.s.x, first.s.y, first.o);
    for (const p of points.slice(1)) {
      const m = at(p);
      this.pointerMove(m.s.x, m.s.y, m.o);
    }
    return this.pointerUp(undefined, undefined, o);
  }

  /**
   * The canvas keys as the app's actions bind them while the canvas has the focus: arrows move
   * the keyboard brush (Shift: five steps), Enter puts the pen down or lifts it, [ and ] size
   * the brush, = and - zoom, Space held pans.
   */
  keyDown(key: string, o: { shift?: boolean } = {}): this {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const dir = arrows[key];
    if (dir) this.keyBrush.move(dir[0], dir[1], o.shift);
    else if (key === 'Enter') { if (this.keyBrush.state.painting || !this.handleToolKey('Enter')) this.keyBrush.toggle(); }
    else if (key === '[' || key === ']') this.stepBrush(key === ']' ? 1 : -1);
    else if (key === '=' || key === '+') this.zoomIn();
    else if (key === '-') this.zoomOut();
    else if (key === ' ') this.setPanMode(true);
    else throw new Error(`TestEditor: no binding for ${key}`);
    return this;
  }

  /** A key offered to the active tool first (Enter closes a polygon lasso, Escape cancels). */
  toolKey(key: string): this {
    this.handleToolKey(key);
    return this;
  }

  keyUp(key: string): this {
    if (key === ' ') this.setPanMode(false);
    return this;
  }

  /** The mask's coverage, row-major at the picture's size (what export reads). */
  coverage(): Uint8Array {
    if (!this.doc) throw new Error('no image');
    return this.doc.coverage();
  }

  /** Painted as exported (coverage at or above the export threshold), at image pixels. */
  painted(...points: readonly (readonly [number, number])[]): boolean[] {
    const cov = this.coverage();
    const w = this.doc!.width;
    return points.map(([x, y]) => cov[Math.floor(y) * w + Math.floor(x)]! >= EXPORT_THRESHOLD);
  }

  /** Pixels painted (as exported) in the whole mask. */
  paintedCount(): number {
    return this.coverage().reduce((n, c) => n + (c >= EXPORT_THRESHOLD ? 1 : 0), 0);
  }

  /** Painted rows in column x. */
  thickness(x: number): number {
    const cov = this.coverage();
    const { width, height } = this.doc!;
    let n = 0;
    for (let y = 0; y < height; y++) if (cov[y * width + x]! >= EXPORT_THRESHOLD) n++;
    return n;
  }
}
