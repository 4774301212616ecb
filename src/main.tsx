import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first: components' own sheets (imported with them) build on them.
import './ui/styles.css';
import { App, createServices } from './app/App.tsx';

// Results, history and drafts in IndexedDB (memory where it is blocked); framed, the draft is kept apart.
const services = createServices({}, { storage: 'indexeddb', embedded: window.parent !== window });
// Listens for a host page only when framed, and only from embed.allowed_origins.
void services.embed.start();
// Exposed for end-to-end tests and debugging; holds no secrets.
(window as unknown as { __inpaint: typeof services }).__inpaint = services;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
