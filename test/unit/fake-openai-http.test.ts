// The fake's plumbing: Files API, CORS preflight and headers, x-request-id everywhere, unknown
// URLs, and the HTTP controls browser and end-to-end tests use.
import { toFile } from 'openai';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { ALLOWED_HEADERS, EXPOSED_HEADERS, GATEWAY_ALLOWED_HEADERS, startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { KEY, errorOf, expectEnvelope, maskPng, png, pngFile, rawEdit, sdk } from './fakeOpenAIKit.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake?.close());

const upload = (fields: Record<string, string | File>) => rawEdit(fake, fields as never, '/files');

/** A CORS preflight asking to send the WordPress nonce header. */
const ask = (url: string) => fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-wp-nonce' } });

describe('Files API', () => {
  test('upload, retrieve, list, content, delete', async () => {
    const client = sdk(fake);
    const bytes = png(40, 30);
    const f = await client.files.create({ file: await toFile(bytes, 'photo.png', { type: 'image/png' }), purpose: 'vision' });
    expect(f).toMatchObject({ object: 'file', purpose: 'vision', filename: 'photo.png', bytes: bytes.length, status: 'processed' });
    expect(f.id).toMatch(/^file-/);
    expect(await client.files.retrieve(f.id)).toEqual(f);
    expect((await client.files.list()).data.map((x) => x.id)).toEqual([f.id]);
    expect(Buffer.from(await (await client.files.content(f.id)).arrayBuffer())).toEqual(bytes);
    expect(await client.files.delete(f.id)).toEqual({ object: 'file', id: f.id, deleted: true });
    expectEnvelope(await errorOf(client.files.retrieve(f.id)), 404, { message: `No such File object: ${f.id}`, type: 'invalid_request_error', param: 'id', code: null });
  });

  test('purpose and file are checked', async () => {
    const bad = await upload({ file: pngFile(png(4, 4)), purpose: 'images' });
    expect((await bad.json()).error).toEqual({ message: "Invalid value: 'images'. Supported values are: 'assistants', 'batch', 'fine-tune', 'vision', 'user_data', and 'evals'.", type: 'invalid_request_error', param: 'purpose', code: 'invalid_value' });
    expect((await (await upload({ purpose: 'vision' })).json()).error.message).toBe("Missing required parameter: 'file'.");
    const blob = await upload({ file: new File([new Uint8Array(png(4, 4))], 'blob'), purpose: 'vision' });
    expect((await blob.json()).error).toMatchObject({ param: 'file', code: 'invalid_file_format' });
  });
});

describe('CORS and headers', () => {
  test('the preflight answers with the contract §5 lists, for any origin', async () => {
    const res = await fetch(`${fake.baseURL}/images/edits`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-stainless-retry-count' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-headers')).toBe(ALLOWED_HEADERS);
    expect(ALLOWED_HEADERS.split(', ')).toEqual(['authorization', 'content-type', 'accept', 'x-stainless-retry-count', 'x-stainless-lang',
      'x-stainless-package-version', 'x-stainless-os', 'x-stainless-arch', 'x-stainless-runtime', 'x-stainless-runtime-version',
      'x-stainless-timeout', 'openai-organization', 'openai-project']);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(fake.requests({ method: 'OPTIONS' })[0]!.headers['access-control-request-method']).toBe('POST');
  });

  test('the gateway, standing in for a CMS proxy, also allows that proxy\'s credentials header; /v1 does not', async () => {
    const gw = await ask(`${fake.gatewayURL}/images/edits`);
    expect(gw.headers.get('access-control-allow-headers')).toBe(GATEWAY_ALLOWED_HEADERS);
    expect(GATEWAY_ALLOWED_HEADERS.split(', ')).toEqual([...ALLOWED_HEADERS.split(', '), 'x-wp-nonce']);
    expect((await ask(`${fake.baseURL}/images/edits`)).headers.get('access-control-allow-headers')?.split(', ')).not.toContain('x-wp-nonce');
  });

  test('answers expose x-request-id and the retry headers; errors carry x-request-id too', async () => {
    const ok = await rawEdit(fake, { model: 'gpt-image-1-mini', prompt: 'x', size: '1024x1024', quality: 'low', image: pngFile(png(8, 8)) });
    expect(ok.headers.get('access-control-expose-headers')).toBe(EXPOSED_HEADERS);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const err = await fetch(`${fake.baseURL}/nope`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` } });
    expect(err.status).toBe(404);
    expect(await err.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/nope)', type: 'invalid_request_error', param: null, code: null } });
    expect(err.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  });

  test('a multipart boundary with capitals (as Chromium writes it) is read as sent', async () => {
    const b = '----WebKitFormBoundaryAbCdEf';
    const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = part('purpose', 'vision') + part('purpose', 'batch') + `--${b}--\r\n`;
    const res = await fetch(`${fake.baseURL}/files`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': `multipart/form-data; boundary=${b}` }, body });
    expect((await res.json()).error.message).toBe("Missing required parameter: 'file'.");
    expect(fake.requests()[0]!.fields).toEqual({ purpose: ['vision', 'batch'] });
  });

  test('malformed JSON bodies get the API parse error', async () => {
    const res = await fetch(`${fake.baseURL}/responses`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{"model":' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^We could not parse the JSON body of your request/);
  });

  test('models list: current models, retired only through the gateway', async () => {
    const ids = (await sdk(fake).models.list()).data.map((m) => m.id);
    expect(ids).toContain('gpt-image-2');
    expect(ids).not.toContain('gpt-image-1');
    const gw = (await sdk(fake, { baseURL: fake.gatewayURL }).models.list()).data.map((m) => m.id);
    expect(gw).toContain('dall-e-2');
  });
});

const control = (path: string, body?: unknown) => fetch(`${fake.controlURL}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('HTTP controls', () => {
  test('script, mode, requests with file data, reset', async () => {
    expect(await (await control('/health')).json()).toMatchObject({ ok: true, baseURL: fake.baseURL });
    await control('/script', [{ path: '/v1/images/edits', fault: { kind: 'status', status: 503, shouldRetry: false } }]);
    expect((await errorOf(sdk(fake).images.edit({ model: 'gpt-image-1.5', prompt: 'x', image: pngFile(png(8, 8)) }))).status).toBe(503);
    expect(await (await control('/mode', { gateway: true, expectedKey: KEY })).json()).toEqual({ gateway: true, alterOutsideMask: false, delayMs: 0, expectedKeySet: true });
    await sdk(fake).images.edit({ model: 'gpt-image-1', prompt: 'x', image: pngFile(png(30, 20)), mask: pngFile(maskPng(30, 20, { x: 0, y: 0, w: 10, h: 20 })) });
    const log = await (await control('/requests?path=/v1/images/edits')).json() as { files: { field: string; alphaUrl: string; width: number }[]; auth: { matchesExpected: boolean } }[];
    expect(log).toHaveLength(2);
    expect(log[1]!.auth.matchesExpected).toBe(true);
    const m = log[1]!.files.find((f) => f.field === 'mask')!;
    const alpha = new Uint8Array(await (await fetch(m.alphaUrl)).arrayBuffer());
    expect(alpha.length).toBe(30 * 20);
    expect([alpha[0], alpha[9], alpha[10], alpha[29]]).toEqual([0, 0, 255, 255]);
    await control('/reset', {});
    expect(await (await control('/requests')).json()).toEqual([]);
    expect((await (await control('/mode')).json()).gateway).toBe(false);
  });

  test('old requests drop their file bytes after keepFiles newer ones', async () => {
    const small = await startFakeOpenAI({ keepFiles: 1 });
    const client = sdk(small);
    for (let i = 0; i < 2; i++) await client.files.create({ file: await toFile(png(4, 4), 'a.png', { type: 'image/png' }), purpose: 'vision' });
    const [a, b] = small.requests();
    expect([a!.files[0]!.bytes, a!.files[0]!.rgba()]).toEqual([undefined, null]);
    expect(b!.files[0]!.rgba()!.length).toBe(4 * 4 * 4);
    await small.close();
  });
});
