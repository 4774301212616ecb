import { useEffect, useRef } from 'react';
import type { ResultsController, Round } from '../../app/results/ResultsController.ts';
import { prefetchWhenIdle } from '../lazyParts.ts';

/** The thumbnail's size in CSS pixels (it fits inside, keeping the result's shape). */
const SIZE = 48;

/**
 * A result's thumbnail in the results strip: drawn small from the bitmap the round decoded once,
 * when the browser is idle after the frame that shows the result. An `<img>` of the result's
 * file would read the whole file on the main thread and decode it a second time beside the
 * decode the result on the canvas waits for (a cache hit's largest cost after its own decode).
 */
export function ResultThumb({ results, round, index }: { results: ResultsController; round: Round; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    const cancel = prefetchWhenIdle(() => {
      void results.thumbnail(round, index).then((bmp) => {
        const canvas = ref.current;
        if (!live || !bmp || !canvas || bmp.width === 0) return;
        const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
        const scale = Math.min(SIZE / bmp.width, SIZE / bmp.height);
        canvas.width = Math.max(1, Math.round(bmp.width * scale * dpr));
        canvas.height = Math.max(1, Math.round(bmp.height * scale * dpr));
        const ctx = canvas.getContext('2d')!;
        ctx.imageSmoothingQuality = 'medium';
        ctx.drawImage(bmp, 0, 0, canvas.width, canvas.height);
      });
    });
    return () => { live = false; cancel(); };
  }, [results, round, index]);
  return <canvas ref={ref} className="rs-thumb-img" width={1} height={1} aria-hidden="true" data-testid={`result-thumb-${index + 1}`} />;
}
