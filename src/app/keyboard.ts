import type { ActionRegistry } from '../core/actions/registry.ts';
import type { ActionContext } from './actions.ts';
import { listen } from '../ui/listen.ts';

/** Fields that take typed text: their keys are theirs, not shortcuts. */
export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['range', 'color', 'checkbox', 'radio', 'button', 'file'].includes(el.type);
}

/** Controls that Space presses (buttons, checkboxes…): Space must reach them, not start a pan. */
function isControl(el: EventTarget | null): boolean {
  return el instanceof Element && el.closest('button, input, select, textarea, summary, a[href], [role=button], [role=checkbox], [role=switch]') !== null;
}

/**
 * The keyboard's way into the actions registry: a key runs the action whose shortcut it is.
 * Typing in a field, and anything inside an open dialog, is left alone; actions with a scope
 * (the canvas's arrow keys and Enter) answer only where the focus is inside
 * `[data-key-scope=<scope>]`; Space held over anything but a control pans. Returns the unbind.
 */
export function bindKeyboard(target: Window, actions: ActionRegistry<ActionContext>, ctx: ActionContext, isApple: boolean): () => void {
  const down = (e: KeyboardEvent) => {
    if (isTextField(e.target)) return;
    const el = e.target instanceof Element ? e.target : null;
    if (el?.closest('dialog')) return;
    if (e.key === ' ') {
      if (isControl(el)) return;
      if (!e.repeat) ctx.editor.setPanMode(true);
      e.preventDefault();
      return;
    }
    const scope = el?.closest('[data-key-scope]')?.getAttribute('data-key-scope') ?? undefined;
    const a = actions.forKey(e, isApple, ctx, scope);
    if (!a) return;
    // A shortcut with Ctrl or ⌘ is ours even when it cannot run now (no browser Save page on
    // Ctrl+S); a plain key that cannot run is left to the browser (Escape closes things).
    const ran = actions.run(a.id, ctx, e);
    if (ran || e.ctrlKey || e.metaKey) e.preventDefault();
  };
  const up = (e: KeyboardEvent) => { if (e.key === ' ') ctx.editor.setPanMode(false); };
  const blur = () => ctx.editor.setPanMode(false);
  return listen(target, { keydown: down, keyup: up, blur });
}
