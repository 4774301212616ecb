/**
 * English strings of the language switch, the toolbar's groups, the keyboard (shortcut sheet,
 * keyboard brush) and progress. Spread into `en` (en.ts), so every language translates them.
 */
export const enAccess = {
  'language.label': 'Language',

  'toolbar.file': 'File',
  'toolbar.paint': 'Brush',
  'toolbar.mask': 'Mask',
  'toolbar.view': 'View',
  'toolbar.app': 'Panels and settings',
  'toolbar.host': 'Page',
  'toolbar.more': 'More tools',

  'action.shortcuts': 'Keyboard shortcuts',
  'action.selectAll': 'Paint everything (select all)',
  'action.brushLeft': 'Move the brush left',
  'action.brushRight': 'Move the brush right',
  'action.brushUp': 'Move the brush up',
  'action.brushDown': 'Move the brush down',
  'action.penToggle': 'Start or stop painting at the brush',

  'canvas.keys': 'Arrow keys move the brush (Shift: bigger steps) and the view follows it; Enter starts and stops painting; {mod}+A paints everything. Press ? for all shortcuts.',
  'canvas.penDown': 'Painting: move the brush with the arrow keys; Enter stops.',
  'canvas.penUp': 'Not painting: Enter starts painting where the brush is.',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.close': 'Close',
  'shortcuts.or': 'or',
  'shortcuts.group.file': 'File',
  'shortcuts.group.paint': 'Brush',
  'shortcuts.group.mask': 'Mask',
  'shortcuts.group.canvas': 'On the canvas (keyboard brush)',
  'shortcuts.group.view': 'View',
  'shortcuts.group.edit': 'Edit with AI',
  'shortcuts.group.other': 'Other',
  'shortcuts.group.pointer': 'Mouse, pen and touch',
  'shortcuts.canvasHint': 'Tab to the canvas first: these keys work while it has the focus.',
  'shortcuts.pan': 'Space + drag, or the middle button: pan.',
  'shortcuts.wheel': 'Wheel: zoom about the pointer; Shift + wheel: pan sideways.',
  'shortcuts.touch': 'Touch: pinch to zoom, move two fingers to pan. Pen: pressure sets the width when “Pen pressure sets width” is on.',
  'shortcuts.tab': 'Tab and Shift+Tab move between controls; Enter or Space presses a button.',

  'progress.label': 'Progress',
  'progress.elapsed': '{seconds} s in all',
  'progress.phase.preparing': 'Preparing the image and mask',
  'progress.phase.uploading': 'Uploading',
  'progress.phase.waiting': 'Waiting for the model',
  'progress.phase.generating': 'Generating',
  'progress.phase.filling': 'Filling the painted area',
} as const;
