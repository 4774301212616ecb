import type { Action } from '../../core/actions/registry.ts';
import type { ActionContext } from '../actions.ts';

const editRound = (c: ActionContext) => c.results?.results.state.round?.kind === 'edit';
const picked = (c: ActionContext) => !!c.results?.results.hasPick;
const idle = (c: ActionContext) => !c.edit?.session.running;

/**
 * Compare, continue, download the result, generate again and the history: in the same registry
 * as every other command (toolbar, keys, embed). Holding `\` to see the original is a held key,
 * like Space for panning (src/ui/results/usePeekKey.ts).
 */
export const resultActions: Action<ActionContext>[] = [
  {
    id: 'compare', label: 'action.compare', keys: ['C'],
    enabled: editRound,
    perform: (c) => void c.results?.results.setCompare(!c.results.results.state.compare),
  },
  {
    id: 'continueFromResult', label: 'action.continueFromResult', keys: ['U'],
    enabled: (c) => editRound(c) && picked(c) && idle(c),
    perform: (c) => void c.results?.results.continueFromResult(),
  },
  {
    id: 'downloadResult', label: 'action.downloadResult', keys: ['Mod+Shift+S'],
    enabled: picked,
    perform: (c) => void c.results?.results.download(),
  },
  {
    id: 'generateAgain', label: 'action.generateAgain', keys: ['Shift+Mod+Enter'],
    enabled: (c) => !!c.results?.results.state.round && !!c.edit && idle(c),
    perform: (c) => void c.edit?.session.submit({ fresh: true }),
  },
  {
    id: 'history', label: 'action.history', keys: ['Y'],
    enabled: (c) => !!c.results,
    perform: (c) => void c.results?.history.toggle(),
  },
];
