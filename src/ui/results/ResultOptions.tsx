import { useEffect, useState } from 'react';
import { MAX_FEATHER, type ResultsController, type ResultsState } from '../../app/results/ResultsController.ts';
import { useT } from '../i18n/index.ts';

/**
 * How a result is laid back: "keep everything outside the mask exactly" (on by default) and the
 * seam's width. The slider shows its value at once and recomposites when it rests.
 */
export function ResultOptions({ results, state }: { results: ResultsController; state: ResultsState }) {
  const t = useT();
  // The value being dragged; applied (a recomposite) once the slider rests.
  const [dragged, setDragged] = useState<number | null>(null);
  const feather = dragged ?? state.feather;
  useEffect(() => {
    if (dragged === null) return;
    const id = setTimeout(() => { results.setFeather(dragged); setDragged(null); }, 150);
    return () => clearTimeout(id);
  }, [dragged, results]);
  return (
    <div className="rs-options" data-testid="result-options">
      <label className="ep-check">
        <input type="checkbox" checked={state.keepOutside} onChange={(e) => results.setKeepOutside(e.target.checked)} data-testid="keep-outside" />
        {t('results.keepOutside')}
      </label>
      <label className="rs-feather">
        <span>{t('results.feather')}</span>
        <input
          type="range" min={0} max={MAX_FEATHER} value={feather} disabled={!state.keepOutside}
          aria-valuetext={t('results.featherValue', { px: feather })}
          onChange={(e) => setDragged(Number(e.target.value))} data-testid="feather"
        />
        <output>{t('results.featherValue', { px: feather })}</output>
      </label>
    </div>
  );
}
