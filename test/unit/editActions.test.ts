import { describe, expect, it } from 'vitest';
import { createActions } from '../../src/app/actions.ts';
import type { KeyLike } from '../../src/core/actions/registry.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('edit actions in the one registry', () => {
  const actions = createActions();
  it('has send, cancel, settings and the panel, with shortcuts', () => {
    expect(actions.forKey(key('Enter', { ctrlKey: true }))?.id).toBe('submitEdit');
    expect(actions.forKey(key('Enter', { metaKey: true }), true)?.id).toBe('submitEdit');
    expect(actions.forKey(key('Escape'))?.id).toBe('cancelEdit');
    expect(actions.forKey(key(',', { ctrlKey: true }))?.id).toBe('settings');
    expect(actions.forKey(key('p'))?.id).toBe('toggleEditPanel');
    // Named keys match whatever their case in the spec (Delete clears the mask).
    expect(actions.forKey(key('Delete'))?.id).toBe('clear');
  });
  it('sends only when not running, cancels only when running', () => {
    let running = false;
    const calls: string[] = [];
    const session = { get running() { return running; }, submit: async () => { calls.push('submit'); }, cancel: () => calls.push('cancel') };
    const ctx = { edit: { session, openSettings: () => calls.push('settings'), togglePanel: () => calls.push('panel') } } as never;
    expect(actions.run('cancelEdit', ctx)).toBe(false);
    expect(actions.run('submitEdit', ctx)).toBe(true);
    running = true;
    expect(actions.run('submitEdit', ctx)).toBe(false);
    expect(actions.run('cancelEdit', ctx)).toBe(true);
    actions.run('settings', ctx);
    actions.run('toggleEditPanel', ctx);
    expect(calls).toEqual(['submit', 'cancel', 'settings', 'panel']);
  });
});
