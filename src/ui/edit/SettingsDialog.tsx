import { useEffect, useRef, useState } from 'react';
import type { ConnectionSettings } from '../../app/connection.ts';
import type { Notifier } from '../../app/notifier.ts';
import { useStore } from '../useStore.ts';
import { useT } from '../i18n/index.ts';
import { Note } from './fields.tsx';

const validUrl = (u: string) => { try { return /^https?:$/.test(new URL(u).protocol); } catch { return false; } };

/**
 * Base URL and API key, and the access token when this server's proxy asks for one; the key and
 * the token stay in memory unless "remember" is ticked. `askKey`: opened because Send needs a
 * key, so the key field has the focus.
 */
export function SettingsDialog({ open, askKey = false, onClose, connection, notifier }: {
  open: boolean; askKey?: boolean; onClose: () => void; connection: ConnectionSettings; notifier: Notifier;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const keyField = useRef<HTMLInputElement>(null);
  const s = useStore(connection.store);
  const [baseURL, setBaseURL] = useState(s.baseURL);
  const [apiKey, setApiKey] = useState(s.apiKey);
  const [remember, setRemember] = useState(s.remember);
  const [proxyToken, setProxyToken] = useState(s.proxyToken);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) {
      setBaseURL(connection.state.baseURL); setApiKey(connection.state.apiKey); setRemember(connection.state.remember); setProxyToken(connection.state.proxyToken); setTouched(false);
      d.showModal();
      if (askKey && !connection.state.apiKey) keyField.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open, askKey, connection]);

  const bad = touched && !validUrl(baseURL);
  const save = () => {
    setTouched(true);
    if (!validUrl(baseURL)) return;
    connection.save({ baseURL, apiKey, remember, proxyToken });
    notifier.push({ kind: 'info', text: 'settings.saved' });
    onClose();
  };
  return (
    <dialog ref={ref} className="settings" aria-labelledby="settings-title" onClose={onClose} data-testid="settings">
      {/* Rendered only while open, so the key is not left in the page's markup afterwards. */}
      {open ? <form method="dialog" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <h2 id="settings-title">{t('settings.title')}</h2>
        <label className="ep-field">
          <span>{t('settings.baseUrl')}</span>
          <input type="url" value={baseURL} onChange={(e) => setBaseURL(e.target.value)} aria-invalid={bad} data-testid="base-url" spellCheck={false} />
        </label>
        <p className="ep-help">{t('settings.baseUrlHelp')}</p>
        {bad ? <Note kind="warning">{t('settings.badUrl')}</Note> : null}
        <label className="ep-field">
          <span>{t('settings.apiKey')}</span>
          <input ref={keyField} type="password" value={apiKey} autoComplete="off" onChange={(e) => setApiKey(e.target.value)} data-testid="api-key" spellCheck={false} />
        </label>
        <p className="ep-help">{t('settings.apiKeyHelp')}</p>
        {s.tokenRequired ? <>
          <label className="ep-field">
            <span>{t('settings.proxyToken')}</span>
            <input type="password" value={proxyToken} autoComplete="off" onChange={(e) => setProxyToken(e.target.value)} data-testid="proxy-token" spellCheck={false} />
          </label>
          <p className="ep-help">{t('settings.proxyTokenHelp')}</p>
        </> : null}
        <label className="ep-check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="remember" />
          {t('settings.remember')}
        </label>
        <p className="ep-help">{t('settings.rememberHelp')}</p>
        {s.proxyAvailable ? <Note>{s.apiKey ? t('settings.proxy') : t('settings.proxyActive')}</Note> : null}
        <div className="settings__buttons">
          {s.apiKey || s.proxyToken ? <button type="button" onClick={() => { connection.forget(); setApiKey(''); setProxyToken(''); setRemember(false); }}>{t('settings.forget')}</button> : null}
          <button type="button" onClick={onClose}>{t('settings.cancel')}</button>
          <button type="submit" className="primary" data-testid="settings-save">{t('settings.save')}</button>
        </div>
      </form> : null}
    </dialog>
  );
}
