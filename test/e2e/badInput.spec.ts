import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { acceptedFiles, blackPng, refusedFiles, RGB16, withOrientation, type CorpusFile } from './corpus.ts';
import { decodePngFile, dropTransfer, fixturePath, mouseStroke, pickFiles } from './helpers.ts';
import { connect, exportedMask, exportedPng, fake } from './openaiHelpers.ts';
import { deliver, dismissMessages, openWork, quickOptions, settled, work, type Channel } from './reliabilityHelpers.ts';

const KEY = `sk-e2e-badinput-${Date.now().toString(36)}`;
const CHANNELS: Channel[] = ['picker', 'drop', 'paste'];
const find = (name: string) => [...acceptedFiles(), ...refusedFiles()].find((f) => f.name === name)!;

/** The last error on screen names `name` and says `text`. */
async function refusedWith(page: Page, name: string, text: string): Promise<void> {
  const error = page.getByTestId('message-error').filter({ hasText: name });
  await expect(error).toContainText(text);
  await expect(page.getByText(/^Opening /)).toHaveCount(0);
}

test('every bad file is refused with a clear message, through picker, drop and paste; the picture, mask, prompt and result stay as they were', async ({ page }) => {
  const svgHits: string[] = [];
  page.on('request', (r) => { if (r.url().includes('__svg-ran')) svgHits.push(r.url()); });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const before = await openWork(page, KEY);
  expect(before).toMatchObject({ info: expect.stringContaining('rocket.jpg'), pick: 'true', pixel: [255, 0, 255], canUndo: true });
  expect(before.painted).toBeGreaterThan(10_000);

  for (const file of refusedFiles()) {
    for (const how of CHANNELS) {
      await dismissMessages(page);
      await deliver(page, file, how);
      await refusedWith(page, file.name, file.expect);
      expect(await work(page), `${file.name} by ${how}`).toEqual(before);
    }
  }

  // 60 MB: through the picker (a real file on disk) and a drop (made in the page); never read whole.
  const dir = mkdtempSync(join(tmpdir(), 'inpaint-big-'));
  const big = join(dir, 'big-photo.jpg');
  writeFileSync(big, Buffer.alloc(60 * 1024 * 1024, 0xff));
  await dismissMessages(page);
  await pickFiles(page, 'open', big);
  await refusedWith(page, 'big-photo.jpg', 'is 60 MB; the editor opens files up to 50 MB');
  await dismissMessages(page);
  const dt = await page.evaluateHandle(() => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(60 * 1024 * 1024)], 'big-drop.png', { type: 'image/png' }));
    return t;
  });
  await dropTransfer(page, dt);
  await refusedWith(page, 'big-drop.png', 'is 60 MB');
  expect(await work(page)).toEqual(before);

  // Larger than the editor takes: offered scaled down; declining leaves everything as it was.
  const wide = blackPng(9000, 1000);
  await dismissMessages(page);
  await deliver(page, wide, 'drop');
  const offer = page.getByTestId('message-warning').filter({ hasText: 'is 9000×1000, larger than the editor takes' });
  await expect(offer).toContainText('Open it scaled down to 8192×910?');
  await offer.getByRole('button', { name: 'Cancel' }).click();
  await expect(offer).toBeHidden();
  expect(await work(page)).toEqual(before);

  // Masks that do not fit: another size (both sizes named), not a PNG, not an image at all.
  const masks: [CorpusFile, string][] = [
    [find('camera.png'), 'is 512×512 but the image is 640×427'],
    [find('coffee-cmyk.jpg'), 'A mask must be a PNG file'],
    [find('notes.png'), 'is not a PNG, JPEG or WebP image'],
    [find('drawing.svg'), 'is an SVG drawing'],
    [find('empty.png'), 'is empty'],
  ];
  for (const [file, text] of masks) {
    await dismissMessages(page);
    await pickFiles(page, 'loadMask', { name: file.name, mimeType: file.mime, buffer: file.bytes });
    await refusedWith(page, file.name, text);
    expect(await work(page), `mask ${file.name}`).toEqual(before);
  }

  // Nothing in an SVG ran: no script, no handler, no request it would have made, no frame.
  expect(await page.evaluate(() => (window as unknown as { __svgRan?: string }).__svgRan)).toBeUndefined();
  expect(svgHits).toEqual([]);
  expect(page.frames()).toHaveLength(1);
  expect(errors).toEqual([]);

  // Still usable: a new stroke paints and undoes; and the stored draft is the work, unharmed.
  await mouseStroke(page, [[100, 100], [200, 100]]);
  expect((await work(page)).painted).toBeGreaterThan(before.painted);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await work(page)).toEqual(before);
  await settled(page);
  await page.reload();
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await work(page)).pixel).toEqual([255, 0, 255]);
  expect({ ...(await work(page)), canUndo: true }).toEqual(before);
});

