import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Editor } from '../editor/Editor.ts';
import { WorkerWandRunner } from '../services/selection/WorkerWandRunner.ts';
import { createActions, type ActionContext } from './actions.ts';
import { Intake } from './intake.ts';
import { Notifier } from './notifier.ts';
import { Display, initialDisplay, storedLanguage } from './display.ts';
import { MemoryEmbedConnection } from './embedConnection.ts';
import { EmbedController } from './embed.ts';
import { I18nContext, useTranslate } from '../ui/i18n/index.ts';
import { useStore } from '../ui/useStore.ts';
import { Toolbar } from '../ui/Toolbar.tsx';
import { StageView } from '../ui/StageView.tsx';
import { Messages } from '../ui/Messages.tsx';
import { DropOverlay } from '../ui/DropOverlay.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { StatusBar } from '../ui/StatusBar.tsx';
import { createEditServices, type EditServiceOptions, type EditServices } from './edit/editServices.ts';
import { EditPanel } from '../ui/edit/EditPanel.tsx';
import { KeyboardBrush } from '../editor/KeyboardBrush.ts';
import { bindKeyboard, isTextField } from './keyboard.ts';
import { isApple } from '../ui/platform.ts';
import { listen } from '../ui/listen.ts';
import { LoadingIndicator } from '../ui/LoadingIndicator.tsx';
import { ResultServices, type ResultServiceOptions } from './results/ResultServices.ts';
import { ResultsStrip } from '../ui/results/ResultsStrip.tsx';
import { CompareOverlay } from '../ui/results/CompareOverlay.tsx';
import { extendPanel, historyDrawer, prefetchWhenIdle, refinePanel, settingsDialog, shortcutSheet, useShownOnce } from '../ui/lazyParts.ts';
import { usePeekKey } from '../ui/results/usePeekKey.ts';
import { ALGORITHM, createLocalFillProvider, seedOf } from '../services/localFill/index.ts';
import { withLocalKey } from './results/localKey.ts';
import { EditInputs } from './edit/EditInputs.ts';
import { watchSecurityPolicy } from './securityPolicy.ts';
import { safeLocalStorage } from './connection.ts';

/** Services the app is built from; tests and the embed build pass their own. */
export interface AppServices {
  editor: Editor;
  notifier: Notifier;
  intake: Intake;
  /** UI language and theme (the host page may set them when embedded). */
  display: Display;
  /** Endpoint settings from the embedding host, in memory only (see embedConnection.ts). */
  connection: MemoryEmbedConnection;
  embed: EmbedController;
  /** Connection settings, edit form and the session that sends edits. */
  edit: EditServices;
  /** Painting from the keyboard on the focused canvas. */
  keyBrush: KeyboardBrush;
  /** Results over the picture, the cache, the history and the draft. */
  results: ResultServices;
}

export function createServices(editOptions: EditServiceOptions = {}, resultOptions: ResultServiceOptions = {}): AppServices {
  // The magic wand runs in a worker on big pictures (started on the first such click).
  const editor = new Editor(new WorkerWandRunner());
  const notifier = new Notifier();
  const intake = new Intake(editor, notifier);
  const storage = safeLocalStorage();
  const display = new Display(initialDisplay(location.search, navigator.languages ?? [navigator.language], storedLanguage(storage)), storage);
  const connection = new MemoryEmbedConnection();
  // One snapshot per mask version and one hash per picture, for the session, the draft and the history alike.
  const inputs = new EditInputs(editor);
  const results = new ResultServices(editor, notifier, resultOptions, inputs);
  // The offline local fill (its worker starts on the first fill); tests may hand in their own or null.
  // It is deterministic per seed, so its results are cached like a request's.
  const localFill = withLocalKey(createLocalFillProvider(), { model: ALGORITHM, options: (job) => ({ seed: seedOf(job.options) }) });
  const edit = createEditServices(editor, notifier, { embedConnection: connection, localFill, results, inputs, ...editOptions });
  const embed = new EmbedController({ editor, intake, notifier, display, connection, results: results.results, form: edit.form });
  results.bind(edit);
  if (typeof document !== 'undefined') watchSecurityPolicy(notifier);
  return { editor, notifier, intake, display, connection, embed, edit, results, keyBrush: new KeyboardBrush(editor) };
}

