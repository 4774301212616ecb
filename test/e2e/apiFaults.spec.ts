import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Fault, ScriptEntry } from '../fake-openai/faults.ts';
import type { CatalogueName } from '../fake-openai/errors.ts';
import { fixturePath, mouseStroke } from './helpers.ts';
import { connect, fake, sha256 } from './openaiHelpers.ts';
import { dismissMessages, quickOptions, settled, work, type Work } from './reliabilityHelpers.ts';

const KEY = `sk-e2e-faults-${Date.now().toString(36)}`;

/** One row of the report: what was injected, what the user saw, how many requests the fake got. */
interface Row { fault: string; shown: string; sent: number; requests: number; outcomes: string[]; retried: boolean; lost: string }
const rows: Row[] = [];
// Playwright wants the fixtures argument destructured, even when none is used.
// oxlint-disable-next-line no-empty-pattern
test.afterAll(({}, info) => {
  mkdirSync(info.project.outputDir, { recursive: true });
  writeFileSync(join(info.project.outputDir, `reliability-faults-${info.workerIndex}.json`), JSON.stringify(rows, null, 2));
});

/** What the user is told, per catalogue error (contract §6), or 'result' when the retry brings the image. */
const CATALOGUE: Record<CatalogueName, string> = {
  unsupported_mimetype: 'refused the image file type',
  invalid_image_file: 'did not arrive intact',
  mask_size_mismatch: 'mask was refused as not matching the image',
  mask_missing_alpha: 'mask was refused for lacking transparency',
  invalid_size: 'does not take the size 512x512',
  invalid_quality: 'does not take the quality standard',
  unknown_parameter: 'does not accept “response_format”',
  invalid_png_output_compression: 'PNG cannot be compressed',
  transparent_jpeg: 'cannot make a transparent background',
  transparent_model: 'cannot make a transparent background',
  moderation_blocked: 'Rejected by OpenAI’s safety system (categories: sexual; stage: output)',
  content_policy_violation: 'Rejected by OpenAI’s safety system',
  dalle2_image_mode: 'dall-e-2 needs an image with transparency or a mask',
  dalle2_png_4mb: 'dall-e-2 takes a PNG under 4 MB',
  missing_api_key: 'The API key was refused (401)',
  invalid_api_key: 'The API key was refused (401)',
  organization_verification: 'API Organization Verification',
  model_not_found: 'does not exist or this key cannot use it',
  rate_limit_exceeded: 'result',
  insufficient_quota: 'quota is used up',
  billing_hard_limit: 'billing limit has been reached',
  server_error: 'result',
  overloaded: 'result',
  previous_response_not_found: 'conversation cannot be continued',
  invalid_json: 'We could not parse the JSON body',
};

async function leftInScript(): Promise<number> {
  const entries = await (await fetch(`${fake().controlURL}/script`)).json() as ScriptEntry[];
  return entries.filter((e) => e.keySha256 === sha256(KEY)).length;
}

/** `shown`: a result is on screen (a failure must leave it there). */
interface Setup { page: Page; path: string; work: Work; sent: string[]; shown: boolean }

/** rocket.jpg with a stroke, connected to the fake with quick options: the work every fault must leave alone. */
async function setUp(page: Page, path = '/v1/images/edits'): Promise<Setup> {
  // What the app sent, as the browser saw it (Chromium itself may send a POST again on a fresh
  // connection when a kept-alive one closes before any answer: the fake then counts one more).
  const sent: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST') sent.push(new URL(r.url()).pathname); });
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', fixturePath('rocket.jpg'));
  await expect(page.getByTestId('image-info')).toContainText('640×427');
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page);
  return { page, path, work: await work(page), sent, shown: false };
}