test('unusual pictures (grey, palette, 16-bit, CMYK, EXIF-rotated, animated) open upright and go to OpenAI as an RGBA PNG of their size', async ({ page }) => {
  const control = fake();
  await page.goto('/');
  await connect(page, control.baseURL, KEY);
  await quickOptions(page);
  let i = 0;
  for (const file of acceptedFiles()) {
    await dismissMessages(page);
    await deliver(page, file, CHANNELS[i++ % CHANNELS.length]!);
    await expect(page.getByTestId('image-info')).toContainText(`${file.name} · ${file.width}×${file.height}`);
    if (file.note) await expect(page.getByTestId('message-info').filter({ hasText: file.note })).toBeVisible();
    await expect(page.getByTestId('message-error')).toHaveCount(0);
    // Paint the middle third of the picture, and send it.
    const y = Math.floor(file.height / 2);
    await page.getByTestId('brush-size').fill(String(Math.max(1, Math.round(file.height / 4))));
    await mouseStroke(page, [[Math.floor(file.width / 3), y], [Math.floor((2 * file.width) / 3), y]]);
    await page.getByTestId('prompt').fill(`edit ${file.name}`);
    const sent = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length;
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
    const reqs = await control.requests({ path: '/v1/images/edits', apiKey: KEY });
    expect(reqs.length, file.name).toBe(sent + 1);
    const image = reqs.at(-1)!.files.find((f) => f.field === 'image')!;
    expect(image, file.name).toMatchObject({ mimeType: 'image/png', width: file.width, height: file.height, png: { colorType: 6, bitDepth: 8 } });
    const rgba = await control.fileData(image, 'rgba');
    const px = (x: number, yy: number) => [...rgba.subarray((yy * file.width + x) * 4, (yy * file.width + x) * 4 + 4)];
    if (file.name === 'gradient-16bit.png') {
      // 16 bits per sample came through as the nearest 8-bit values.
      for (const [x, yy] of [[0, 0], [80, 30], [159, 119], [40, 100]] as const) {
        const want = RGB16.at(x, yy);
        px(x, yy).slice(0, 3).forEach((v, c) => expect(Math.abs(v - want[c]!), `${x},${yy}`).toBeLessThanOrEqual(1));
      }
    }
    if (file.name === 'ramp-16bit-grey.png') expect(px(119, 0)[0]! - px(0, 0)[0]!).toBeGreaterThan(240);
    if (file.name.startsWith('coffee')) {
      // The coffee photo, upright and in its own colours (a CMYK file read as RGB comes out inverted).
      const ref = decodePngFile(fixturePath('coffee.png'));
      let diff = 0;
      let n = 0;
      for (let yy = 5; yy < file.height; yy += 17) for (let x = 5; x < file.width; x += 17) {
        const r = ((Math.floor((yy * 400) / file.height) * 600) + Math.floor((x * 600) / file.width)) * 4;
        px(x, yy).slice(0, 3).forEach((v, c) => { diff += Math.abs(v - ref.data[r + c]!); n++; });
      }
      expect(diff / n, file.name).toBeLessThan(16);
    }
    expect(px(0, 0)[3]).toBe(255);
  }
});

// The fixture stores coffee.png turned so that Orientation 6 shows it upright: stored (a, b) is coffee (599 - b, a).
const stored = (a: number, b: number) => [599 - b, a] as const;

test('a photo with each EXIF orientation opens upright, and its mask exports at the upright size', async ({ page }) => {
  const coffee = decodePngFile(fixturePath('coffee.png'));
  const shown: Record<number, (x: number, y: number) => readonly [number, number]> = {
    1: (x, y) => stored(x, y), 2: (x, y) => stored(399 - x, y), 3: (x, y) => stored(399 - x, 599 - y), 4: (x, y) => stored(x, 599 - y),
    5: (x, y) => stored(y, x), 6: (x, y) => stored(y, 599 - x), 7: (x, y) => stored(399 - y, 599 - x), 8: (x, y) => stored(399 - y, x),
  };
  await page.goto('/');
  for (let v = 1; v <= 8; v++) {
    const file = withOrientation(v);
    const [w, h] = v >= 5 ? [600, 400] : [400, 600];
    await deliver(page, file, 'drop');
    await expect(page.getByTestId('image-info')).toContainText(`${file.name} · ${w}×${h}`);
    const img = await exportedPng(page, 'exportImage');
    expect([img.width, img.height]).toEqual([w, h]);
    let diff = 0;
    let n = 0;
    for (let y = 3; y < h; y += 23) for (let x = 3; x < w; x += 23) {
      const [cx, cy] = shown[v]!(x, y);
      for (let c = 0; c < 3; c++) { diff += Math.abs(img.data[(y * w + x) * 4 + c]! - coffee.data[(cy * 600 + cx) * 4 + c]!); n++; }
    }
    expect(diff / n, `orientation ${v}`).toBeLessThan(12);
    const mask = await exportedMask(page);
    expect([mask.width, mask.height]).toEqual([w, h]);
  }
});
