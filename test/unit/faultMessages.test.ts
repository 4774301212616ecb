import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/core/openai/request/errors.ts';
import { decideRetry } from '../../src/core/openai/request/retry.ts';
import { serviceConfig } from '../../src/app/edit/serviceConfig.ts';

describe('faults after an answer began', () => {
  it('an answer that does not parse, and an error event in a stream, have messages of their own', () => {
    expect(describeError({ kind: 'malformed', host: 'api.example' })).toEqual({ key: 'openai.error.malformed', params: { host: 'api.example' } });
    expect(describeError({ kind: 'api', type: 'server_error', message: 'The server had an error' })).toMatchObject({ key: 'openai.error.streamFailed', params: { message: 'The server had an error' } });
    // A moderation error inside a stream is still the moderation message.
    expect(describeError({ kind: 'api', type: 'image_generation_user_error', code: 'moderation_blocked', message: 'x' }).key).toBe('openai.error.moderation');
  });

  it('a 429 or 5xx sent once (the server said not to retry) does not claim that retries ran out', () => {
    expect(describeError({ kind: 'api', status: 500, attempts: 1 }).key).toBe('openai.error.serverOnce');
    expect(describeError({ kind: 'api', status: 500, attempts: 4 }).key).toBe('openai.error.server');
    expect(describeError({ kind: 'api', status: 429, code: 'rate_limit_exceeded', attempts: 1 }).key).toBe('openai.error.rateLimitOnce');
    expect(describeError({ kind: 'api', status: 429, code: 'insufficient_quota', attempts: 1 }).key).toBe('openai.error.quota');
  });

  it('a failure with no status is retried only while nothing of an answer had arrived', () => {
    expect(decideRetry({ answered: false }, 0).retry).toBe(true);
    expect(decideRetry({ answered: true }, 0).retry).toBe(false);
  });
});

describe('timeout in config.json', () => {
  it('is taken when it is a number of milliseconds (1 s or more), and left out otherwise', () => {
    expect(serviceConfig({ service: { timeout_ms: 2500 } }).service.timeout_ms).toBe(2500);
    for (const bad of [0, 10, -5, '3000', null, Number.NaN]) expect(serviceConfig({ service: { timeout_ms: bad } }).service).not.toHaveProperty('timeout_ms');
  });
});
