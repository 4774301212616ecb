import { Store } from '../../core/store.ts';
import type { HistoryRecord } from '../../core/results/record.ts';
import { requestPersistence, storageEstimate, type ResultStore, type StorageFacts, type StorageMode } from '../../services/storage/index.ts';
import type { Notifier } from '../notifier.ts';

export interface HistoryState {
  open: boolean;
  /** Newest first. */
  records: HistoryRecord[];
  /** Object URLs of the records' thumbnails, by record id. */
  thumbs: Record<string, string>;
  /** Used and available bytes and persistence; null where the browser cannot say. */
  storage: StorageFacts | null;
  mode: StorageMode | null;
  /** "Clear all" asked, waiting for the user to confirm. */
  confirmingClear: boolean;
  /** Storage work under way (the drawer shows it), or null. */
  busy: HistoryWork | null;
}

/** What the history is doing with storage: reading the list, opening, deleting or clearing. */
export type HistoryWork = 'reading' | 'opening' | 'deleting' | 'clearing';

/**
 * The history drawer's state: every past edit, newest first, with its thumbnail; delete one,
 * clear all; storage used and available, and a request for persistent storage.
 */
export class HistoryController {
  readonly store = new Store<HistoryState>({ open: false, records: [], thumbs: {}, storage: null, mode: null, confirmingClear: false, busy: null });
  private generation = 0;

  constructor(
    private readonly storage: Promise<ResultStore>,
    private readonly notifier: Notifier,
    private readonly opener: (id: string) => Promise<void>,
  ) {}

  get state(): HistoryState { return this.store.get(); }

  async setOpen(open: boolean): Promise<void> {
    this.store.set({ open, confirmingClear: false });
    if (open) await this.refresh();
    else this.releaseThumbs();
  }

  toggle(): Promise<void> { return this.setOpen(!this.state.open); }

  /** Runs storage work with `busy` set while it lasts (a big history or a slow disk takes seconds). */
  private async busyWith<T>(work: HistoryWork, run: () => Promise<T>): Promise<T> {
    this.store.set({ busy: work });
    try {
      return await run();
    } finally {
      if (this.state.busy === work) this.store.set({ busy: null });
    }
  }

  /** Reads the records, their thumbnails and the storage figures again. */
  refresh(): Promise<void> {
    return this.busyWith('reading', () => this.read());
  }

  private async read(): Promise<void> {
    const gen = ++this.generation;
    const store = await this.storage;
    const records = await store.listHistory();
    const open = this.state.open;
    // A record's thumbnail never changes: those already shown are kept, only new ones are read.
    const made: Record<string, string> = {};
    if (open) {
      for (const r of records) {
        if (this.state.thumbs[r.id]) continue;
        const blob = r.thumbHash ? await store.getBlob(r.thumbHash) : undefined;
        if (blob) made[r.id] = URL.createObjectURL(blob);
      }
    }
    const facts = await storageEstimate().catch(() => null);
    if (gen !== this.generation) { for (const u of Object.values(made)) URL.revokeObjectURL(u); return; }
    const old = this.state.thumbs;
    const thumbs: Record<string, string> = {};
    if (open) for (const r of records) { const u = made[r.id] ?? old[r.id]; if (u) thumbs[r.id] = u; }
    for (const [id, u] of Object.entries(old)) if (thumbs[id] !== u) URL.revokeObjectURL(u);
    this.store.set({ records, thumbs, storage: facts, mode: store.mode });
  }

  async open(id: string): Promise<void> {
    await this.busyWith('opening', () => this.opener(id));
  }

  async remove(id: string): Promise<void> {
    await this.busyWith('deleting', async () => (await this.storage).deleteHistory(id));
    this.notifier.push({ kind: 'info', text: 'history.deleted' });
    await this.refresh();
  }

  /** Asks first (the drawer shows the question); `confirmed` deletes every record. */
  async clearAll(confirmed = false): Promise<void> {
    if (!confirmed) { this.store.set({ confirmingClear: true }); return; }
    this.store.set({ confirmingClear: false });
    await this.busyWith('clearing', async () => (await this.storage).clearHistory());
    this.notifier.push({ kind: 'info', text: 'history.cleared' });
    await this.refresh();
  }

  cancelClear(): void { this.store.set({ confirmingClear: false }); }

  /** Asks the browser to keep this site's data under storage pressure, and says what it answered. */
  async persist(): Promise<void> {
    const granted = await requestPersistence().catch(() => false);
    this.notifier.push({ kind: granted ? 'info' : 'warning', text: granted ? 'storage.persistGranted' : 'storage.persistDenied' });
    await this.refresh();
  }

  private releaseThumbs(): void {
    for (const u of Object.values(this.state.thumbs)) URL.revokeObjectURL(u);
    this.store.set({ thumbs: {} });
  }
}
