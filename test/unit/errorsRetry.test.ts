import { describe, expect, it } from 'vitest';
import { describeError, ERROR_KEYS, type ApiErrorInfo } from '../../src/core/openai/request/errors.ts';
import { decideRetry, serverWaitMs } from '../../src/core/openai/request/retry.ts';
import { en } from '../../src/ui/i18n/en.ts';

const api = (status: number, error: Record<string, unknown>, extra: Partial<ApiErrorInfo> = {}): ApiErrorInfo => ({
  kind: 'api', status, message: String(error.message), code: (error.code as string) ?? null, type: (error.type as string) ?? null,
  param: (error.param as string) ?? null, model: 'gpt-image-2', requestId: 'req_1', ...extra,
});

/** The message key for an API error of this status and code. */
const errorKey = (status: number, code: string) => describeError({ kind: 'api', status, code, message: 'x' }).key;

describe('the contract’s error catalogue, each to a message that says what to do', () => {
  const cases: [string, ApiErrorInfo, string, Record<string, unknown>?][] = [
    ['wrong MIME', api(400, { message: "Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.", type: 'invalid_request_error', param: 'image', code: 'unsupported_file_mimetype' }), 'openai.error.mime', { param: 'image' }],
    ['dall-e-2 wrong MIME', api(400, { message: "Invalid file 'image': unsupported mimetype ('image/jpeg'). Supported file formats are 'image/png'.", param: 'image', code: 'unsupported_file_mimetype' }), 'openai.error.mime'],
    ['image part missing', api(400, { message: 'Invalid image file or mode for image 1, please check your image file.', type: 'image_generation_user_error' }), 'openai.error.imageMissing'],
    ['mask size', api(400, { message: 'Invalid mask image format - mask size does not match image size', param: 'mask' }), 'openai.error.maskSize'],
    ['mask alpha', api(400, { message: 'Invalid mask image format - mask image missing alpha channel' }), 'openai.error.maskAlpha'],
    ['size', api(400, { message: "Invalid value: '512x512'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.", type: 'invalid_request_error', param: 'size', code: 'invalid_value' }), 'openai.error.size', { value: '512x512' }],
    ['quality', api(400, { message: "Invalid value: 'standard'. Supported values are: 'low', 'medium', 'high', and 'auto'.", param: 'quality', code: 'invalid_value' }), 'openai.error.quality', { value: 'standard' }],
    ['response_format', api(400, { message: "Unknown parameter: 'response_format'.", code: 'unknown_parameter', param: 'response_format' }), 'openai.error.unknownParameter', { param: 'response_format' }],
    ['png compression', api(400, { message: 'Compression less than 100 is not supported for PNG output format', type: 'image_generation_user_error', code: 'invalid_png_output_compression' }), 'openai.error.compression'],
    ['transparent jpeg', api(400, { message: 'Transparent background is not supported for JPEG output format', param: 'background', code: 'invalid_value' }), 'openai.error.transparent'],
    ['transparent gpt-image-2', api(400, { message: 'Transparent background is not supported for this model.', param: 'background', code: 'invalid_value' }), 'openai.error.transparent'],
    ['moderation 2026', api(400, { message: 'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID abc. safety_violations=[sexual].', type: 'image_generation_user_error', code: 'moderation_blocked' }, { moderation: { categories: ['sexual'], stage: 'output' } }), 'openai.error.moderation', { categories: 'sexual', stage: 'output', request: 'req_1' }],
    ['moderation without details', api(400, { message: 'Your request was rejected by the safety system. safety_violations=[violence, self-harm].', code: 'moderation_blocked' }), 'openai.error.moderation', { categories: 'violence, self-harm' }],
    ['moderation 2025', api(400, { message: 'Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.', code: 'content_policy_violation' }), 'openai.error.moderation'],
    ['dall-e-2 RGB', api(400, { message: "Invalid input image - format must be in ['RGBA', 'LA', 'L'], got RGB." }), 'openai.error.dalleAlpha'],
    ['dall-e-2 file', api(400, { message: 'Uploaded image must be a PNG and less than 4 MB.' }), 'openai.error.dalleFile'],
    ['organisation verification', api(403, { message: 'Your organization must be verified to use the model `gpt-image-2`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.' }), 'openai.error.verification'],
    ['unknown model', api(404, { message: 'The model `gpt-image-1` does not exist or you do not have access to it.', code: 'model_not_found' }, { model: 'gpt-image-1' }), 'openai.error.unknownModel', { model: 'gpt-image-1' }],
    ['bad key', api(401, { message: 'Incorrect API key provided: sk-...abcd.', code: 'invalid_api_key' }), 'openai.error.auth'],
    ['rate limit', api(429, { message: 'Rate limit reached', code: 'rate_limit_exceeded' }), 'openai.error.rateLimit'],
    ['quota', api(429, { message: 'You exceeded your current quota', code: 'insufficient_quota' }), 'openai.error.quota'],
    ['server', api(503, { message: 'overloaded' }), 'openai.error.server', { status: 503 }],
    ['billing limit', api(400, { message: 'Billing hard limit has been reached', code: 'billing_hard_limit_reached' }), 'openai.error.billing'],
    ['lost conversation', api(400, { message: "Previous response with id 'resp_x' not found.", param: 'previous_response_id', code: 'previous_response_not_found' }), 'openai.error.previousResponse'],
    ['other 400', api(400, { message: 'Something odd' }), 'openai.error.badRequest', { message: 'Something odd' }],
    ['a host proxy’s own refusal (its message, in the user’s language)', api(429, { message: '您今天的编辑次数已达上限。', type: 'inpaint_host_error', code: 'inpaint_daily_limit' }), 'openai.error.host', { message: '您今天的编辑次数已达上限。' }],
    ['a host proxy’s 403', api(403, { message: 'Your session has expired.', type: 'inpaint_host_error', code: 'inpaint_bad_nonce' }), 'openai.error.host', { message: 'Your session has expired.' }],
  ];
  for (const [name, info, key, params] of cases) {
    it(name, () => {
      const m = describeError(info);
      expect(m.key).toBe(key);
      if (params) expect(m.params).toMatchObject(params);
    });
  }

  it('maps the production server proxy’s own refusals to their messages, before the generic 401/429/503 ones', () => {
    expect(errorKey(401, 'proxy_token_missing')).toBe('openai.error.proxyToken');
    expect(errorKey(401, 'proxy_token_invalid')).toBe('openai.error.proxyToken');
    expect(errorKey(429, 'proxy_rate_limited')).toBe('openai.error.proxyRate');
    expect(errorKey(429, 'proxy_busy')).toBe('openai.error.proxyBusy');
    expect(errorKey(429, 'proxy_budget')).toBe('openai.error.proxyBudget');
    expect(errorKey(429, 'proxy_budget_deployment')).toBe('openai.error.proxyBudgetAll');
    expect(errorKey(503, 'proxy_limits_unavailable')).toBe('openai.error.proxyUnavailable');
    expect(errorKey(400, 'proxy_safety_identifier')).toBe('openai.error.proxySafetyId');
    expect(describeError({ kind: 'api', code: 'server_shutdown', type: 'server_error', message: 'x' }).key).toBe('openai.error.proxyRestart');
    expect(errorKey(429, 'rate_limit_exceeded')).toBe('openai.error.rateLimit');
  });

  it('covers the failures that are not API answers', () => {
    expect(describeError({ kind: 'aborted' }).key).toBe('openai.error.cancelled');
    expect(describeError({ kind: 'connection', host: 'api.example' })).toEqual({ key: 'openai.error.connection', params: { host: 'api.example' } });
    expect(describeError({ kind: 'timeout', host: 'h' }).key).toBe('openai.error.timeout');
    expect(describeError({ kind: 'stream-dropped' }).key).toBe('openai.error.streamDropped');
    expect(describeError({ kind: 'no-image', model: 'm' }).key).toBe('openai.error.noImage');
    expect(describeError({ kind: 'retry-later', waitSeconds: 120 }).params).toEqual({ seconds: 120 });
  });

  it('has an English string for every key, with every parameter it is given', () => {
    for (const k of ERROR_KEYS) expect(en[k], k).toBeTruthy();
    for (const [, info, key] of cases) {
      const m = describeError(info);
      const placeholders = [...en[key as keyof typeof en].matchAll(/\{(\w+)\}/g)].map((x) => x[1]!);
      for (const p of placeholders) expect(m.params, `${key} {${p}}`).toHaveProperty(p);
    }
  });
});

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });

