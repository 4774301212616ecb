import { Fragment, useEffect, useRef } from 'react';
import { isVisible, type Action, type ActionRegistry } from '../core/actions/registry.ts';
import { shortcutKeys } from '../core/actions/shortcutText.ts';
import type { ActionContext } from '../app/actions.ts';
import { TOOLS } from '../engine/tools/registry.ts';
import { useT, type StringKey } from './i18n/index.ts';
import { isApple } from './platform.ts';

/** Where each action is listed; an action missing here still shows, under "Other". */
const GROUPS: Record<string, readonly string[]> = {
  file: ['open', 'loadMask', 'downloadMask', 'downloadImage', 'embedSave', 'embedCancel'],
  paint: [...TOOLS.map((tool) => tool.id), 'brushSmaller', 'brushLarger', 'togglePressure'],
  mask: ['undo', 'redo', 'clear', 'invert', 'selectAll', 'toggleMask'],
  canvas: ['brushLeft', 'brushRight', 'brushUp', 'brushDown', 'penToggle'],
  view: ['zoomIn', 'zoomOut', 'fit', 'zoomActual'],
  results: ['compare', 'continueFromResult', 'downloadResult', 'generateAgain', 'history'],
  edit: ['submitEdit', 'cancelEdit', 'settings', 'toggleEditPanel', 'shortcuts'],
};
const groupOf = (id: string) => Object.keys(GROUPS).find((g) => GROUPS[g]!.includes(id)) ?? 'other';

function Keys({ spec }: { spec: string }) {
  const keys = shortcutKeys(spec, isApple);
  return (
    <span className="keys">
      {keys.map((k, i) => <Fragment key={i}>{i > 0 && !isApple ? '+' : null}<kbd>{k}</kbd></Fragment>)}
    </span>
  );
}

/**
 * Every keyboard shortcut, read from the actions registry when it opens (so it lists exactly the
 * keys that work, in the UI's language), grouped, plus the pointer and touch gestures.
 */
export function ShortcutSheet({ open, onClose, actions, ctx }: {
  open: boolean; onClose: () => void; actions: ActionRegistry<ActionContext>; ctx: ActionContext;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  const listed = open ? actions.all().filter((a) => a.keys?.length && isVisible(a, ctx)) : [];
  const groups = new Map<string, Action<ActionContext>[]>();
  for (const a of listed) {
    const g = groupOf(a.id);
    groups.set(g, [...(groups.get(g) ?? []), a]);
  }
  const order = [...Object.keys(GROUPS), 'other'].filter((g) => groups.has(g));
  return (
    <dialog ref={ref} className="sheet" aria-labelledby="sheet-title" onClose={onClose} data-testid="shortcut-sheet">
      {open ? (
        <>
          <div className="sheet__head">
            <h2 id="sheet-title">{t('shortcuts.title')}</h2>
            <button type="button" onClick={onClose} autoFocus>{t('shortcuts.close')}</button>
          </div>
          <div className="sheet__body">
            {order.map((g) => (
              <section key={g} aria-labelledby={`sheet-${g}`}>
                <h3 id={`sheet-${g}`}>{t(`shortcuts.group.${g}` as StringKey)}</h3>
                {g === 'canvas' ? <p className="ep-help">{t('shortcuts.canvasHint')}</p> : null}
                <dl>
                  {groups.get(g)!.map((a) => (
                    <div key={a.id} className="sheet__row" data-action={a.id}>
                      <dt>{t(a.label as StringKey)}</dt>
                      <dd>{a.keys!.map((k, i) => <Fragment key={k}>{i > 0 ? <span className="sheet__or">{t('shortcuts.or')}</span> : null}<Keys spec={k} /></Fragment>)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
            <section aria-labelledby="sheet-pointer">
              <h3 id="sheet-pointer">{t('shortcuts.group.pointer')}</h3>
              <ul className="sheet__gestures">
                <li>{t('shortcuts.pan')}</li>
                <li>{t('shortcuts.wheel')}</li>
                <li>{t('shortcuts.touch')}</li>
                <li>{t('shortcuts.peek')}</li>
                <li>{t('shortcuts.tab')}</li>
              </ul>
            </section>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
