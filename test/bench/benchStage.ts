/** A Konva stage for bench pages that time what the user sees drawn, built as the app's KonvaStage.tsx builds it. */
import Konva from 'konva/lib/Core';
import { Circle } from 'konva/lib/shapes/Circle';
import { Image as KImage } from 'konva/lib/shapes/Image';
import type { Editor } from '../../src/editor/Editor.ts';

/** A Konva stage with the nodes the app's KonvaStage.tsx makes, attached to the editor. */
export function mountStage(editor: Editor, width: number, height: number): void {
  const container = document.createElement('div');
  document.body.append(container);
  const stage = new Konva.Stage({ container, width, height });
  const imageLayer = new Konva.Layer({ listening: false });
  const maskLayer = new Konva.Layer({ listening: false });
  const uiLayer = new Konva.Layer({ listening: false });
  const imageNode = new KImage({ image: undefined });
  const previewNode = new KImage({ image: undefined, visible: false });
  const previewGroup = new Konva.Group();
  previewGroup.add(previewNode);
  imageLayer.add(imageNode, previewGroup);
  const maskShape = new Konva.Shape();
  maskLayer.add(maskShape);
  const cursor = new Konva.Group({ visible: false });
  cursor.add(new Circle({ radius: 20, stroke: '#000', strokeWidth: 3 }));
  const selectionShape = new Konva.Shape();
  uiLayer.add(cursor, selectionShape);
  stage.add(imageLayer, maskLayer, uiLayer);
  editor.attach({ stage, imageLayer, maskLayer, uiLayer, imageNode, previewNode, previewGroup, maskShape, cursor, selectionShape });
}
