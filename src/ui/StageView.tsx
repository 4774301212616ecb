import { useEffect, useRef, useState } from 'react';
// Konva's core (Stage, Layer, Group, Shape) and the two shapes used, not every shape and filter.
import { Circle, Group, Image as KImage, Layer, Shape, Stage } from 'react-konva/lib/ReactKonvaCore';
import 'konva/lib/shapes/Circle';
import 'konva/lib/shapes/Image';
import type Konva from 'konva';
import type { Editor } from '../editor/Editor.ts';
import { PointerInput } from '../canvas/PointerInput.ts';
import type { KeyboardBrush } from '../editor/KeyboardBrush.ts';
import { useT } from './i18n/index.ts';
import { CanvasKeysHelp } from './CanvasKeysHelp.tsx';

/**
 * The Konva stage: image layer, mask layer, brush-outline layer. React only builds the nodes;
 * the editor drives them (view transform, redraws), and pointer input bypasses React.
 */
export function StageView({ editor, panMode, keyBrush }: { editor: Editor; panMode: boolean; keyBrush?: KeyboardBrush }) {
  const t = useT();
  const boxRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const imageLayer = useRef<Konva.Layer>(null);
  const maskLayer = useRef<Konva.Layer>(null);
  const uiLayer = useRef<Konva.Layer>(null);
  const imageNode = useRef<Konva.Image>(null);
  const previewNode = useRef<Konva.Image>(null);
  const previewGroup = useRef<Konva.Group>(null);
  const maskShape = useRef<Konva.Shape>(null);
  const cursor = useRef<Konva.Group>(null);
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

  useEffect(() => {
    const stage = stageRef.current!;
    editor.attach({
      stage, imageLayer: imageLayer.current!, maskLayer: maskLayer.current!, uiLayer: uiLayer.current!,
      imageNode: imageNode.current!, maskShape: maskShape.current!, cursor: cursor.current!,
      previewNode: previewNode.current!, previewGroup: previewGroup.current!,
    });
    const input = new PointerInput(stage.container(), editor);
    // Follow the window to screens of another density.
    let mq: MediaQueryList | null = null;
    const watch = () => {
      mq?.removeEventListener('change', onChange);
      mq = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      mq.addEventListener('change', onChange);
    };
    const onChange = () => { editor.setPixelRatio(window.devicePixelRatio || 1); watch(); };
    watch();
    return () => { mq?.removeEventListener('change', onChange); input.dispose(); editor.detach(); };
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
      <Stage ref={stageRef} width={size.width} height={size.height}>
        <Layer ref={imageLayer} listening={false}>
          <KImage ref={imageNode} image={undefined} />
          <Group ref={previewGroup}>
            <KImage ref={previewNode} image={undefined} visible={false} />
          </Group>
        </Layer>
        <Layer ref={maskLayer} listening={false}>
          <Shape ref={maskShape} />
        </Layer>
        <Layer ref={uiLayer} listening={false}>
          <Group ref={cursor} visible={false}>
            <Circle radius={20} stroke="#000" strokeWidth={3} strokeScaleEnabled={false} opacity={0.6} />
            <Circle radius={20} stroke="#fff" strokeWidth={1} strokeScaleEnabled={false} />
          </Group>
        </Layer>
      </Stage>
    </div>
  );
}
