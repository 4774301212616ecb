import { test, expect } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { editorFrame, login, mouseStroke, setSettings, site } from './helpers.ts';

test('a zh_CN user with a dark colour scheme gets the editor in Chinese and dark; at the daily limit the editor says so in Chinese, and nothing is sent', async ({ browser }) => {
  const fake = fakeControl(process.env.FAKE_OPENAI_URL!);
  const before = (await fake.requests()).length;
  await setSettings({ limit_kind: 'edits', limit_value: 0 });
  try {
    const page = await login(browser, 'limited');
    await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${site.images['editor-photo']}`);
    const frame = await editorFrame(page);
    expect(await frame.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual(['zh-CN', 'dark']);
    const editor = page.frameLocator('iframe');
    await expect(editor.getByRole('button', { name: '保存到页面' })).toBeVisible();
    await editor.getByTestId('prompt').fill('去掉黄色的圆');
    await editor.getByTestId('brush-size').fill('400');
    await mouseStroke(page, [[300, 300], [500, 300]], frame);
    await editor.getByTestId('submit').click();
    await expect(editor.getByText(/站点拒绝了请求：您今天在本站点的图片编辑次数已达每日上限/)).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/wordpress-limit-zh.png' });
    expect((await fake.requests()).length).toBe(before);
    await page.context().close();
  } finally {
    await setSettings({ limit_kind: 'off', limit_value: 0 });
  }
});
