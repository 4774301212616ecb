import { describe, expect, it } from 'vitest';
import { ActionRegistry, matchesShortcut } from '../../src/core/actions/registry.ts';
import { ariaShortcuts, shortcutKeys, shortcutText } from '../../src/core/actions/shortcutText.ts';
import { createActions } from '../../src/app/actions.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcut text', () => {
  it('prints specs per platform', () => {
    expect(shortcutText('Mod+Shift+E', false)).toBe('Ctrl+Shift+E');
    expect(shortcutText('Mod+Shift+E', true)).toBe('⇧⌘E');
    expect(shortcutText('Shift+Mod+Z', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutText('Shift+ArrowLeft', false)).toBe('Shift+←');
    expect(shortcutText('Escape', false)).toBe('Esc');
    expect(shortcutText('Mod+Enter', true)).toBe('⌘↩');
    expect(shortcutKeys('Mod++', false)).toEqual(['Ctrl', '+']);
    expect(shortcutKeys('+', false)).toEqual(['+']);
    expect(shortcutText('b', false)).toBe('B');
  });

  it('writes aria-keyshortcuts with ARIA’s modifier names', () => {
    expect(ariaShortcuts(['Mod+Z'], false)).toBe('Control+Z');
    expect(ariaShortcuts(['Mod+Z'], true)).toBe('Meta+Z');
    expect(ariaShortcuts(['Shift+Mod+Z', 'Ctrl+Y'], false)).toBe('Shift+Control+Z Control+Y');
    expect(ariaShortcuts(['['], false)).toBe('[');
  });

  it('matches the plus key ("+" and "Mod++")', () => {
    expect(matchesShortcut(key('+', { shiftKey: true }), '+')).toBe(true);
    expect(matchesShortcut(key('+', { ctrlKey: true }), 'Mod++')).toBe(true);
    expect(matchesShortcut(key('='), '+')).toBe(false);
  });
});

describe('scoped actions', () => {
  it('answer only where their scope has the focus; global ones answer everywhere', () => {
    const ran: string[] = [];
    const r = new ActionRegistry<object>([
      { id: 'left', label: 'l', keys: ['ArrowLeft', 'Shift+ArrowLeft'], scope: 'canvas', perform: (_c, k) => ran.push(k?.shiftKey ? 'big' : 'small') },
      { id: 'undo', label: 'u', keys: ['Mod+Z'], perform: () => ran.push('undo') },
    ]);
    expect(r.forKey(key('ArrowLeft'), false, {})).toBeUndefined();
    expect(r.forKey(key('ArrowLeft'), false, {}, 'canvas')?.id).toBe('left');
    expect(r.forKey(key('z', { ctrlKey: true }), false, {}, 'canvas')?.id).toBe('undo');
    r.run('left', {}, key('ArrowLeft', { shiftKey: true }));
    r.run('left', {});
    expect(ran).toEqual(['big', 'small']);
  });

  it('no two actions of the app claim the same key in the same place', () => {
    const seen = new Map<string, string>();
    for (const a of createActions().all()) {
      for (const k of a.keys ?? []) {
        const at = `${a.scope ?? '*'} ${k.toLowerCase()}`;
        expect(seen.get(at), `${k} for ${a.id}`).toBeUndefined();
        seen.set(at, a.id);
      }
    }
    expect(seen.get('canvas enter')).toBe('penToggle');
    expect(seen.get('* ?')).toBe('shortcuts');
  });
});
