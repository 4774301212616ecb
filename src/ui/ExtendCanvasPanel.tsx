import { useEffect, useId, useRef, useState } from 'react';
import type { EditForm } from '../app/edit/EditForm.ts';
import type { Notifier } from '../app/notifier.ts';
import { capsFor } from '../core/openai/models/lookup.ts';
import { openaiApiOf } from '../core/provider/descriptor.ts';
import {
  ANCHORS, extendByPadding, extendToRatio, outputForCanvas, RATIO_PRESETS, ratioLabel, type Anchor, type ExtendResult, type Padding,
} from '../core/selection/canvasExtend.ts';
import type { Editor } from '../editor/Editor.ts';
import { useT, type Params, type StringKey } from './i18n/index.ts';

interface Props {
  editor: Editor;
  /** The edit form: the chosen model says what size an extended canvas is sent at. */
  form: EditForm;
  notifier: Notifier;
  /** Called after Extend or Cancel. */
  onClose(): void;
}

type Mode = 'sides' | 'ratio';
const SIDES: readonly (keyof Padding)[] = ['top', 'right', 'bottom', 'left'];
const OTHER = '__other__';

/** A whole number of pixels as typed; anything else is NaN, which the extension refuses in words. */
const pixels = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN);

/** What an OpenAI model is sent for a W x H canvas, in the user's words (null: the chosen provider is not OpenAI's). */
function sentNote(form: EditForm, W: number, H: number): { key: StringKey; params: Params } | null {
  const d = form.descriptor();
  if (!d || !openaiApiOf(d)) return null;
  const caps = capsFor(form.state.options.model);
  const out = outputForCanvas(caps, W, H);
  const params = { model: caps.id, size: out.size.replace('x', '×'), ratio: ratioLabel(W, H) };
  return { key: caps.input.squarePng ? 'extend.sentSquare' : 'extend.sentAt', params };
}

/**
 * "Extend canvas…" (outpainting): pixels per side, or up to an aspect ratio (a preset or one the
 * user types) with the picture anchored at one of nine places. It says the new size and, for an
 * OpenAI model, the size the canvas will be sent at. Extend makes one undo step in the engine:
 * the picture on the bigger canvas, the new area transparent and painted into the mask.
 */
export function ExtendCanvasPanel({ editor, form, notifier, onClose }: Props) {
  const t = useT();
  const id = useId();
  const image = editor.state.image!;
  const [mode, setMode] = useState<Mode>('ratio');
  const [sides, setSides] = useState<Record<keyof Padding, string>>({ top: '0', right: '0', bottom: '0', left: '0' });
  const [preset, setPreset] = useState<string>('16:9');
  const [custom, setCustom] = useState('21:9');
  const [anchor, setAnchor] = useState<Anchor>('center');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const { width: W, height: H } = image;
  const result: ExtendResult = mode === 'sides'
    ? extendByPadding(W, H, { top: pixels(sides.top), right: pixels(sides.right), bottom: pixels(sides.bottom), left: pixels(sides.left) })
    : extendToRatio(W, H, preset === OTHER ? custom : preset, anchor);
  const ext = result.ok ? result.value : null;
  const nothing = ext !== null && ext.width === W && ext.height === H;
  const note = ext && !nothing ? sentNote(form, ext.width, ext.height) : null;

  const apply = () => {
    if (!ext || nothing || !editor.extendCanvas(ext)) return;
    // The form has followed the new shape (imageOpened): say what will be sent.
    const sent = sentNote(form, ext.width, ext.height);
    const dims = { width: ext.width, height: ext.height };
    notifier.push(sent && sent.key === 'extend.sentAt'
      ? { kind: 'info', text: 'extend.doneSent', params: { ...dims, ...sent.params } }
      : { kind: 'info', text: 'extend.done', params: dims });
    onClose();
  };

  return (
    <section
      className="refine-panel extend-panel" role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}
      data-testid="extend-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); onClose(); }
        else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLSelectElement)) { e.preventDefault(); e.stopPropagation(); apply(); }
      }}
    >
      <h2 id={`${id}-title`}>{t('extend.title')}</h2>
      <p id={`${id}-desc`} className="refine-desc">{t('extend.description')}</p>
      <fieldset>
        <legend>{t('extend.by')}</legend>
        {(['ratio', 'sides'] as const).map((m, i) => (
          <label key={m} className="refine-kind">
            <input ref={i === 0 ? first : undefined} type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`extend-mode-${m}`} />
            {t(m === 'ratio' ? 'extend.byRatio' : 'extend.bySides')}
          </label>
        ))}
      </fieldset>
      {mode === 'sides' ? (
        <div className="extend-sides">
          {SIDES.map((s) => (
            <label key={s}>
              <span>{t(`extend.${s}`)}</span>
              <input
                type="number" min={0} step={1} inputMode="numeric" value={sides[s]} data-testid={`extend-${s}`}
                onChange={(e) => setSides({ ...sides, [s]: e.target.value })}
              />
            </label>
          ))}
        </div>
      ) : (
        <>
          <label className="refine-amount">
            <span>{t('extend.ratio')}</span>
            <select value={preset} onChange={(e) => setPreset(e.target.value)} data-testid="extend-ratio">
              {RATIO_PRESETS.map((r) => <option key={r} value={r}>{r}</option>)}
              <option value={OTHER}>{t('extend.ratioOther')}</option>
            </select>
          </label>
          {preset === OTHER ? (
            <label className="refine-amount">
              <span>{t('extend.ratioCustom')}</span>
              <input type="text" value={custom} spellCheck={false} onChange={(e) => setCustom(e.target.value)} data-testid="extend-ratio-custom" aria-invalid={!result.ok} />
            </label>
          ) : null}
          <fieldset>
            <legend>{t('extend.anchor')}</legend>
            <div className="extend-anchors">
              {ANCHORS.map((a) => (
                <label key={a} title={t(`extend.anchor.${a}`)}>
                  <input type="radio" name={`${id}-anchor`} value={a} checked={anchor === a} onChange={() => setAnchor(a)} aria-label={t(`extend.anchor.${a}`)} data-testid={`extend-anchor-${a}`} />
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
      <p className="refine-desc" role="status" data-testid="extend-summary">
        {!result.ok ? t(`extend.problem.${result.problem}`) : nothing ? t('extend.problem.nothing')
          : t('extend.newSize', { width: ext!.width, height: ext!.height, oldWidth: W, oldHeight: H })}
        {note ? <><br />{t(note.key, note.params)}</> : null}
      </p>
      <div className="refine-buttons">
        <button type="button" className="tb-btn" onClick={onClose} data-testid="extend-cancel">{t('extend.cancel')}</button>
        <button type="button" className="tb-btn primary" onClick={apply} disabled={!ext || nothing} data-testid="extend-apply">{t('extend.apply')}</button>
      </div>
    </section>
  );
}
