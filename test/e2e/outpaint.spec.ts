import { expect, test, type Page } from '@playwright/test';
import { auditScreen, openIn } from './a11yHelpers.ts';
import { decodePngFile, dropFile, fixturePath } from './helpers.ts';
import { connect, fake } from './openaiHelpers.ts';
import { editInHost } from './embedHelpers.ts';

type HostResults = { demo: { results: { image: Blob; mask: Blob | null; width: number; height: number }[] } };

const KEY = `sk-e2e-outpaint-${Date.now().toString(36)}`;
// coffee.png is 600×400, RGB, no colour profile: the browser decodes it to these exact bytes.
const W = 600;
const H = 400;
// To 16:9 about the centre: 711 wide (400 × 16/9 rounded), 55 new columns on the left, 56 on the right.
const EW = 711;
const LEFT = 55;

async function openCoffee(page: Page): Promise<void> {
  await dropFile(page, 'coffee.png', 'image/png');
  await expect(page.getByTestId('image-info')).toContainText(`${W}×${H}`);
}

/** Opens Extend canvas from its shortcut on the focused canvas. */
async function openExtend(page: Page, title: string) {
  await page.locator('[data-testid=stage]').focus();
  await page.keyboard.press('Alt+Control+C');
  const panel = page.getByRole('dialog', { name: title });
  await expect(panel).toBeVisible();
  return panel;
}

test('Extend canvas 16:9, then an edit: the fake receives image and mask at the extended size with the new area masked, and the result downloads at that size with the original region unchanged', async ({ page }) => {
  const control = fake();
  await openIn(page, 'en');
  await openCoffee(page);
  await connect(page, control.baseURL, KEY);
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('quality').selectOption('low');

  const panel = await openExtend(page, 'Extend canvas');
  await expect(panel.getByTestId('extend-ratio')).toHaveValue('16:9');
  await expect(panel.getByTestId('extend-summary')).toContainText(`New canvas: ${EW} × ${H} pixels`);
  await expect(panel.getByTestId('extend-summary')).toContainText('gpt-image-1.5: sent at 1536×1024, nearest to 16:9.');
  expect(await auditScreen(page, 'extend-en')).toEqual([]);
  await panel.getByRole('button', { name: 'Extend' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('image-info')).toContainText(`${EW}×${H}`);
  await expect(page.getByText('gpt-image-1.5 will be sent at 1536×1024, nearest to 16:9')).toBeVisible();
  await expect(page.getByTestId('size')).toHaveValue('1536x1024');

  await page.getByTestId('prompt').fill('more of the table');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 20_000 });

  // What the fake received: image and mask at the extended size (under the model's limit, so not
  // scaled), the output size asked for, the new area transparent in both and alpha 0 in the mask.
  const req = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).at(-1)!;
  expect(req.fields).toMatchObject({ model: 'gpt-image-1.5', size: '1536x1024' });
  const image = req.files.find((f) => f.field === 'image')!;
  const mask = req.files.find((f) => f.field === 'mask')!;
  expect(image).toMatchObject({ mimeType: 'image/png', width: EW, height: H });
  expect(mask).toMatchObject({ mimeType: 'image/png', width: EW, height: H });
  const maskAlpha = await control.fileData(mask, 'alpha');
  const imageRgba = await control.fileData(image, 'rgba');
  const fixture = decodePngFile(fixturePath('coffee.png'));
  let newNotMasked = 0;
  let newNotClear = 0;
  let oldMasked = 0;
  let oldChanged = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < EW; x++) {
    const i = y * EW + x;
    const inOld = x >= LEFT && x < LEFT + W;
    if (!inOld && maskAlpha[i] !== 0) newNotMasked++;
    if (!inOld && imageRgba[i * 4 + 3] !== 0) newNotClear++;
    if (inOld && maskAlpha[i] !== 255) oldMasked++;
    if (inOld) {
      const f = (y * W + x - LEFT) * 4;
      for (let c = 0; c < 4; c++) if (imageRgba[i * 4 + c] !== (c === 3 ? 255 : fixture.data[f + c])) { oldChanged++; break; }
    }
  }
  expect({ newNotMasked, newNotClear, oldMasked, oldChanged }).toEqual({ newNotMasked: 0, newNotClear: 0, oldMasked: 0, oldChanged: 0 });

  // The result laid back over the extended canvas and downloaded: the extended size, the original
  // region the fixture's bytes exactly, the new area filled (opaque, the fake's magenta).
  const download = page.waitForEvent('download');
  await page.getByTestId('result-format').selectOption('png');
  await page.getByRole('button', { name: 'Download result' }).click();
  const out = decodePngFile(await (await download).path());
  expect([out.width, out.height]).toEqual([EW, H]);
  let differ = 0;
  let notOpaque = 0;
  let notFilled = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < EW; x++) {
    const i = (y * EW + x) * 4;
    if (x >= LEFT && x < LEFT + W) {
      const f = (y * W + x - LEFT) * 4;
      if (out.data[i] !== fixture.data[f] || out.data[i + 1] !== fixture.data[f + 1] || out.data[i + 2] !== fixture.data[f + 2] || out.data[i + 3] !== 255) differ++;
    } else if (out.data[i + 3] !== 255) notOpaque++;
    // Next to the old region the result, scaled back from 1536×1024, mixes magenta with the picture.
    else if ((x < LEFT - 2 || x > LEFT + W + 1) && (out.data[i] !== 255 || out.data[i + 1] !== 0 || out.data[i + 2] !== 255)) notFilled++;
  }
  expect({ differ, notOpaque, notFilled }).toEqual({ differ: 0, notOpaque: 0, notFilled: 0 });

  // One undo: the picture at its own size again.
  await page.locator('[data-testid=stage]').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('image-info')).toContainText(`${W}×${H}`);
});

