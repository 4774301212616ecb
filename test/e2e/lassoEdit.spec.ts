import { expect, test, type Page } from '@playwright/test';
import { dropFile } from './helpers.ts';
import { connect, exportedMask, fake } from './openaiHelpers.ts';
import { winding, type P } from '../unit/selectionReference.ts';

// Issue 16's end-to-end case: a freehand lasso round the rocket in a fixture photo, then an edit
// through the fake OpenAI server. The mask the fake receives must be the lasso's region at the
// sent size, pixel for pixel, against a rasteriser of this test's own (winding number at each
// pixel centre, the non-zero rule README states), not the editor's.

const KEY = `sk-e2e-lasso-${Date.now().toString(36)}`;

/** The stage's box and view, to turn whole page pixels into image pixels as the editor does. */
async function viewOf(page: Page) {
  const box = (await page.locator('[data-testid=stage]').boundingBox())!;
  const v = await page.evaluate(() => (window as unknown as { __inpaint: { editor: { currentView: { scale: number; x: number; y: number } } } }).__inpaint.editor.currentView);
  return { toPage: (x: number, y: number) => [Math.round(box.x + v.x + x * v.scale), Math.round(box.y + v.y + y * v.scale)] as const, toImage: ([px, py]: readonly [number, number]): P => [(px - box.x - v.x) / v.scale, (py - box.y - v.y) / v.scale] };
}

test('a lasso round the rocket, sent through the fake server: the mask received is the lasso region at the sent size', async ({ page }) => {
  const control = fake();
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await expect(page.getByTestId('image-info')).toContainText('640×427');

  // Round the rocket (it stands in the middle of the picture), one loop that crosses itself at
  // the top so the non-zero rule matters, with whole page pixels so the reference sees exactly
  // the positions the pointer events carry.
  // The tool first: its options bar changes the stage's size, and so the view.
  await page.keyboard.press('l');
  await expect(page.getByTestId('selection-options')).toBeVisible();
  const { toPage, toImage } = await viewOf(page);
  const around: [number, number][] = [[250, 30], [400, 25], [430, 200], [410, 400], [300, 410], [240, 300], [225, 120], [330, 10], [380, 60]];
  const pagePts = around.map(([x, y]) => toPage(x, y));
  await page.mouse.move(...pagePts[0]!);
  await page.mouse.down();
  for (const p of pagePts.slice(1)) await page.mouse.move(...p);
  await page.mouse.up();
  const path = pagePts.map(toImage);

  await connect(page, control.baseURL, KEY);
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('quality').selectOption('low');
  await page.getByTestId('prompt').fill('a rocket made of glass');
  await page.getByTestId('prompt').press('Control+Enter');
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 30_000 });

  const req = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).at(-1)!;
  const mask = req.files.find((f) => f.field === 'mask')!;
  expect(mask).toMatchObject({ mimeType: 'image/png', width: 640, height: 427 });
  const received = await control.fileData(mask, 'alpha');
  let differ = 0;
  let inside = 0;
  for (let y = 0; y < 427; y++) {
    for (let x = 0; x < 640; x++) {
      const want = winding(path, x + 0.5, y + 0.5) !== 0 ? 0 : 255;
      if (want === 0) inside++;
      if (received[y * 640 + x] !== want) differ++;
    }
  }
  expect(inside).toBeGreaterThan(40_000); // the loop holds a real region (about 15 % of the picture)
  expect(differ).toBe(0);
  // And the editor's own export after the edit is that mask too (the lasso was one mask change).
  const exported = await exportedMask(page);
  let exportDiffer = 0;
  for (let i = 0; i < 640 * 427; i++) if (exported.data[i * 4 + 3] !== received[i]) exportDiffer++;
  expect(exportDiffer).toBe(0);
});
