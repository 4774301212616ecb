import { expect, test } from '@playwright/test';
import { dropFile, mouseStroke } from './helpers.ts';

test('with no key and no proxy, the local fill is the default and fills the painted area offline', async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${baseURL}/`) && !u.startsWith('blob:') && !u.startsWith('data:')) elsewhere.push(u);
  });
  await page.goto('/');
  await dropFile(page, 'chelsea.png', 'image/png');
  await expect(page.getByTestId('image-info')).toContainText('451×300');
  // Nothing set up: the local fill is chosen, and the panel says the prompt is not used.
  await expect(page.locator('[data-testid=provider] input[value=local-fill]')).toBeChecked();
  await expect(page.getByTestId('provider')).toContainText('ignores the prompt');
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[120, 120], [330, 120]]);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 30_000 });

  // The result: a PNG of the image's size, changed where painted, identical everywhere else.
  const check = await page.evaluate(async () => {
    const s = (window as unknown as { __inpaint: {
      editor: { exportImage(): Promise<Blob>; exportMask(): Promise<Blob> };
      results: { results: { state: { round: { results: { blob: Blob }[] } } } };
    } }).__inpaint;
    // Runs in the page, which has no outer scope to hoist it to.
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const read = async (blob: Blob) => {
      const bmp = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      return { w: bmp.width, h: bmp.height, px: ctx.getImageData(0, 0, bmp.width, bmp.height).data };
    };
    const result = s.results.results.state.round.results[0]!.blob;
    const out = await read(result);
    const orig = await read(await s.editor.exportImage());
    const mask = await read(await s.editor.exportMask());
    let painted = 0, changedInside = 0, changedOutside = 0;
    for (let p = 0; p < orig.w * orig.h; p++) {
      let diff = 0;
      for (let c = 0; c < 4; c++) diff += Math.abs(out.px[p * 4 + c]! - orig.px[p * 4 + c]!);
      if (mask.px[p * 4 + 3] === 0) {
        painted++;
        if (diff > 0) changedInside++;
      } else if (diff > 0) changedOutside++;
    }
    return { type: result.type, size: [out.w, out.h], painted, changedInside, changedOutside };
  });
  expect(check.type).toBe('image/png');
  expect(check.size).toEqual([451, 300]);
  expect(check.painted, JSON.stringify(check)).toBeGreaterThan(3000);
  expect(check.changedOutside).toBe(0);
  expect(check.changedInside / check.painted).toBeGreaterThan(0.5);
  // Offline: no request left the app's own origin.
  expect(elsewhere).toEqual([]);
});
