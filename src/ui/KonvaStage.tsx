import { useEffect, useRef } from 'react';
// Konva's core (Stage, Layer, Group, Shape) and the two shapes used, not every shape and filter.
import { Circle, Group, Image as KImage, Layer, Shape, Stage } from 'react-konva/lib/ReactKonvaCore';
import 'konva/lib/shapes/Circle';
import 'konva/lib/shapes/Image';
import type Konva from 'konva';
import type { Editor } from '../editor/Editor.ts';
import { PointerInput } from '../canvas/PointerInput.ts';

/**
 * The Konva stage: image layer, mask layer, brush-outline layer. React only builds the nodes;
 * the editor drives them (view transform, redraws), and pointer input bypasses React. Its own
 * chunk (konva, react-konva and its reconciler): StageView loads it after the first screen.
 */
export function KonvaStage({ editor, width, height }: { editor: Editor; width: number; height: number }) {
  const stageRef = useRef<Konva.Stage>(null);
  const imageLayer = useRef<Konva.Layer>(null);
  const maskLayer = useRef<Konva.Layer>(null);
  const uiLayer = useRef<Konva.Layer>(null);
  const imageNode = useRef<Konva.Image>(null);
  const previewNode = useRef<Konva.Image>(null);
  const previewGroup = useRef<Konva.Group>(null);
  const maskShape = useRef<Konva.Shape>(null);
  const cursor = useRef<Konva.Group>(null);
  const selectionShape = useRef<Konva.Shape>(null);

  useEffect(() => {
    const stage = stageRef.current!;
    // An image opened before this chunk arrived is drawn here: attach syncs every node.
    editor.attach({
      stage, imageLayer: imageLayer.current!, maskLayer: maskLayer.current!, uiLayer: uiLayer.current!,
      imageNode: imageNode.current!, maskShape: maskShape.current!, cursor: cursor.current!,
      previewNode: previewNode.current!, previewGroup: previewGroup.current!, selectionShape: selectionShape.current!,
    });
    // …and placed by the view made meanwhile: re-applying the viewport sets the stage's scale and
    // position (attach leaves them at the new stage's defaults).
    editor.setViewportSize(editor.viewportSize.width, editor.viewportSize.height);
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
    <Stage ref={stageRef} width={width} height={height}>
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
        <Shape ref={selectionShape} />
      </Layer>
    </Stage>
  );
}
