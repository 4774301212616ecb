import type { Action } from '../core/actions/registry.ts';
import type { ActionContext } from './actions.ts';

const hasImage = (c: ActionContext) => c.editor.state.image !== null;
const canMove = (c: ActionContext) => hasImage(c) && !!c.keyBrush;

/** One arrow key: moves the keyboard brush a step, Shift a big step (only while the canvas has the focus). */
const arrow = (id: string, key: string, dx: number, dy: number): Action<ActionContext> => ({
  id, label: `action.${id}`, keys: [key, `Shift+${key}`], scope: 'canvas', enabled: canMove,
  perform: (c, k) => c.keyBrush?.move(dx, dy, k?.shiftKey),
});

/**
 * The keyboard's own commands — the shortcut sheet, select all, and the keyboard brush (arrow
 * keys and Enter on the focused canvas), so a mask can be made without a pointer — and the pen
 * pressure switch.
 */
export const accessActions: Action<ActionContext>[] = [
  { id: 'shortcuts', label: 'action.shortcuts', keys: ['?'], enabled: (c) => !!c.showShortcuts, perform: (c) => c.showShortcuts?.() },
  { id: 'selectAll', label: 'action.selectAll', keys: ['Mod+A'], enabled: hasImage, perform: (c) => c.editor.fillMask() },
  arrow('brushLeft', 'ArrowLeft', -1, 0),
  arrow('brushRight', 'ArrowRight', 1, 0),
  arrow('brushUp', 'ArrowUp', 0, -1),
  arrow('brushDown', 'ArrowDown', 0, 1),
  { id: 'togglePressure', label: 'control.pressure', perform: (c) => c.editor.setPressure(!c.editor.state.pressure) },
  // Enter lifts a pen that is down; with the pen up it first closes a polygon lasso.
  {
    id: 'penToggle', label: 'action.penToggle', keys: ['Enter'], scope: 'canvas', enabled: canMove,
    perform: (c) => { if (c.keyBrush?.state.painting || !c.editor.handleToolKey('Enter')) c.keyBrush?.toggle(); },
  },
  // Escape drops a marquee or lasso under way; with none, the key is left to the browser.
  { id: 'selectCancel', label: 'action.selectCancel', keys: ['Escape'], scope: 'canvas', enabled: (c) => c.editor.overlay !== null, perform: (c) => void c.editor.handleToolKey('Escape') },
];
