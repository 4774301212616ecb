import { Suspense, useEffect, useRef, useState } from 'react';
import type { Editor } from '../editor/Editor.ts';
import type { KeyboardBrush } from '../editor/KeyboardBrush.ts';
import { useT } from './i18n/index.ts';
import { CanvasKeysHelp } from './CanvasKeysHelp.tsx';
import { konvaStage } from './lazyParts.ts';

/**
 * The canvas area: a focusable box that follows its size into the editor's viewport, with the
 * keyboard help, holding the Konva stage (image, mask and brush-outline layers). The stage is a
 * chunk of its own: the first screen has no picture on it, so it is fetched when the browser is
 * idle and mounted into this box when it arrives.
 */
export function StageView({ editor, panMode, keyBrush }: { editor: Editor; panMode: boolean; keyBrush?: KeyboardBrush }) {
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });

  useEffect(() => {
    const box = boxRef.current!;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const s = { width: Math.max(1, Math.floor(r.width)), height: Math.max(1, Math.floor(r.height)) };
      setSize(s);
      editor.setViewportSize(s.width, s.height);
    };
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    measure();
    return () => ro.disconnect();
  }, [editor]);

  return (
    <div
      ref={boxRef}
      className={`stage${panMode ? ' stage--pan' : ''}`}
      role="application"
      aria-label={t('status.canvas')}
      data-testid="stage"
      // Focusable, so the keyboard brush (arrow keys, Enter) and Space-pan work without a pointer.
      tabIndex={0}
      data-key-scope="canvas"
      aria-describedby={keyBrush ? 'canvas-keys' : undefined}
      // A click focuses the canvas too, but only keyboard focus (focus-visible) shows the brush.
      onFocus={(e) => { if (e.target === e.currentTarget && e.currentTarget.matches(':focus-visible')) keyBrush?.focus(); }}
      onBlur={(e) => { if (e.target === e.currentTarget) keyBrush?.blur(); }}
    >
      {keyBrush ? <CanvasKeysHelp keyBrush={keyBrush} /> : null}
      {/* Nothing to show while it loads: the stage is empty until a picture is open. */}
      <Suspense fallback={null}>
        <konvaStage.Component editor={editor} width={size.width} height={size.height} />
      </Suspense>
    </div>
  );
}
