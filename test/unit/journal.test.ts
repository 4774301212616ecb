import { describe, expect, it } from 'vitest';
import { localJournal } from '../../src/services/storage/journal.ts';
import { base64ToBytes, bytesToBase64 } from '../../src/core/base64.ts';

class LimitedStorage {
  readonly m = new Map<string, string>();
  constructor(private readonly limit: number) {}
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  getItem(k: string) { return this.m.get(k) ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) {
    if (v.length > this.limit) throw new DOMException('quota', 'QuotaExceededError');
    this.m.set(k, v);
  }
}

describe('the draft journal', () => {
  it('writes, reads and clears one entry per draft name', () => {
    const storage = new LimitedStorage(1e6);
    const j = localJournal(storage);
    expect(j.write('current', { v: 1, prompt: 'a' })).toBe(true);
    expect(j.write('embedded', { v: 1, prompt: 'b' })).toBe(true);
    expect(j.read('current')).toEqual({ v: 1, prompt: 'a' });
    j.clear('current');
    expect(j.read('current')).toBeNull();
    expect(j.read('embedded')).toEqual({ v: 1, prompt: 'b' });
  });

  it('says false when storage is full or missing, and reads nothing broken', () => {
    const storage = new LimitedStorage(10);
    expect(localJournal(storage).write('current', { prompt: 'far too long for ten characters' })).toBe(false);
    expect(localJournal(null).write('current', {})).toBe(false);
    storage.m.set('inpaint-editor:draft-journal:current', '{not json');
    expect(localJournal(storage).read('current')).toBeNull();
  });

  it('carries a packed mask as base64, byte for byte', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
