import { ActionRegistry, type Action } from '../core/actions/registry.ts';
import type { Editor } from '../editor/Editor.ts';
import { derivedName, downloadBlob } from '../services/download.ts';
import type { Notifier } from './notifier.ts';
import type { EmbedController } from './embed.ts';
import type { EditSession } from './edit/EditSession.ts';
import { editActions } from './edit/editActions.ts';
import { accessActions } from './accessActions.ts';
import type { KeyboardBrush } from '../editor/KeyboardBrush.ts';
import { TOOLS } from '../engine/tools/registry.ts';
import { resultActions } from './results/resultActions.ts';
import type { ResultServices } from './results/ResultServices.ts';

/** What actions act on. */
export interface ActionContext {
  editor: Editor;
  notifier: Notifier;
  /** The host page connection when embedded (Save to host, Cancel). */
  embed: EmbedController;
  /** Opens the system file picker for an image or a mask. */
  pickFile(kind: 'image' | 'mask'): void;
  /** The edit panel's commands (absent where the app runs without it). */
  edit?: { session: EditSession; openSettings(): void; togglePanel(): void };
  /** The keyboard brush on the focused canvas (arrow keys and Enter). */
  keyBrush?: KeyboardBrush;
  /** Opens the keyboard shortcut sheet. */
  showShortcuts?(): void;
  /** Opens the "Refine mask" panel (absent where the app runs without it). */
  openRefine?(): void;
  /** Opens the "Extend canvas" panel (absent where the app runs without it). */
  openExtend?(): void;
  /** Results, compare, history (absent where the app runs without them). */
  results?: ResultServices;
}

const hasImage = (c: ActionContext) => c.editor.state.image !== null;
const hostConnected = (c: ActionContext) => c.embed.state.connected;

async function save(c: ActionContext, make: () => Promise<Blob>, suffix: string): Promise<void> {
  const img = c.editor.state.image;
  if (!img) return;
  try {
    downloadBlob(await make(), derivedName(img.name, suffix));
  } catch (e) {
    c.notifier.push({ kind: 'error', text: 'message.exportFailed', params: { reason: String((e as Error).message ?? e) } });
  }
}

/** Every command of the editor: toolbar buttons, shortcuts and embed commands all come here. */
export const editorActions: Action<ActionContext>[] = [
  { id: 'open', label: 'action.open', keys: ['Mod+O'], perform: (c) => c.pickFile('image') },
  { id: 'loadMask', label: 'action.loadMask', enabled: hasImage, perform: (c) => c.pickFile('mask') },
  { id: 'downloadMask', label: 'action.downloadMask', keys: ['Mod+Shift+E'], enabled: hasImage, perform: (c) => void save(c, () => c.editor.exportMask(), '-mask') },
  // The picture being edited, never a result over it (even while one is shown): hence "original".
  // The result laid back is *Download result* (Ctrl/Cmd+Shift+S, in the results strip).
  { id: 'downloadImage', label: 'action.downloadImage', enabled: hasImage, perform: (c) => void save(c, () => c.editor.exportImage(), '-original') },
  // One action per tool of the engine's registry (brush, eraser…): its button and its shortcut.
  ...TOOLS.map((tool): Action<ActionContext> => ({ id: tool.id, label: tool.label, keys: tool.keys, perform: (c) => c.editor.setTool(tool.id) })),
  { id: 'brushSmaller', label: 'action.brushSmaller', keys: ['['], perform: (c) => c.editor.stepBrush(-1) },
  { id: 'brushLarger', label: 'action.brushLarger', keys: [']'], perform: (c) => c.editor.stepBrush(1) },
  { id: 'undo', label: 'action.undo', keys: ['Mod+Z'], enabled: (c) => c.editor.state.canUndo, perform: (c) => c.editor.undo() },
  { id: 'redo', label: 'action.redo', keys: ['Shift+Mod+Z', 'Ctrl+Y'], enabled: (c) => c.editor.state.canRedo, perform: (c) => c.editor.redo() },
  { id: 'clear', label: 'action.clear', keys: ['Delete'], enabled: hasImage, perform: (c) => c.editor.clearMask() },
  { id: 'invert', label: 'action.invert', keys: ['Mod+I'], enabled: hasImage, perform: (c) => c.editor.invertMask() },
  // Photoshop's Select and Mask is Alt+Ctrl+R too; plain R is left for tools.
  { id: 'refineMask', label: 'action.refineMask', keys: ['Alt+Mod+R'], visible: (c) => !!c.openRefine, enabled: hasImage, perform: (c) => c.openRefine?.() },
  // Photoshop's Canvas Size is Alt+Ctrl+C too.
  { id: 'extendCanvas', label: 'action.extendCanvas', keys: ['Alt+Mod+C'], visible: (c) => !!c.openExtend, enabled: hasImage, perform: (c) => c.openExtend?.() },
  { id: 'toggleMask', label: 'action.toggleMask', keys: ['H'], enabled: hasImage, perform: (c) => c.editor.setMaskVisible(!c.editor.state.maskVisible) },
  { id: 'zoomIn', label: 'action.zoomIn', keys: ['Mod+=', '=', '+'], enabled: hasImage, perform: (c) => c.editor.zoomIn() },
  { id: 'zoomOut', label: 'action.zoomOut', keys: ['Mod+-', '-'], enabled: hasImage, perform: (c) => c.editor.zoomOut() },
  { id: 'fit', label: 'action.fit', keys: ['Mod+0', '0'], enabled: hasImage, perform: (c) => c.editor.fit() },
  { id: 'zoomActual', label: 'action.zoomActual', keys: ['Mod+1', '1'], enabled: hasImage, perform: (c) => c.editor.zoomActual() },
  { id: 'embedSave', label: 'action.embedSave', keys: ['Mod+S'], visible: hostConnected, enabled: (c) => hasImage(c) && !c.embed.state.saving, perform: (c) => void c.embed.save() },
  { id: 'embedCancel', label: 'action.embedCancel', visible: hostConnected, perform: (c) => c.embed.cancel() },
];

export function createActions(): ActionRegistry<ActionContext> {
  return new ActionRegistry([...editorActions, ...editActions, ...resultActions, ...accessActions]);
}
