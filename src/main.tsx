import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first: components' own sheets (imported with them) build on them.
import './ui/styles.css';
import { App, createServices } from './app/App.tsx';
import { exposeForTests } from './testHook.ts';
import { loadLanguage } from './ui/i18n/index.ts';

// Results, history and drafts in IndexedDB (memory where it is blocked); framed, the draft is kept apart.
const services = createServices({}, { storage: 'indexeddb', embedded: window.parent !== window });
// Listens for a host page only when framed, and only from embed.allowed_origins.
void services.embed.start();
// For the end-to-end tests and debugging, in the dev server and the test build only (no secrets
// in it either way); a production build carries no trace of it.
if (import.meta.env.DEV || import.meta.env.MODE === 'test') exposeForTests(services);

// Only English is in the first load; a user whose UI is in another language waits for its
// strings before the first paint, so the first screen is never English to them (a failed fetch
// shows English).
await loadLanguage(services.display.state.locale).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
