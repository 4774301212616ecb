import type { ReactNode } from 'react';

/**
 * Toolbar icons, drawn here as inline SVG (no icon font to download, and they take the text
 * colour, so both themes and forced colours work). Each is decoration: the button around it
 * carries the accessible name.
 */
const paths: Record<string, ReactNode> = {
  open: <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />,
  loadMask: <><path d="M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" /><path d="M12 15V4m-4 4 4-4 4 4" /><circle cx="19" cy="5" r="2" fill="currentColor" /></>,
  downloadMask: <><path d="M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" /><path d="M12 4v11m-4-4 4 4 4-4" /><circle cx="19" cy="5" r="2" fill="currentColor" /></>,
  downloadImage: <><path d="M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" /><path d="M12 4v11m-4-4 4 4 4-4" /></>,
  brush: <><path d="m14 4 6 6-7.5 7.5-6-6z" /><path d="M6.5 11.5 4 14c-1 1-1 3 0 4s3 1 4 0l2.5-2.5" /></>,
  eraser: <><path d="m15 4 5 5-10 10H6l-3-3z" /><path d="m9 10 5 5" /><path d="M10 20h10" /></>,
  undo: <><path d="M9 14 4 9l5-5" /><path d="M4 9h10a6 6 0 0 1 0 12h-3" /></>,
  redo: <><path d="m15 14 5-5-5-5" /><path d="M20 9H10a6 6 0 0 0 0 12h3" /></>,
  clear: <><path d="M4 7h16M10 11v6m4-6v6M6 7l1 13h10l1-13M9 7V4h6v3" /></>,
  invert: <><circle cx="12" cy="12" r="8.5" /><path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" /></>,
  selectAll: <><rect x="3.5" y="3.5" width="17" height="17" rx="1" strokeDasharray="3 2.6" /><rect x="8" y="8" width="8" height="8" fill="currentColor" /></>,
  toggleMask: <><path d="M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z" /><circle cx="12" cy="12" r="3" /></>,
  zoomIn: <><circle cx="11" cy="11" r="7" /><path d="m20 20-4-4M11 8v6M8 11h6" /></>,
  zoomOut: <><circle cx="11" cy="11" r="7" /><path d="m20 20-4-4M8 11h6" /></>,
  fit: <path d="M4 9V4h5m6 0h5v5m0 6v5h-5m-6 0H4v-5" />,
  // "1:1" drawn, not written: the button's name is "Actual size (100%)" in every language.
  zoomActual: <><path d="M6 8v9M4.5 9.5 6 8M18 8v9m-1.5-7.5L18 8" /><circle cx="12" cy="10" r="0.9" fill="currentColor" /><circle cx="12" cy="15" r="0.9" fill="currentColor" /></>,
  toggleEditPanel: <><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M15 4v16" /></>,
  settings: <><path d="M9 3v5m6-5v5" /><path d="M6 8h12v3a6 6 0 0 1-12 0z" /><path d="M12 17v4" /></>,
  shortcuts: <><rect x="2.5" y="6" width="19" height="12" rx="2" /><path d="M6 10h1m3 0h1m3 0h1m3 0h1M8 14h8" /></>,
  togglePressure: <><path d="m16 3 5 5-11 11-6 1 1-6z" /><path d="M3 21c3-1 5-3 6-2" /></>,
  language: <><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c-3 3-3.5 6-3.5 9s.5 6 3.5 9c3-3 3.5-6 3.5-9S15 6 12 3" /></>,
  // For issue 4's toolbar button (History), when it lands.
  history: <><path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" /><path d="M3 4v4h4" /><path d="M12 7.5V12l3 2" /></>,
  more: <><circle cx="5" cy="12" r="1.6" fill="currentColor" /><circle cx="12" cy="12" r="1.6" fill="currentColor" /><circle cx="19" cy="12" r="1.6" fill="currentColor" /></>,
};

/** Whether there is an icon for `name` (an action id or one of the names above). */
export const hasIcon = (name: string): boolean => name in paths;

/** The icon `name`, 20 px, in the current text colour; hidden from assistive technology. */
export function Icon({ name }: { name: string }) {
  const p = paths[name];
  if (!p) return null;
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {p}
    </svg>
  );
}
