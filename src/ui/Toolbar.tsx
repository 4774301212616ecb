import type { ActionRegistry } from '../core/actions/registry.ts';
import type { ActionContext } from '../app/actions.ts';
import { BRUSH_MAX, BRUSH_MIN, type EditorState } from '../editor/types.ts';
import { useT } from './i18n/index.ts';

interface Props {
  actions: ActionRegistry<ActionContext>;
  ctx: ActionContext;
  state: EditorState;
}

/** Brush sizes on a log scale: fine control for small brushes, reach for big photos. */
const toSlider = (size: number) => Math.round((Math.log(size) / Math.log(BRUSH_MAX)) * 1000);
const fromSlider = (v: number) => Math.max(BRUSH_MIN, Math.round(Math.exp((v / 1000) * Math.log(BRUSH_MAX))));

/** A button for one action of the registry: its label, shortcut, enabled state and `perform`. */
export function ActionButton({ id, actions, ctx, pressed, text, primary }: { id: string; pressed?: boolean; text?: string; primary?: boolean } & Omit<Props, 'state'>) {
  const t = useT();
  const a = actions.get(id);
  if (!a || (a.visible && !a.visible(ctx))) return null;
  const enabled = !a.enabled || a.enabled(ctx);
  const label = t(a.label as Parameters<typeof t>[0]);
  const shortcut = a.keys?.[0]?.replace('Mod', navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl');
  return (
    <button
      type="button"
      className={primary ? 'tb-btn primary' : 'tb-btn'}
      data-action={id}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={a.keys?.join(' ')}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={!enabled}
      onClick={() => actions.run(id, ctx)}
    >
      {text ?? label}
    </button>
  );
}

/** The toolbar: every button is an action from the registry. */
export function Toolbar({ actions, ctx, state }: Props) {
  const t = useT();
  const p = { actions, ctx };
  const editor = ctx.editor;
  const noImage = !state.image;
  return (
    <div className="toolbar" role="toolbar" aria-label={t('app.title')}>
      <div className="tb-group">
        <ActionButton id="open" {...p} />
        <ActionButton id="loadMask" {...p} />
        <ActionButton id="downloadMask" {...p} />
        <ActionButton id="downloadImage" {...p} />
      </div>
      <div className="tb-group">
        <ActionButton id="brush" {...p} pressed={state.tool === 'brush'} />
        <ActionButton id="eraser" {...p} pressed={state.tool === 'eraser'} />
        <label className="tb-field">
          <span>{t('control.brushSize')}</span>
          <input
            type="range" min={0} max={1000} value={toSlider(state.brushSize)}
            aria-valuetext={t('control.brushSizeValue', { size: state.brushSize })}
            onChange={(e) => editor.setBrushSize(fromSlider(Number(e.target.value)))}
            data-testid="brush-size"
          />
          <output>{t('control.brushSizeValue', { size: state.brushSize })}</output>
        </label>
      </div>
      <div className="tb-group">
        <ActionButton id="undo" {...p} />
        <ActionButton id="redo" {...p} />
        <ActionButton id="clear" {...p} />
        <ActionButton id="invert" {...p} />
        <ActionButton id="toggleMask" {...p} pressed={state.maskVisible} />
        <label className="tb-field">
          <span>{t('control.maskColor')}</span>
          <input type="color" value={state.maskColor} onChange={(e) => editor.setMaskColor(e.target.value)} data-testid="mask-color" />
        </label>
        <label className="tb-field">
          <span>{t('control.maskOpacity')}</span>
          <input
            type="range" min={5} max={100} value={Math.round(state.maskOpacity * 100)}
            aria-valuetext={`${Math.round(state.maskOpacity * 100)}%`}
            onChange={(e) => editor.setMaskOpacity(Number(e.target.value) / 100)}
            data-testid="mask-opacity"
          />
        </label>
      </div>
      <div className="tb-group">
        <ActionButton id="zoomOut" {...p} text="−" />
        <output className="tb-zoom" aria-label={t('control.zoom')} data-testid="zoom">{noImage ? '–' : `${Math.round(state.zoom * 100)}%`}</output>
        <ActionButton id="zoomIn" {...p} text="+" />
        <ActionButton id="fit" {...p} />
        <ActionButton id="zoomActual" {...p} text="1:1" />
      </div>
      <div className="tb-group">
        <ActionButton id="toggleEditPanel" {...p} />
        <ActionButton id="history" {...p} pressed={ctx.results?.history.state.open} />
        <ActionButton id="settings" {...p} />
      </div>
      {['embedSave', 'embedCancel'].some((id) => actions.get(id)?.visible?.(ctx)) ? (
        <div className="tb-group tb-embed">
          <ActionButton id="embedCancel" {...p} />
          <ActionButton id="embedSave" {...p} primary />
        </div>
      ) : null}
    </div>
  );
}
