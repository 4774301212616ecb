import { useEffect, useId, useRef, useState } from 'react';
import type { Editor } from '../editor/Editor.ts';
import { REFINE_MAX_PX, type RefineKind, type RefineOp } from '../engine/refine.ts';
import { useT, type StringKey } from './i18n/index.ts';

interface Props {
  editor: Editor;
  /** Called after Apply or Cancel (the preview has ended either way). */
  onClose(): void;
}

const KINDS: readonly RefineKind[] = ['grow', 'shrink', 'fillHoles', 'removeSpecks', 'smooth'];
/** Remove specks: the slider's reach; the number field takes more. */
const SPECK_SLIDER_MAX = 5000;

interface Amounts { px: number; area: number; radius: number }

function opOf(kind: RefineKind, a: Amounts): RefineOp {
  switch (kind) {
    case 'grow': case 'shrink': return { kind, px: a.px };
    case 'fillHoles': return { kind };
    case 'removeSpecks': return { kind, area: a.area };
    case 'smooth': return { kind, radius: a.radius };
  }
}

/** A whole number clamped to lo..hi; what a half-typed field holds falls back to lo. */
const clampInt = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(v) ? Math.round(v) : lo));

/**
 * "Refine mask": grow, shrink, fill holes, remove specks, smooth. Every change shows on the
 * canvas at once through the engine's refine preview, at most one computation per frame
 * (slider moves in between are coalesced); Apply commits one undo step, Cancel or Escape ends
 * the preview with the mask as it was.
 */
export function RefinePanel({ editor, onClose }: Props) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<RefineKind>('grow');
  const [amounts, setAmounts] = useState<Amounts>({ px: 10, area: 100, radius: 4 });
  const frame = useRef<number | null>(null);
  const pending = useRef<RefineOp>(opOf(kind, amounts));
  const first = useRef<HTMLInputElement>(null);

  // One preview computation per frame: the latest op wins.
  useEffect(() => {
    pending.current = opOf(kind, amounts);
    if (frame.current === null) {
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        editor.previewRefine(pending.current);
      });
    }
  }, [editor, kind, amounts]);
  // Closing the panel any way other than Apply leaves the mask as it was.
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    editor.previewRefine(null);
  }, [editor]);
  useEffect(() => first.current?.focus(), []);

  const apply = () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    editor.applyRefine(opOf(kind, amounts));
    onClose();
  };
  const cancel = () => {
    editor.previewRefine(null);
    onClose();
  };

  const amountField = (key: keyof Amounts, label: StringKey, max: number, sliderMax = max) => (
    <div className="refine-amount">
      <label htmlFor={`${id}-${key}`}>{t(label)}</label>
      <input
        id={`${id}-${key}`} type="number" min={1} max={max} step={1} value={amounts[key]} data-testid={`refine-${key}`}
        onChange={(e) => setAmounts({ ...amounts, [key]: clampInt(e.target.valueAsNumber, 1, max) })}
      />
      <input
        type="range" min={1} max={sliderMax} step={1} value={Math.min(amounts[key], sliderMax)} aria-label={t(label)}
        data-testid={`refine-${key}-slider`}
        onChange={(e) => setAmounts({ ...amounts, [key]: clampInt(Number(e.target.value), 1, max) })}
      />
    </div>
  );

  return (
    <section
      className="refine-panel" role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}
      data-testid="refine-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); cancel(); }
        else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) { e.preventDefault(); e.stopPropagation(); apply(); }
      }}
    >
      <h2 id={`${id}-title`}>{t('refine.title')}</h2>
      <p id={`${id}-desc`} className="refine-desc">{t('refine.description')}</p>
      <fieldset>
        <legend>{t('refine.op')}</legend>
        {KINDS.map((k, i) => (
          <label key={k} className="refine-kind">
            <input ref={i === 0 ? first : undefined} type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`refine-kind-${k}`} />
            {t(`refine.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'grow' || kind === 'shrink' ? amountField('px', 'refine.px', REFINE_MAX_PX) : null}
      {kind === 'removeSpecks' ? amountField('area', 'refine.area', 1_000_000, SPECK_SLIDER_MAX) : null}
      {kind === 'smooth' ? amountField('radius', 'refine.radius', REFINE_MAX_PX) : null}
      {kind === 'fillHoles' ? <p className="refine-desc">{t('refine.fillHolesNote')}</p> : null}
      <div className="refine-buttons">
        <button type="button" className="tb-btn" onClick={cancel} data-testid="refine-cancel">{t('refine.cancel')}</button>
        <button type="button" className="tb-btn primary" onClick={apply} data-testid="refine-apply">{t('refine.apply')}</button>
      </div>
    </section>
  );
}
