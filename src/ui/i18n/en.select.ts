/**
 * English strings of the selection tools (marquee, lasso, magic wand) and their options.
 * Spread into `en` (en.ts), so every language translates them.
 */
export const enSelect = {
  'action.rectSelect': 'Rectangle select',
  'action.ellipseSelect': 'Ellipse select',
  'action.lasso': 'Lasso',
  'action.wand': 'Magic wand',
  'tool.rectSelect.desc': 'Drag a rectangle. Shift while dragging: square; Alt: from the centre.',
  'tool.ellipseSelect.desc': 'Drag an ellipse. Shift while dragging: circle; Alt: from the centre.',
  'tool.lasso.desc': 'Drag round an area, or click corners and double-click or press Enter to close. Escape cancels.',
  'tool.wand.desc': 'Click a colour to select the similar pixels around it (or everywhere, when not contiguous).',
  'action.selectCancel': 'Cancel the selection being drawn',
  'toolbar.select': 'Selection',
  'select.mode': 'Selection mode',
  'select.mode.replace': 'New selection',
  'select.mode.add': 'Add (Shift)',
  'select.mode.subtract': 'Subtract (Alt)',
  'select.mode.intersect': 'Intersect (Shift+Alt)',
  'select.tolerance': 'Tolerance',
  'select.contiguous': 'Contiguous',
};
