import { expect, test } from '@playwright/test';
import { fixturePath } from './helpers.ts';
import { connect, fake } from './openaiHelpers.ts';
import { openRocket } from './a11yHelpers.ts';

const KEY = `sk-i18n-${Date.now().toString(36)}`;

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('shows the UI in Chinese, switches to English and back, and remembers the pick', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle('局部重绘编辑器');
    await expect(page.getByTestId('empty')).toContainText('把图像拖到这里');
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
    await expect(page.getByRole('button', { name: '橡皮擦' })).toBeVisible();
    await expect(page.getByRole('button', { name: '画笔', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('画笔大小')).toBeVisible();
    await expect(page.getByTestId('edit-panel').getByRole('heading', { name: '编辑' })).toBeVisible();

    await page.getByTestId('language').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expect(page).toHaveTitle('Inpaint editor');
    await page.reload();
    // The pick outlasts a reload, over the browser's own language.
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
  });

  test('says what went wrong in Chinese: a damaged file, and an error from OpenAI', async ({ page }) => {
    const control = fake();
    await page.goto('/');
    await page.setInputFiles('[data-testid=image-input]', fixturePath('truncated.jpg'));
    await expect(page.getByRole('alert')).toHaveText(/“truncated\.jpg”不完整：文件提前结束了/);
    await page.getByRole('alert').getByRole('button', { name: '关闭' }).click();

    await openRocket(page);
    await connect(page, control.baseURL, KEY);
    await page.getByTestId('prompt').fill('把火箭换成灯塔');
    // Cost in the UI's language: dollars as Chinese writes them.
    await expect(page.getByTestId('cost-dollars')).toContainText('US$');
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'error', error: 'organization_verification' } }]);
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('message-error')).toContainText('OpenAI 拒绝访问（403）。GPT 图像模型需要完成 API 组织验证');
    await expect(page.getByTestId('prompt')).toHaveValue('把火箭换成灯塔');
  });
});
