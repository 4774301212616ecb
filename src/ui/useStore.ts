import { useSyncExternalStore } from 'react';
import type { Store } from '../core/store.ts';

/** Reads an external store's snapshot in React. */
export function useStore<S extends object>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