/** Uses up faults the run left (an edit that gave up before meeting them all), so the next case starts clean. */
async function drain(path: string): Promise<void> {
  for (let i = 0; i < 20 && await leftInScript() > 0; i++) {
    await fetch(`${fake().baseURL}${path.replace(/^\/v1/, '')}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{}' }).catch(() => null);
  }
}

/** `count` copies of one fault, for the requests one after another. */
const times = (count: number, fault: Fault): Fault[] => Array.from({ length: count }, () => ({ ...fault }));

let n = 0;
/**
 * Sends the edit with `faults` scripted for the next requests, waits for the run to end, and
 * checks what was said (`expectText`, or the result for 'result'), how many requests the app
 * sent (`requests`, or a range where Chromium may absorb a dropped connection by sending again)
 * and the fake received, and that the picture, mask and prompt are as they were.
 */
async function inject(s: Setup, name: string, faults: (Fault | null)[], expectText: string, requests: number | [min: number, max: number]): Promise<void> {
  const { page, path } = s;
  const control = fake();
  const prompt = `fault ${++n}: ${name}`; // a new prompt each time, so no answer comes from storage
  await page.getByTestId('prompt').fill(prompt);
  await dismissMessages(page);
  const before = await control.requests({ path, apiKey: KEY });
  const sentBefore = s.sent.filter((p) => p === path).length;
  await control.script(faults.map((fault) => ({ path, apiKey: KEY, ...(fault ? { fault } : {}) })));
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('progress')).toBeHidden({ timeout: 30_000 });
  const shown = expectText === 'result'
    ? page.getByTestId('result-1')
    : page.getByTestId('message-error').filter({ hasText: expectText });
  await expect(shown, name).toBeVisible();
  // The result shown before a failure is shown again after it (a new one replaces it).
  if (expectText === 'result') s.shown = true;
  else if (s.shown) await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true');
  else await expect(page.getByTestId('results')).toBeHidden();
  const sent = s.sent.filter((p) => p === path).length - sentBefore;
  const after = (await control.requests({ path, apiKey: KEY })).slice(before.length);
  const [min, max] = typeof requests === 'number' ? [requests, requests] : requests;
  expect(sent, `${name}: requests the app sent`).toBeGreaterThanOrEqual(min);
  expect(sent, `${name}: requests the app sent`).toBeLessThanOrEqual(max);
  if (faults.some((f) => f?.kind === 'dropUpload' || (f?.kind === 'dropStream' && f.afterPartials === 0))) {
    expect(after.length, `${name}: requests at the fake`).toBeGreaterThanOrEqual(sent);
    await drain(path);
  } else {
    expect(after.length, `${name}: requests at the fake`).toBe(requests);
  }
  expect(await leftInScript(), `${name}: unused faults`).toBe(0);
  const now = await work(page);
  expect({ info: now.info, mask: now.mask, prompt: now.prompt }, name).toEqual({ info: s.work.info, mask: s.work.mask, prompt });
  const text = expectText === 'result' ? 'the result' : ((await shown.textContent()) ?? '').replace(/×$/, '');
  rows.push({ fault: name, shown: text, sent, requests: after.length, outcomes: after.map((r) => r.outcome ?? '?'), retried: sent > 1, lost: 'nothing' });
}

test('every error of the catalogue gets its message; only 429 and 5xx are retried', async ({ page }) => {
  const s = await setUp(page);
  for (const [error, text] of Object.entries(CATALOGUE) as [CatalogueName, string][]) {
    // A retried error fails once, then the retry brings the image: two requests.
    await inject(s, `catalogue ${error}`, [{ kind: 'error', error }], text, text === 'result' ? 2 : 1);
  }
});

test('401, 403, an unknown model, 429 with retry-after, 500 and 503: the right message, retries only where safe', async ({ page }) => {
  const s = await setUp(page);
  await inject(s, 'HTTP 401', [{ kind: 'status', status: 401 }], 'The API key was refused (401)', 1);
  await inject(s, 'HTTP 403', [{ kind: 'status', status: 403 }], 'API Organization Verification', 1);
  await inject(s, 'HTTP 429, retry-after 2 s', [{ kind: 'status', status: 429, retryAfter: 2 }], 'result', 2);
  await inject(s, 'HTTP 429, retry-after 120 s (longer than we wait)', [{ kind: 'status', status: 429, retryAfter: 120 }], 'asks to wait 120 s', 1);
  await inject(s, 'HTTP 429 four times', times(4, { kind: 'status', status: 429, retryAfterMs: 50 }), 'Rate limit reached (429) and the retries ran out', 4);
  await inject(s, 'HTTP 500', [{ kind: 'status', status: 500 }], 'result', 2);
  await inject(s, 'HTTP 503', [{ kind: 'status', status: 503 }], 'result', 2);
  await inject(s, 'HTTP 503 four times', times(4, { kind: 'status', status: 503, retryAfterMs: 50 }), 'The service had an error (503) and the retries ran out', 4);
  await inject(s, 'HTTP 500, x-should-retry: false', [{ kind: 'status', status: 500, shouldRetry: false }], 'The service had an error (500) and asked not to be retried', 1);
  await inject(s, 'HTTP 429, x-should-retry: false', [{ kind: 'status', status: 429, shouldRetry: false }], 'Rate limit reached (429), and the service asked not to be retried', 1);

  // An unknown model, chosen in the form as a person would: the fake answers 404 model_not_found.
  await page.getByTestId('model').selectOption('__custom__');
  await page.getByTestId('model-custom').fill('gpt-image-9-nonexistent');
  await expect(page.getByTestId('model-warning')).toBeVisible();
  await inject(s, 'unknown model (gpt-image-9-nonexistent)', [null], 'does not exist or this key cannot use it', 1);
});

test('dropped connections, broken and empty answers: a retry only before any answer arrived', async ({ page }) => {
  const s = await setUp(page);
  await inject(s, 'connection dropped during upload, twice', [{ kind: 'dropUpload', afterBytes: 2000 }, { kind: 'dropUpload' }], 'result', [1, 3]);
  await inject(s, 'connection dropped during upload, every time', times(10, { kind: 'dropUpload' }), 'Could not reach', 4);
  await page.getByTestId('partials').fill('2');
  await inject(s, 'connection dropped during streaming (after 1 partial image)', [{ kind: 'dropStream', afterPartials: 1 }], 'The connection dropped while the image was coming', 1);
  // Cut before the answer's first byte (its headers were never flushed): as safe to retry as a dropped upload.
  await inject(s, 'connection dropped before the answer began', [{ kind: 'dropStream', afterPartials: 0 }], 'result', [1, 2]);
  await inject(s, 'error event in the stream (moderation)', [{ kind: 'streamError', afterPartials: 1 }], 'Rejected by OpenAI’s safety system', 1);
  await inject(s, 'error event as the stream began (server error)', [{ kind: 'streamError', afterPartials: 0, error: 'server_error' }], 'stopped with an error while the image was coming', 1);
  await inject(s, 'malformed JSON in the stream', [{ kind: 'malformedJson' }], 'could not be read', 1);
  await inject(s, 'success with no image (stream)', [{ kind: 'noImage' }], 'had no image in it', 1);
  // n = 2 goes as a plain JSON request.
  await page.getByTestId('n').fill('2');
  await inject(s, 'malformed JSON (plain answer)', [{ kind: 'malformedJson' }], 'could not be read', 1);
  await inject(s, 'plain answer cut off halfway', [{ kind: 'dropStream' }], 'The connection dropped while the image was coming', 1);
  await inject(s, 'success with no image (plain answer)', [{ kind: 'noImage' }], 'had no image in it', 1);

  // After all that, the stored draft is the work too.
  await settled(page);
  await page.reload();
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  const back = await work(page);
  expect({ info: back.info, mask: back.mask }).toEqual({ info: s.work.info, mask: s.work.mask });
  expect(back.prompt).toContain('no image (plain answer)');
});

test('no answer until the timeout (set in config.json): timed out, not retried', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const res = await route.fetch();
    const config = await res.json();
    await route.fulfill({ response: res, json: { ...config, service: { ...config.service, timeout_ms: 2500 } } });
  });
  const s = await setUp(page);
  await inject(s, 'no answer (timeout 2.5 s)', [{ kind: 'hang' }], 'No answer from 127.0.0.1', 1);
  await inject(s, 'an answer slower than the timeout (6 s)', [{ kind: 'delay', ms: 6000 }], 'No answer from 127.0.0.1', 1);
});

test('Responses API: the same faults through responses.create', async ({ page }) => {
  const s = await setUp(page, '/v1/responses');
  await page.getByTestId('provider').locator('input[value=openai-responses]').check();
  await inject(s, 'Responses: HTTP 429 then the image', [{ kind: 'status', status: 429, retryAfterMs: 100 }], 'result', 2);
  await inject(s, 'Responses: HTTP 500 then the image', [{ kind: 'status', status: 500 }], 'result', 2);
  await inject(s, 'Responses: connection dropped during upload, twice', [{ kind: 'dropUpload', afterBytes: 1000 }, { kind: 'dropUpload' }], 'result', [1, 3]);
  await inject(s, 'Responses: connection dropped during streaming', [{ kind: 'dropStream', afterPartials: 1 }], 'The connection dropped while the image was coming', 1);
  await inject(s, 'Responses: error event in the stream', [{ kind: 'streamError', afterPartials: 0 }], 'Rejected by OpenAI’s safety system', 1);
  await inject(s, 'Responses: malformed JSON in the stream', [{ kind: 'malformedJson' }], 'could not be read', 1);
  await inject(s, 'Responses: success with no image', [{ kind: 'noImage' }], 'had no image in it', 1);
  await inject(s, 'Responses: moderation_blocked', [{ kind: 'error', error: 'moderation_blocked' }], 'Rejected by OpenAI’s safety system', 1);
});
