import type { Notifier } from '../app/notifier.ts';
import { useT } from './i18n/index.ts';
import { useStore } from './useStore.ts';

/** Errors as alerts (they stay until dismissed), notes as status messages. */
export function Messages({ notifier }: { notifier: Notifier }) {
  const t = useT();
  const { messages } = useStore(notifier.store);
  return (
    <div className="messages" aria-live="polite">
      {messages.map((m) => (
        <div key={m.id} className={`message message--${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'} data-testid={`message-${m.kind}`}>
          <span className="message__text">{t(m.text, m.params)}</span>
          {m.actions?.map((a) => (
            <button key={a.label} type="button" onClick={a.run}>{t(a.label)}</button>
          ))}
          <button type="button" className="message__close" aria-label={t('message.dismiss')} onClick={() => notifier.dismiss(m.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
