import { useRef } from 'react';
import type { ResultsController } from '../../app/results/ResultsController.ts';
import { useStore } from '../useStore.ts';
import { useT } from '../i18n/index.ts';

/**
 * The before/after divider over the canvas. The canvas itself draws the original left of it and
 * the result right of it, at the editor's zoom and pan (a clip in the Konva stage); this is the
 * handle: drag it, or focus it and use the arrow keys.
 */
export function CompareOverlay({ results }: { results: ResultsController }) {
  const t = useT();
  const s = useStore(results.store);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef<number | null>(null);
  if (!s.compare) return null;
  const moveTo = (clientX: number) => {
    const r = box.current?.parentElement?.getBoundingClientRect();
    if (r && r.width > 0) results.setDivider((clientX - r.left) / r.width);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const at = results.state.divider;
    if (e.key === 'ArrowLeft') results.setDivider(at - step);
    else if (e.key === 'ArrowRight') results.setDivider(at + step);
    else if (e.key === 'Home') results.setDivider(0);
    else if (e.key === 'End') results.setDivider(1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const percent = Math.round(s.divider * 100);
  return (
    <div ref={box} className="compare" data-testid="compare">
      <span className="compare__label compare__label--before">{t('results.before')}</span>
      <span className="compare__label compare__label--after">{t('results.after')}</span>
      <div
        className="compare__divider" style={{ left: `${s.divider * 100}%` }}
        role="slider" tabIndex={0} aria-label={t('results.divider')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
        aria-valuetext={`${percent}%`} data-testid="compare-divider"
        onKeyDown={onKey}
        onPointerDown={(e) => {
          dragging.current = e.pointerId;
          moveTo(e.clientX);
          e.preventDefault();
          try { e.currentTarget.setPointerCapture(e.pointerId); } catch { /* a synthetic pointer: the drag works without capture */ }
        }}
        onPointerMove={(e) => { if (dragging.current === e.pointerId) moveTo(e.clientX); }}
        onPointerUp={() => { dragging.current = null; }}
        onPointerCancel={() => { dragging.current = null; }}
      >
        <span className="compare__handle" aria-hidden="true" />
      </div>
      <p className="compare__hint">{t('results.compareHint')}</p>
    </div>
  );
}
