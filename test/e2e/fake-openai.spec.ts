import { expect, test } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';

// The Playwright globalSetup starts the fake and passes its URL here; the built app's origin can
// reach it (CORS), and the test side reads what arrived through the HTTP controls.
const KEY = 'sk-e2e-fake-openai-test';

test('the fake OpenAI server is up for end-to-end tests and answers the app origin', async ({ page }) => {
  const url = process.env.FAKE_OPENAI_URL;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const control = fakeControl(url!);
  await page.goto('/');
  const answer = await page.evaluate(async ({ base, key }) => {
    const res = await fetch(`${base}/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-1-mini', prompt: 'a kite', size: '1024x1024', quality: 'low' }),
    });
    const body = await res.json();
    const bytes = Uint8Array.from(atob(body.data[0].b64_json), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes]));
    return { status: res.status, requestId: res.headers.get('x-request-id'), width: bmp.width, tokens: body.usage.output_tokens };
  }, { base: url!, key: KEY });
  expect(answer).toMatchObject({ status: 200, width: 1024, tokens: 272 });
  const [req] = await control.requests({ path: '/v1/images/generations', apiKey: KEY });
  expect(req).toMatchObject({ requestId: answer.requestId, json: { model: 'gpt-image-1-mini', prompt: 'a kite' } });
  expect(req!.headers.origin).toBe(new URL(page.url()).origin);
});
