/**
 * Shortcut specs ("Mod+Shift+E", "[", "ArrowLeft") as people read them on each platform, and as
 * `aria-keyshortcuts` wants them. The toolbar's tooltips, the shortcut sheet and assistive
 * technology all read the registry's specs through these, so they cannot drift apart.
 */

const APPLE_MODS: Record<string, string> = { mod: '⌘', meta: '⌘', ctrl: '⌃', shift: '⇧', alt: '⌥' };
const OTHER_MODS: Record<string, string> = { mod: 'Ctrl', meta: 'Win', ctrl: 'Ctrl', shift: 'Shift', alt: 'Alt' };
const KEY_NAMES: Record<string, string> = {
  arrowleft: '←', arrowright: '→', arrowup: '↑', arrowdown: '↓', escape: 'Esc', delete: 'Del', space: 'Space',
};
const ARIA_MODS: Record<string, (apple: boolean) => string> = {
  mod: (apple) => (apple ? 'Meta' : 'Control'), meta: () => 'Meta', ctrl: () => 'Control', shift: () => 'Shift', alt: () => 'Alt',
};

/** A spec's modifiers (lower case) and key; "+" and "Mod++" name the plus key itself. */
export function parseShortcut(spec: string): { mods: string[]; key: string } {
  if (spec.endsWith('+')) {
    const head = spec.slice(0, -1).replace(/\+$/, '');
    return { mods: head ? head.split('+').map((m) => m.toLowerCase()) : [], key: '+' };
  }
  const parts = spec.split('+');
  const key = parts.pop() ?? '';
  return { mods: parts.map((m) => m.toLowerCase()), key };
}

/** Modifiers in the order keyboards print them: Ctrl, Alt, Shift, then ⌘ (Apple's ⌃⌥⇧⌘). */
const MOD_ORDER = ['ctrl', 'mod', 'alt', 'shift', 'meta'];
const APPLE_ORDER = ['ctrl', 'alt', 'shift', 'mod', 'meta'];

/** The pieces of a shortcut as printed on keys: `["Ctrl", "Shift", "E"]`, or `["⇧", "⌘", "E"]` on Apple. */
export function shortcutKeys(spec: string, isApple: boolean): string[] {
  const parsed = parseShortcut(spec);
  const key = parsed.key;
  const order = isApple ? APPLE_ORDER : MOD_ORDER;
  const mods = parsed.mods.toSorted((a, b) => order.indexOf(a) - order.indexOf(b));
  const names = isApple ? APPLE_MODS : OTHER_MODS;
  const keyName = KEY_NAMES[key.toLowerCase()] ?? (isApple && key === 'Enter' ? '↩' : key.length === 1 ? key.toUpperCase() : key);
  return [...mods.map((m) => names[m] ?? m), keyName];
}

/** One shortcut as text: "Ctrl+Shift+E", or "⇧⌘E" on Apple. */
export function shortcutText(spec: string, isApple: boolean): string {
  return shortcutKeys(spec, isApple).join(isApple ? '' : '+');
}

/** The `aria-keyshortcuts` value for a list of specs ("Control+Z Meta+Z"). */
export function ariaShortcuts(specs: readonly string[], isApple: boolean): string {
  return specs.map((spec) => {
    const { mods, key } = parseShortcut(spec);
    const k = key === ' ' ? 'Space' : key.length === 1 && /[a-z]/i.test(key) ? key.toUpperCase() : key;
    return [...mods.map((m) => ARIA_MODS[m]?.(isApple) ?? m), k].join('+');
  }).join(' ');
}
