/** Apple keyboards: Mod is ⌘ there, Ctrl elsewhere (shortcut matching and how keys are shown). */
export const isApple: boolean = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