/** The composition root: wires services, actions, keyboard, paste and drop to the screen. */
export function App({ services }: { services: AppServices }) {
  const { editor, notifier, intake, display, embed, edit, results, keyBrush } = services;
  const { locale } = useStore(display.store);
  const t = useTranslate(locale);
  const state = useStore(editor.store);
  useStore(embed.store); // Save to host and Cancel come and go with the host's connection
  const { loading } = useStore(intake.store);
  const imageInput = useRef<HTMLInputElement>(null);
  const maskInput = useRef<HTMLInputElement>(null);
  const actions = useMemo(() => createActions(), []);
  const { panelOpen, settingsOpen, askKey } = useStore(edit.ui);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [refineOpen, setRefineOpen] = useState(false);
  const [extendOpen, setExtendOpen] = useState(false);
  useStore(edit.session.store); // re-render for Submit/Cancel enabled states
  useStore(results.results.store); // and for compare, continue, download
  const { open: historyOpen } = useStore(results.history.store);
  // The dialogs and the drawer are chunks of their own, mounted on first use (fetched when idle).
  const settingsMounted = useShownOnce(settingsOpen);
  const sheetMounted = useShownOnce(sheetOpen);
  const ctx: ActionContext = useMemo(() => ({
    editor, notifier, embed,
    pickFile: (kind) => (kind === 'image' ? imageInput : maskInput).current?.click(),
    edit: {
      session: edit.session,
      openSettings: () => edit.ui.set({ settingsOpen: true }),
      togglePanel: () => edit.ui.set({ panelOpen: !edit.ui.get().panelOpen }),
    },
    results,
    keyBrush,
    showShortcuts: () => setSheetOpen(true),
    openRefine: () => setRefineOpen(true),
    openExtend: () => setExtendOpen(true),
  }), [editor, notifier, embed, edit, results, keyBrush]);

  useEffect(() => display.bind(document.documentElement), [display]);
  useEffect(() => prefetchWhenIdle(), []);
  useEffect(() => { document.title = t('app.title'); }, [t]);
  useEffect(() => embed.setCommands({ ids: actions.all().map((a) => a.id), run: (id) => actions.run(id, ctx) }), [embed, actions, ctx]);
  // The draft comes back once the form has its defaults, so they do not overwrite it.
  useEffect(() => { void edit.init().then(() => results.start()); }, [edit, results]);
  usePeekKey(results.results, isTextField);

  const openFiles = useCallback((files: File[]) => void intake.openFiles(files), [intake]);

  useEffect(() => bindKeyboard(window, actions, ctx, isApple), [actions, ctx]);
  useEffect(() => {
    const paste = (e: ClipboardEvent) => {
      if (isTextField(e.target)) return;
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '');
      if (files.length) { e.preventDefault(); openFiles(files); }
    };
    return listen(window, { paste });
  }, [openFiles]);

  return (
    <I18nContext.Provider value={t}>
      <div className="app">
        <Toolbar actions={actions} ctx={ctx} state={state} display={display} />
        <div className="app__middle">
          <main className="workspace">
            <StageView editor={editor} panMode={state.panMode} keyBrush={keyBrush} />
            {!state.image && !loading && !state.previewing ? <EmptyState onPick={() => ctx.pickFile('image')} /> : null}
            {loading ? <LoadingIndicator name={loading} /> : null}
            {refineOpen && state.image ? (
              <Suspense fallback={null}><refinePanel.Component key={state.image.name} editor={editor} onClose={() => setRefineOpen(false)} /></Suspense>
            ) : null}
            {extendOpen && state.image ? (
              <Suspense fallback={null}>
                <extendPanel.Component key={state.image.name} editor={editor} form={edit.form} notifier={notifier} onClose={() => setExtendOpen(false)} />
              </Suspense>
            ) : null}
            <CompareOverlay results={results.results} />
            <ResultsStrip results={results.results} actions={actions} ctx={ctx} />
            {historyOpen ? <Suspense fallback={null}><historyDrawer.Component history={results.history} /></Suspense> : null}
            <Messages notifier={notifier} />
          </main>
          <EditPanel services={edit} notifier={notifier} editor={state} actions={actions} ctx={ctx} open={panelOpen} />
        </div>
        <StatusBar state={state} loading={loading} />
        <DropOverlay onFiles={openFiles} />
        {sheetMounted ? (
          <Suspense fallback={null}><shortcutSheet.Component open={sheetOpen} onClose={() => setSheetOpen(false)} actions={actions} ctx={ctx} /></Suspense>
        ) : null}
        {settingsMounted ? (
          <Suspense fallback={null}>
            <settingsDialog.Component open={settingsOpen} askKey={askKey} onClose={() => edit.ui.set({ settingsOpen: false, askKey: false })} connection={edit.connection} notifier={notifier} />
          </Suspense>
        ) : null}
        <input
          ref={imageInput} type="file" hidden accept="image/png,image/jpeg,image/webp,image/gif"
          data-testid="image-input"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void intake.openImage(f); }}
        />
        <input
          ref={maskInput} type="file" hidden accept="image/png"
          data-testid="mask-input"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void intake.loadMask(f); }}
        />
      </div>
    </I18nContext.Provider>
  );
}
