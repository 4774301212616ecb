// The keyboard brush lives in the headless engine; this path stays for the app's imports.
export { KeyboardBrush, type KeyboardBrushState } from '../engine/KeyboardBrush.ts';
