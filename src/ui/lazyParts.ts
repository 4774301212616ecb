import { createElement, lazy, useState, type ComponentType } from 'react';
import { UI_LANGUAGES } from '../core/locale.ts';
import { loadLanguage } from './i18n/index.ts';

/** A component in its own chunk: rendered through React.lazy, and fetchable ahead of use. */
export interface LazyPart<P> {
  /** Render inside a `<Suspense>`; the first render waits for the chunk. */
  readonly Component: ComponentType<P>;
  /** Starts loading the chunk (once); later calls return the same promise. */
  prefetch(): Promise<unknown>;
}

/**
 * Wraps a dynamic `import()` of a component module, so the app's first load does not carry it.
 * The import runs once, whether `prefetch` or the first render asks first, so an idle prefetch
 * leaves nothing to fetch when the part is first shown.
 */
export function lazyPart<M, P extends object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => (loading ??= load().then((m) => ({ default: (loaded = pick(m)) })));
  // A failed prefetch (a flaky network) leaves the first render to try again.
  const prefetch = () => start().catch((e: unknown) => { loading = null; throw e; });
  const Lazy = lazy(start) as unknown as ComponentType<P>;
  // Once the chunk is here (prefetched), render it at once: React.lazy would still suspend for a
  // tick on its first render. Chosen once per mount, so the component never changes under it.
  function Part(props: P) {
    const [Chosen] = useState(() => loaded ?? Lazy);
    return createElement(Chosen, props);
  }
  return { Component: Part, prefetch };
}

/**
 * True from the first render where `shown` is true on: a lazy dialog mounts when first opened
 * and then stays mounted, closed, like the eager one did (its `<dialog>` closes itself).
 */
export function useShownOnce(shown: boolean): boolean {
  const [once, setOnce] = useState(shown);
  if (shown && !once) setOnce(true);
  return once || shown;
}

// The parts the first screen does not show. Each is its own chunk (Vite splits at import()).
/** The Konva stage (konva, react-konva and its reconciler: about a third of the app's code). */
export const konvaStage = lazyPart(() => import('./KonvaStage.tsx'), (m) => m.KonvaStage);
/** The connection settings dialog. */
export const settingsDialog = lazyPart(() => import('./edit/SettingsDialog.tsx'), (m) => m.SettingsDialog);
/** The keyboard shortcut sheet. */
export const shortcutSheet = lazyPart(() => import('./ShortcutSheet.tsx'), (m) => m.ShortcutSheet);
/** The history drawer. */
export const historyDrawer = lazyPart(() => import('./results/HistoryDrawer.tsx'), (m) => m.HistoryDrawer);

/** The "Refine mask" panel. */
export const refinePanel = lazyPart(() => import('./RefinePanel.tsx'), (m) => m.RefinePanel);
/** The "Extend canvas" panel. */
export const extendPanel = lazyPart(() => import('./ExtendCanvasPanel.tsx'), (m) => m.ExtendCanvasPanel);

/** Fetches every lazy part and every UI language's strings (each once). */
export function prefetchAll(): void {
  for (const part of [konvaStage, settingsDialog, shortcutSheet, historyDrawer, refinePanel, extendPanel]) void part.prefetch().catch(() => { /* the first use tries again */ });
  for (const lang of UI_LANGUAGES) void loadLanguage(lang).catch(() => { /* the switch tries again */ });
}

/**
 * Once the browser is idle after the first screen, runs {@link prefetchAll}, so each part's first
 * use shows no delay. Returns a cancel for the unmount.
 */
export function prefetchWhenIdle(task: () => void = prefetchAll): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}
