import { Store } from '../core/store.ts';
import type { Params, StringKey } from '../ui/i18n/index.ts';

export interface MessageAction { label: StringKey; run: () => void }

export interface Message {
  id: number;
  kind: 'error' | 'warning' | 'info';
  text: StringKey;
  params?: Params;
  actions?: MessageAction[];
}

/** Messages for the user, in keys the UI translates; errors stay until dismissed. */
export class Notifier {
  readonly store = new Store<{ messages: Message[] }>({ messages: [] });
  private next = 1;

  push(m: Omit<Message, 'id'>): number {
    const id = this.next++;
    this.store.set({ messages: [...this.store.get().messages.filter((x) => x.text !== m.text), { ...m, id }] });
    return id;
  }

  dismiss(id: number): void {
    this.store.set({ messages: this.store.get().messages.filter((m) => m.id !== id) });
  }
}
