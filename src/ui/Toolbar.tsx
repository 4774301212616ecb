import { useState } from 'react';
import './access.css';
import { isVisible, type ActionRegistry } from '../core/actions/registry.ts';
import { ariaShortcuts, shortcutText } from '../core/actions/shortcutText.ts';
import type { ActionContext } from '../app/actions.ts';
import type { Display } from '../app/display.ts';
import { BRUSH_MAX, BRUSH_MIN, type EditorState } from '../editor/types.ts';
import { TOOLS } from '../engine/tools/registry.ts';
import { useT, type StringKey } from './i18n/index.ts';
import { Icon, hasIcon } from './icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { SelectionOptions } from './SelectionOptions.tsx';
import { isApple } from './platform.ts';

interface Props {
  actions: ActionRegistry<ActionContext>;
  ctx: ActionContext;
  state: EditorState;
  /** For the language switch (absent: no switch, e.g. in tests that mount the toolbar alone). */
  display?: Display;
}

/** Brush sizes on a log scale: fine control for small brushes, reach for big photos. */
const toSlider = (size: number) => Math.round((Math.log(size) / Math.log(BRUSH_MAX)) * 1000);
const fromSlider = (v: number) => Math.max(BRUSH_MIN, Math.round(Math.exp((v / 1000) * Math.log(BRUSH_MAX))));

export interface ButtonProps extends Omit<Props, 'state' | 'display'> {
  id: string;
  pressed?: boolean;
  primary?: boolean;
  /** Show the label beside the icon on wide screens (it is the accessible name either way). */
  wide?: boolean;
  /** Folded into "More" on narrow screens. */
  secondary?: boolean;
}

/** A button for one registry action: icon, accessible name, shortcut in its tooltip, enabled state and `perform`. */
export function ActionButton({ id, actions, ctx, pressed, primary, wide, secondary }: ButtonProps) {
  const t = useT();
  const a = actions.get(id);
  if (!a || !isVisible(a, ctx)) return null;
  const enabled = !a.enabled || a.enabled(ctx);
  const label = t(a.label as StringKey);
  const shortcut = a.keys?.[0] ? shortcutText(a.keys[0], isApple) : null;
  const icon = hasIcon(id);
  const cls = ['tb-btn', primary ? 'primary' : '', icon ? 'tb-btn--icon' : '', icon && wide ? 'tb-btn--wide' : '', secondary ? 'tb-secondary' : ''];
  return (
    <button
      type="button"
      className={cls.filter(Boolean).join(' ')}
      data-action={id}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={a.keys?.length ? ariaShortcuts(a.keys, isApple) : undefined}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={!enabled}
      onClick={() => actions.run(id, ctx)}
    >
      {icon ? <Icon name={id} /> : null}
      {icon ? (wide ? <span className="tb-text">{label}</span> : null) : label}
    </button>
  );
}

/**
 * The toolbar: every button is an action from the registry. On narrow screens the less used
 * controls fold behind "More", so the canvas keeps its room and nothing scrolls sideways.
 */
export function Toolbar({ actions, ctx, state, display }: Props) {
  const t = useT();
  const [more, setMore] = useState(false);
  const p = { actions, ctx };
  const editor = ctx.editor;
  const noImage = !state.image;
  const embedded = ['embedSave', 'embedCancel'].some((id) => actions.get(id)?.visible?.(ctx));
  return (
    <header className={`toolbar${more ? ' toolbar--more' : ''}`} data-testid="toolbar">
      <h1 className="sr-only">{t('app.title')}</h1>
      <div className="tb-group" role="group" aria-label={t('toolbar.file')}>
        <ActionButton id="open" {...p} wide />
        <ActionButton id="loadMask" {...p} secondary />
        <ActionButton id="downloadMask" {...p} secondary />
        <ActionButton id="downloadImage" {...p} secondary />
      </div>
      <div className="tb-group" role="group" aria-label={t('toolbar.paint')}>
        {TOOLS.map((tool) => <ActionButton key={tool.id} id={tool.id} {...p} pressed={state.tool === tool.id} />)}
        <label className="tb-field" title={t('control.brushSize')}>
          <span className="tb-field__label">{t('control.brushSize')}</span>
          <input
            type="range" min={0} max={1000} value={toSlider(state.brushSize)}
            aria-valuetext={t('control.brushSizeValue', { size: state.brushSize })}
            onChange={(e) => editor.setBrushSize(fromSlider(Number(e.target.value)))}
            data-testid="brush-size"
          />
          <output aria-hidden="true">{t('control.brushSizeValue', { size: state.brushSize })}</output>
        </label>
        <ActionButton id="togglePressure" {...p} pressed={state.pressure} secondary />
      </div>
      <SelectionOptions editor={editor} state={state} />
      <div className="tb-group" role="group" aria-label={t('toolbar.mask')}>
        <ActionButton id="undo" {...p} />
        <ActionButton id="redo" {...p} />
        <ActionButton id="toggleMask" {...p} pressed={state.maskVisible} />
        <ActionButton id="clear" {...p} secondary />
        <ActionButton id="invert" {...p} secondary />
        <ActionButton id="selectAll" {...p} secondary />
        <ActionButton id="refineMask" {...p} secondary />
        <ActionButton id="extendCanvas" {...p} secondary />
        <label className="tb-field tb-secondary" title={t('control.maskColor')}>
          <span className="tb-field__label">{t('control.maskColor')}</span>
          <input type="color" value={state.maskColor} onChange={(e) => editor.setMaskColor(e.target.value)} data-testid="mask-color" />
        </label>
        <label className="tb-field tb-secondary" title={t('control.maskOpacity')}>
          <span className="tb-field__label">{t('control.maskOpacity')}</span>
          <input
            type="range" min={5} max={100} value={Math.round(state.maskOpacity * 100)}
            aria-valuetext={t.format.percent(state.maskOpacity)}
            onChange={(e) => editor.setMaskOpacity(Number(e.target.value) / 100)}
            data-testid="mask-opacity"
          />
        </label>
      </div>
      <div className="tb-group tb-secondary" role="group" aria-label={t('toolbar.view')}>
        <ActionButton id="zoomOut" {...p} />
        <output className="tb-zoom" aria-label={t('control.zoom')} data-testid="zoom">{noImage ? '–' : t.format.percent(state.zoom)}</output>
        <ActionButton id="zoomIn" {...p} />
        <ActionButton id="fit" {...p} />
        <ActionButton id="zoomActual" {...p} />
      </div>
      <div className="tb-group" role="group" aria-label={t('toolbar.app')}>
        <ActionButton id="toggleEditPanel" {...p} wide />
        <ActionButton id="history" {...p} pressed={ctx.results?.history.state.open} />
        <ActionButton id="settings" {...p} secondary />
        <ActionButton id="shortcuts" {...p} secondary />
        {display ? <LanguageSelect display={display} className="tb-secondary" /> : null}
        <button
          type="button" className="tb-btn tb-btn--icon tb-more" aria-expanded={more} aria-label={t('toolbar.more')}
          title={t('toolbar.more')} onClick={() => setMore(!more)} data-testid="toolbar-more"
        >
          <Icon name="more" />
        </button>
      </div>
      {embedded ? (
        <div className="tb-group tb-embed" role="group" aria-label={t('toolbar.host')}>
          <ActionButton id="embedCancel" {...p} />
          <ActionButton id="embedSave" {...p} primary />
        </div>
      ) : null}
    </header>
  );
}
