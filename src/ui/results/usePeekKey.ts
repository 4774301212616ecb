import { useEffect } from 'react';
import type { ResultsController } from '../../app/results/ResultsController.ts';
import { listen } from '../listen.ts';

/** The key held to see the original in place of the result (as Space is held to pan). */
export const PEEK_KEY = '\\';

/** While `\` is held (outside text fields), the original shows in place of the result. */
export function usePeekKey(results: ResultsController, isTextField: (t: EventTarget | null) => boolean): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.key !== PEEK_KEY || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      e.preventDefault();
      if (!e.repeat) results.setPeek(true);
    };
    const up = (e: KeyboardEvent) => { if (e.key === PEEK_KEY) results.setPeek(false); };
    const blur = () => results.setPeek(false);
    return listen(window, { keydown: down, keyup: up, blur });
  }, [results, isTextField]);
}
