import { COMBINE_MODES } from '../core/selection/combine.ts';
import type { Editor } from '../editor/Editor.ts';
import type { EditorState } from '../editor/types.ts';
import { useT, type StringKey } from './i18n/index.ts';

const SELECTION_TOOLS = new Set(['rectSelect', 'ellipseSelect', 'lasso', 'wand']);

/**
 * The selection tools' options, in their own toolbar group while one of them is active: the
 * mode of the next action (replace, add, subtract, intersect; modifier keys at pointer-down
 * override it), the magic wand's tolerance and contiguous switch, and what the tool does.
 */
export function SelectionOptions({ editor, state }: { editor: Editor; state: EditorState }) {
  const t = useT();
  if (!SELECTION_TOOLS.has(state.tool)) return null;
  return (
    <div className="tb-group" role="group" aria-label={t('toolbar.select')} data-testid="selection-options">
      <div className="tb-group" role="radiogroup" aria-label={t('select.mode')}>
        {COMBINE_MODES.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            className="tb-btn"
            aria-checked={state.selectMode === m}
            data-mode={m}
            onClick={() => editor.setSelectMode(m)}
          >
            {t(`select.mode.${m}` as StringKey)}
          </button>
        ))}
      </div>
      {state.tool === 'wand' ? (
        <>
          <label className="tb-field">
            <span className="tb-field__label">{t('select.tolerance')}</span>
            <input
              type="number" min={0} max={255} step={1} value={state.wandTolerance}
              onChange={(e) => editor.setWandOptions({ tolerance: Number(e.target.value) || 0 })}
              data-testid="wand-tolerance"
            />
          </label>
          <label className="tb-field">
            <input
              type="checkbox" checked={state.wandContiguous}
              onChange={(e) => editor.setWandOptions({ contiguous: e.target.checked })}
              data-testid="wand-contiguous"
            />
            <span className="tb-field__label">{t('select.contiguous')}</span>
          </label>
        </>
      ) : null}
      <span className="tb-hint" style={{ fontSize: "0.8em", maxWidth: "24em" }} data-testid="tool-hint">{t(`tool.${state.tool}.desc` as StringKey)}</span>
    </div>
  );
}
