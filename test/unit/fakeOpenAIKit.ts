/** Shared pieces for the fake OpenAI server's own tests: PNG makers, clients, error capture. */
import OpenAI, { APIError } from 'openai';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import type { FakeOpenAI } from '../fake-openai/server.ts';

export const KEY = 'sk-test-fake-key-0001';

type Pixel = (x: number, y: number) => [number, number, number, number];

/** A PNG of the given size; colour type 6 (RGBA) unless told (2 RGB, 0 grey, 4 grey+alpha). */
export function png(width: number, height: number, pixel: Pixel = (x, y) => [x % 256, y % 256, 90, 255], colorType: 0 | 2 | 4 | 6 = 6): Buffer {
  const p = new PNG({ width, height, colorType });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) p.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(p, { colorType, inputHasAlpha: true });
}

/** An RGBA mask: alpha 0 inside the rectangle (the area to edit), 255 elsewhere. */
export function maskPng(width: number, height: number, r: { x: number; y: number; w: number; h: number }): Buffer {
  return png(width, height, (x, y) => [0, 0, 0, x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h ? 0 : 255]);
}

export const pngFile = (bytes: Buffer, name = 'image.png', type = 'image/png') => new File([new Uint8Array(bytes)], name, { type });

export function decodePng(b64: string): PNG {
  return PNG.sync.read(Buffer.from(b64, 'base64'));
}

export const pixelAt = (img: { width: number; data: Uint8Array }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

export function sdk(fake: FakeOpenAI, opts: { maxRetries?: number; baseURL?: string; apiKey?: string } = {}): OpenAI {
  return new OpenAI({ apiKey: opts.apiKey ?? KEY, baseURL: opts.baseURL ?? fake.baseURL, maxRetries: opts.maxRetries ?? 0 });
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<APIError & { error: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as APIError & { error: unknown };
  }
  throw new Error('expected the request to fail');
}

/** Asserts an SDK APIError carries exactly this status and `error` envelope. */
export function expectEnvelope(e: APIError & { error: unknown }, status: number, body: Record<string, unknown>): void {
  expect(e).toBeInstanceOf(APIError);
  expect(e.status).toBe(status);
  expect(e.error).toEqual(body);
}

/** A multipart edit sent with raw fetch (for what the SDK will not send). */
export async function rawEdit(fake: FakeOpenAI, fields: Record<string, string | File | File[]>, path = '/images/edits'): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const f of v) form.append(k, f);
    else form.append(k, v);
  }
  return fetch(`${fake.baseURL}${path}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
}

export async function rawJson(fake: FakeOpenAI, path: string, body: unknown, base = fake.baseURL): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export const dataUrl = (bytes: Buffer, mime = 'image/png') => `data:${mime};base64,${bytes.toString('base64')}`;
