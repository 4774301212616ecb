import type { KeyboardBrush } from '../editor/KeyboardBrush.ts';
import { useT } from './i18n/index.ts';
import { useStore } from './useStore.ts';
import { isApple } from './platform.ts';

/**
 * What the keys do on the canvas (its description for screen readers, and a visible hint while
 * it has the keyboard focus), and whether the keyboard "pen" is down, announced when it changes.
 */
export function CanvasKeysHelp({ keyBrush }: { keyBrush: KeyboardBrush }) {
  const t = useT();
  const { active, painting } = useStore(keyBrush.store);
  return (
    <div className={active ? 'canvas-hint' : 'sr-only'} data-testid="canvas-hint">
      <p id="canvas-keys">{t('canvas.keys', { mod: isApple ? '⌘' : 'Ctrl' })}</p>
      <p role="status" className={painting ? 'canvas-hint__pen canvas-hint__pen--down' : 'canvas-hint__pen'} data-testid="pen-status">
        {active ? t(painting ? 'canvas.penDown' : 'canvas.penUp') : ''}
      </p>
    </div>
  );
}
