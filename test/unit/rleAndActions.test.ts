import { describe, expect, it } from 'vitest';
import { rleDecode, rleEncode } from '../../src/core/mask/rle.ts';
import { ActionRegistry, matchesShortcut } from '../../src/core/actions/registry.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('rle', () => {
  it('round-trips runs, noise and long runs', () => {
    const a = new Uint8Array(70000);
    a.fill(255, 1000, 5000);
    for (let i = 6000; i < 7000; i++) a[i] = (i * 7919) & 255;
    const enc = rleEncode(a);
    expect(rleDecode(enc, a.length)).toEqual(a);
    const sparse = new Uint8Array(65536);
    expect(rleEncode(sparse).length).toBeLessThan(600);
  });
});

describe('shortcuts', () => {
  it('matches Mod, Shift and Ctrl+Y per platform', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('z', { metaKey: true }), 'Mod+Z', true)).toBe(true);
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z', true)).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Shift+Mod+Z')).toBe(true);
    expect(matchesShortcut(key('y', { ctrlKey: true }), 'Ctrl+Y')).toBe(true);
    expect(matchesShortcut(key('y', { ctrlKey: true }), 'Ctrl+Y', true)).toBe(true);
    expect(matchesShortcut(key('['), '[')).toBe(true);
    expect(matchesShortcut(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(key('b', { ctrlKey: true }), 'B')).toBe(false);
  });

  it('runs only enabled actions', () => {
    let ran = 0;
    const r = new ActionRegistry<{ ok: boolean }>([
      { id: 'x', label: 'x', keys: ['X'], enabled: (c) => c.ok, perform: () => ran++ },
    ]);
    expect(r.run('x', { ok: false })).toBe(false);
    expect(r.run('x', { ok: true })).toBe(true);
    expect(r.forKey(key('x'))?.id).toBe('x');
    expect(ran).toBe(1);
  });
});