test('Extend canvas in Chinese: by sides and a typed ratio, bad input said in Chinese, Cancel changes nothing; axe clean', async ({ page }) => {
  await openIn(page, 'zh-CN');
  await openCoffee(page);
  const panel = await openExtend(page, '扩展画布');
  await panel.getByTestId('extend-ratio').selectOption({ label: '其他…' });
  await panel.getByTestId('extend-ratio-custom').fill('21 比 9');
  await expect(panel.getByTestId('extend-summary')).toContainText('请按“宽:高”填写比例');
  await expect(panel.getByRole('button', { name: '扩展' })).toBeDisabled();
  await panel.getByTestId('extend-ratio-custom').fill('21:9');
  await expect(panel.getByTestId('extend-summary')).toContainText('新画布：933 × 400 像素');
  await panel.getByLabel('左上').check();
  expect(await auditScreen(page, 'extend-zh-CN')).toEqual([]);
  await panel.getByText('每边的像素数').click();
  await panel.getByTestId('extend-top').fill('24');
  await panel.getByTestId('extend-left').fill('-3');
  await expect(panel.getByTestId('extend-summary')).toContainText('每边须为 0 或更大的整数像素');
  await panel.getByTestId('extend-left').fill('16');
  await expect(panel.getByTestId('extend-summary')).toContainText('新画布：616 × 424 像素');
  await panel.getByRole('button', { name: '取消' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('image-info')).toContainText(`${W}×${H}`);
});

test('embedded: after Extend canvas the host receives the new size (image and mask), and the demo CMS shows it', async ({ page, context }) => {
  const { frame, editor } = await editInHost(page, context, 'rocket.jpg', '640×427');
  await frame.locator('[data-testid=stage]').focus();
  await page.keyboard.press('Alt+Control+C');
  const panel = editor.getByRole('dialog', { name: 'Extend canvas' });
  await expect(panel.getByTestId('extend-summary')).toContainText('New canvas: 759 × 427 pixels');
  await panel.getByRole('button', { name: 'Extend' }).click();
  await expect(editor.getByTestId('image-info')).toContainText('759×427');

  await editor.getByRole('button', { name: 'Save to host' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as HostResults).demo.results.length)).toBe(1);
  const r = await page.evaluate(async () => {
    const res = (window as unknown as HostResults).demo.results[0]!;
    // Inside page.evaluate: the function is serialised alone, so the helper must live in it.
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const size = async (b: Blob) => { const bmp = await createImageBitmap(b); return [bmp.width, bmp.height]; };
    // The mask's alpha along the middle row: 0 where painted (the new area, 59 columns left and 60 right).
    const bmp = await createImageBitmap(res.mask!);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const row = ctx.getImageData(0, 200, bmp.width, 1).data.filter((_v, i) => i % 4 === 3);
    return { width: res.width, height: res.height, image: await size(res.image), mask: await size(res.mask!), painted: row.filter((a) => a === 0).length, first: row[0], mid: row[380] };
  });
  expect(r).toEqual({ width: 759, height: 427, image: [759, 427], mask: [759, 427], painted: 119, first: 0, mid: 255 });
  await expect(page.locator('.card[data-name="rocket.jpg"]')).toContainText('759×427 (was 640×427: canvas extended)');
});

test('the local fill takes an extended canvas: the result is the extended size, the new area filled opaque, the old one unchanged', async ({ page }) => {
  await openIn(page, 'en');
  await openCoffee(page);
  await expect(page.locator('[data-testid=provider] input[value=local-fill]')).toBeChecked();
  const panel = await openExtend(page, 'Extend canvas');
  await panel.getByText('Pixels on each side').click();
  await panel.getByTestId('extend-right').fill('90');
  await panel.getByTestId('extend-bottom').fill('30');
  await expect(panel.getByTestId('extend-summary')).not.toContainText('sent at');
  await panel.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByText('Canvas extended to 690 × 430 pixels; the new area is painted.')).toBeVisible();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });

  const download = page.waitForEvent('download');
  await page.getByTestId('result-format').selectOption('png');
  await page.getByRole('button', { name: 'Download result' }).click();
  const out = decodePngFile(await (await download).path());
  const fixture = decodePngFile(fixturePath('coffee.png'));
  expect([out.width, out.height]).toEqual([690, 430]);
  let differ = 0;
  let notOpaque = 0;
  for (let y = 0; y < 430; y++) for (let x = 0; x < 690; x++) {
    const i = (y * 690 + x) * 4;
    if (x < W && y < H) {
      const f = (y * W + x) * 4;
      if (out.data[i] !== fixture.data[f] || out.data[i + 1] !== fixture.data[f + 1] || out.data[i + 2] !== fixture.data[f + 2]) differ++;
    } else if (out.data[i + 3] !== 255) notOpaque++;
  }
  expect({ differ, notOpaque }).toEqual({ differ: 0, notOpaque: 0 });
});
