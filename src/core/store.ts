/** A tiny external store for React's useSyncExternalStore: immutable snapshots, shallow merges. */
export class Store<S extends object> {
  private listeners = new Set<() => void>();
  constructor(private state: S) {}
  get = (): S => this.state;
  set(patch: Partial<S>): void {
    let changed = false;
    for (const k in patch) if (!Object.is(patch[k], this.state[k])) { changed = true; break; }
    if (!changed) return;
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
}