describe('retry policy', () => {
  it('honours retry-after-ms and retry-after (seconds or date)', () => {
    expect(serverWaitMs(headers({ 'retry-after-ms': '1500' }))).toBe(1500);
    expect(serverWaitMs(headers({ 'retry-after': '3' }))).toBe(3000);
    expect(serverWaitMs(headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(serverWaitMs(headers({}))).toBeNull();
    expect(decideRetry({ status: 429, headers: headers({ 'retry-after': '2' }), answered: false }, 0)).toEqual({ retry: true, waitMs: 2000 });
  });

  it('retries 408, 409, 429, 5xx and connection errors with growing backoff, and nothing else', () => {
    for (const status of [408, 409, 429, 500, 503]) expect(decideRetry({ status, answered: false }, 0).retry, String(status)).toBe(true);
    expect(decideRetry({ answered: false }, 0).retry).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422]) expect(decideRetry({ status, answered: false }, 0).retry, String(status)).toBe(false);
    const waits = [0, 1, 2, 3, 4, 5].map((a) => decideRetry({ status: 500, answered: false }, a, { maxRetries: 9, maxServerWaitMs: 60_000, baseMs: 500, capMs: 8000 }, () => 0));
    expect(waits.map((w) => (w.retry ? w.waitMs : -1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(decideRetry({ status: 500, answered: false }, 0, undefined, () => 1)).toEqual({ retry: true, waitMs: 375 });
  });

  it('never retries once an answer began, past the limit, when told not to, or for waits over a minute', () => {
    expect(decideRetry({ status: 500, answered: true }, 0).retry).toBe(false);
    expect(decideRetry({ status: 429, answered: false, code: 'insufficient_quota' }, 0).retry).toBe(false);
    expect(decideRetry({ status: 500, answered: false }, 3).retry).toBe(false);
    expect(decideRetry({ status: 500, headers: headers({ 'x-should-retry': 'false' }), answered: false }, 0).retry).toBe(false);
    expect(decideRetry({ status: 400, headers: headers({ 'x-should-retry': 'true' }), answered: false }, 0).retry).toBe(true);
    expect(decideRetry({ status: 429, headers: headers({ 'retry-after': '120' }), answered: false }, 0)).toEqual({ retry: false, serverWaitMs: 120_000 });
  });
});
