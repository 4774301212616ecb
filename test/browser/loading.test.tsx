import { afterEach, describe, expect, it } from 'vitest';
import { alphaAt, decodePng, fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';
import { pngWithHeader } from '../helpers/pngBytes.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

const messages = (kind: string) => [...m!.host.querySelectorAll(`[data-testid=message-${kind}]`)].map((e) => e.textContent ?? '');

async function encodePng(width: number, height: number, draw: (ctx: OffscreenCanvasRenderingContext2D) => void): Promise<File> {
  const c = new OffscreenCanvas(width, height);
  draw(c.getContext('2d')!);
  return new File([await c.convertToBlob({ type: 'image/png' })], 'made.png', { type: 'image/png' });
}

describe('opening images', () => {
  it.each([
    ['astronaut.png', 512, 512], ['astronaut.webp', 512, 512], ['rocket.jpg', 640, 427],
    ['camera.png', 512, 512], ['foo3x5x4indexed.png', 5, 3], ['logo.png', 500, 500], ['chelsea.png', 451, 300],
  ])('opens %s at %ix%i and exports image and mask at that size', async (name, w, h) => {
    m = await mountApp();
    const { editor, intake } = m.services;
    expect(await intake.openImage(await fixtureFile(name))).toBe(true);
    expect(editor.state.image).toMatchObject({ width: w, height: h });
    const mask = await decodePng(await editor.exportMask());
    const img = await decodePng(await editor.exportImage());
    expect([mask.width, mask.height, mask.colorType]).toEqual([w, h, 6]);
    expect([img.width, img.height, img.colorType]).toEqual([w, h, 6]);
  });

  it('shows an EXIF-rotated phone photo upright at 600x400 and exports its mask at 600x400', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('coffee-exif-orientation-6.jpg'));
    expect(editor.state.image).toMatchObject({ width: 600, height: 400 });
    const upright = await decodePng(await editor.exportImage());
    const reference = await decodePng(await (await fixtureFile('coffee.png')).slice());
    // Same picture, same way up: compare a coarse grid of pixels (JPEG noise allowed).
    let diff = 0;
    let n = 0;
    for (let y = 20; y < 400; y += 40) for (let x = 20; x < 600; x += 40) {
      const i = (y * 600 + x) * 4;
      diff += Math.abs(upright.rgba[i]! - reference.rgba[i]!);
      n++;
    }
    expect(diff / n).toBeLessThan(20);
    paintStroke(m, [[100, 50], [500, 50]]);
    const mask = await decodePng(await editor.exportMask());
    expect([mask.width, mask.height]).toEqual([600, 400]);
    expect(alphaAt(mask, 300, 50)).toBe(0);
    expect(alphaAt(mask, 300, 300)).toBe(255);
  });

  it('opens the first frame of an animated GIF and says so', async () => {
    m = await mountApp();
    await m.services.intake.openImage(await fixtureFile('no_time_for_that_tiny.gif'));
    expect(m.services.editor.state.image).toMatchObject({ width: 14, height: 25, notes: ['animated-first-frame'] });
    await until(() => messages('info').some((t) => t.includes('first frame')));
  });

  it('refuses bad files with a message and keeps the open image and mask', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('chelsea.png'));
    paintStroke(m, [[100, 100], [200, 100]]);
    const bad: [File, string][] = [
      [await fixtureFile('truncated.jpg'), 'incomplete'],
      [new File(['just some text'], 'notes.png', { type: 'image/png' }), 'not a PNG, JPEG or WebP'],
      [new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>'], 'x.svg', { type: 'image/svg+xml' }), 'SVG'],
      [new File([], 'empty.png', { type: 'image/png' }), 'empty'],
      [new File([pngWithHeader(30000, 30000) as BlobPart], 'huge.png', { type: 'image/png' }), 'too many to open'],
    ];
    for (const [file, text] of bad) {
      expect(await intake.openImage(file)).toBe(false);
      await until(() => messages('error').some((t) => t.includes(text)));
    }
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(editor.state.image?.name).toBe('chelsea.png');
    const mask = await decodePng(await editor.exportMask());
    expect(alphaAt(mask, 150, 100)).toBe(0);
    expect(editor.state.canUndo).toBe(true);
  });

  it('refuses a file over 50 MB without reading it', async () => {
    m = await mountApp();
    const big = new File([new Uint8Array(51 * 1024 * 1024)], 'big.png', { type: 'image/png' });
    expect(await m.services.intake.openImage(big)).toBe(false);
    await until(() => messages('error').some((t) => t.includes('51 MB')));
  });

  it('offers to scale down an image over the limits, and scales image and mask together', async () => {
    m = await mountApp();
    const file = await encodePng(9000, 1000, (ctx) => { ctx.fillStyle = '#0a0'; ctx.fillRect(0, 0, 9000, 1000); });
    await m.services.intake.openImage(file);
    await until(() => messages('warning').some((t) => t.includes('9000×1000')));
    const yes = [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Scale down and open')!;
    yes.click();
    await until(() => m!.services.editor.state.image !== null);
    expect(m.services.editor.state.image).toMatchObject({ width: 8192, height: 910 });
    const mask = await decodePng(await m.services.editor.exportMask());
    expect([mask.width, mask.height]).toEqual([8192, 910]);
  });
});

describe('loading a mask', () => {
  it('takes a same-size PNG by alpha, or by luminance when it has none, and refuses another size', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('chelsea.png'));
    // Alpha mask: transparent hole at (100..150, 50..80).
    const alphaMask = await encodePng(451, 300, (ctx) => { ctx.fillRect(0, 0, 451, 300); ctx.clearRect(100, 50, 50, 30); });
    expect(await intake.loadMask(alphaMask)).toBe(true);
    let out = await decodePng(await editor.exportMask());
    expect([alphaAt(out, 120, 60), alphaAt(out, 200, 200)]).toEqual([0, 255]);
    // Luminance mask (grayscale PNG fixture has no alpha): bright = painted.
    const cam = await fixtureFile('camera.png');
    const sized = await createImageBitmap(cam);
    expect(sized.width).toBe(512);
    expect(await intake.loadMask(cam)).toBe(false); // 512x512 != 451x300
    await until(() => messages('error').some((t) => t.includes('512×512') && t.includes('451×300')));
    // The mask from before is untouched.
    out = await decodePng(await editor.exportMask());
    expect(alphaAt(out, 120, 60)).toBe(0);
    await intake.openImage(await fixtureFile('astronaut.png'));
    expect(await intake.loadMask(cam)).toBe(true);
    out = await decodePng(await editor.exportMask());
    const camPx = await decodePng(cam);
    let agree = 0;
    for (let i = 0; i < 512 * 512; i += 101) {
      const bright = camPx.rgba[i * 4]! >= 128;
      if ((out.rgba[i * 4 + 3] === 0) === bright) agree++;
    }
    expect(agree / Math.ceil((512 * 512) / 101)).toBeGreaterThan(0.99);
  });
});
