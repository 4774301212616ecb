/**
 * The draft's last moment: when the page is hidden or goes away, IndexedDB cannot be relied on
 * to finish a write (a reload may end the page within milliseconds), so the draft's small parts
 * (the picture's hash, the packed mask, the prompt and options) are written synchronously to
 * local storage as well. The next start takes it when it is newer than the stored draft; the
 * next stored draft makes it obsolete.
 */
export interface DraftJournal {
  /** Writes `value` as the journal of draft `name`; false when it did not fit or storage refused. */
  write(name: string, value: unknown): boolean;
  read<T>(name: string): T | null;
  clear(name: string): void;
}

const PREFIX = 'inpaint-editor:draft-journal:';

/** Local storage, where the browser allows it (a frame may be refused it: then null). */
function localStorageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The journal in local storage (or `storage`); a journal that keeps nothing where there is none. */
export function localJournal(storage: Storage | null = localStorageOrNull()): DraftJournal {
  return {
    write(name, value) {
      if (!storage) return false;
      try {
        storage.setItem(PREFIX + name, JSON.stringify(value));
        return true;
      } catch {
        // Full (a mask too large for local storage): IndexedDB's copy is all there is.
        return false;
      }
    },
    read<T>(name: string): T | null {
      try {
        const text = storage?.getItem(PREFIX + name);
        return text ? (JSON.parse(text) as T) : null;
      } catch {
        return null;
      }
    },
    clear(name) {
      try {
        storage?.removeItem(PREFIX + name);
      } catch {
        // Nothing to clear where storage is refused.
      }
    },
  };
}
