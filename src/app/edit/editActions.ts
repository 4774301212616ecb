import type { Action } from '../../core/actions/registry.ts';
import type { ActionContext } from '../actions.ts';

/** Send, cancel, settings and the panel: in the same registry as every other command. */
export const editActions: Action<ActionContext>[] = [
  {
    id: 'submitEdit', label: 'action.submitEdit', keys: ['Mod+Enter'],
    enabled: (c) => !!c.edit && !c.edit.session.running,
    perform: (c) => void c.edit?.session.submit(),
  },
  {
    id: 'cancelEdit', label: 'action.cancelEdit', keys: ['Escape'],
    enabled: (c) => !!c.edit?.session.running,
    perform: (c) => c.edit?.session.cancel(),
  },
  { id: 'settings', label: 'action.settings', keys: ['Mod+,'], enabled: (c) => !!c.edit, perform: (c) => c.edit?.openSettings() },
  { id: 'toggleEditPanel', label: 'action.toggleEditPanel', keys: ['P'], enabled: (c) => !!c.edit, perform: (c) => c.edit?.togglePanel() },
];
