import { describe, expect, it } from 'vitest';
import { packCoverage, unpackCoverage } from '../../src/core/results/coverage.ts';
import { outputFields, outputFromRecord, type HistoryRecord } from '../../src/core/results/record.ts';
import type { EditOutput } from '../../src/core/provider/types.ts';

describe('packed mask coverage', () => {
  it('keeps every value exactly, edges included, and its size', () => {
    const w = 300;
    const h = 200;
    const cov = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - 150, y - 100);
      cov[y * w + x] = d < 60 ? 255 : d < 62 ? Math.round((62 - d) * 127) : 0;
    }
    const packed = packCoverage(cov, w, h);
    expect(packed.length).toBeLessThan(cov.length / 10);
    const back = unpackCoverage(packed)!;
    expect([back.width, back.height]).toEqual([w, h]);
    expect(back.coverage).toEqual(cov);
  });

  it('refuses what it did not write, and a coverage of the wrong size', () => {
    expect(unpackCoverage(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(unpackCoverage(new TextEncoder().encode('IMK2........'))).toBeNull();
    expect(() => packCoverage(new Uint8Array(10), 3, 3)).toThrow();
  });
});

describe('history records', () => {
  it('keep what an answer said (not its images) and give it back as the same output', () => {
    const out: Omit<EditOutput, 'images'> = {
      width: 1024, height: 1024, provider: 'openai-images', model: 'dall-e-2',
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 }, revisedPrompt: 'a hat',
      resultRegion: { x: 0, y: 0.166, width: 1, height: 0.666 }, sentSize: { width: 512, height: 512 },
      sentOptions: { model: 'dall-e-2', size: '1024x1024', n: 2 }, responseId: 'resp_1',
    };
    const rec: HistoryRecord = {
      id: 'r', createdAt: 1, prompt: 'p', endpoint: 'e', ...outputFields(out),
      source: { imageHash: null, maskHash: null, width: 600, height: 400, name: 'x.png' },
      results: [{ hash: 'h', width: 1024, height: 1024, type: 'image/png' }],
    };
    const images = [new Blob(['x'])];
    const { images: got, ...back } = outputFromRecord(rec, images);
    expect(got).toBe(images);
    expect(back).toEqual(out);
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec); // plain data, storable as it is
  });
});
