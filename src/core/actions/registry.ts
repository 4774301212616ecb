import { parseShortcut } from './shortcutText.ts';

/**
 * One registry of actions serves the toolbar, the keyboard and the embed protocol (as
 * Excalidraw does): each action has an id, a label key, its shortcuts and `perform`.
 */

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Action<Ctx> {
  id: string;
  /** i18n key of the visible label. */
  label: string;
  /** Shortcuts like "Mod+Z", "Shift+Mod+Z", "[", "Space". Mod = Ctrl, or Cmd on Apple. */
  keys?: readonly string[];
  enabled?: (ctx: Ctx) => boolean;
  /** Whether the action exists right now (e.g. Save to host only when embedded). Default: yes. */
  visible?: (ctx: Ctx) => boolean;
  /**
   * Where its keys work: everywhere (default), or only while that part of the screen has the
   * focus (`canvas`: the arrow keys move the keyboard brush there, and a slider elsewhere).
   */
  scope?: string;
  /** `trigger` is the key event that ran it, when a key did (e.g. Shift for a bigger step). */
  perform: (ctx: Ctx, trigger?: KeyLike) => void;
}

/** Whether an action exists right now (see {@link Action.visible}). */
export function isVisible<Ctx>(a: Action<Ctx>, ctx: Ctx): boolean {
  return !a.visible || a.visible(ctx);
}

/** Does a keyboard event match one shortcut spec? */
export function matchesShortcut(e: KeyLike, spec: string, isApple = false): boolean {
  const parsed = parseShortcut(spec);
  const key = parsed.key;
  const mods = new Set(parsed.mods);
  const wantCtrl = mods.has('ctrl') || (mods.has('mod') && !isApple);
  const wantMeta = mods.has('meta') || (mods.has('mod') && isApple);
  if (e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta) return false;
  if (mods.has('alt') !== e.altKey) return false;
  // Symbols like "?" or "[" already encode Shift in the key itself, on any layout.
  const symbol = key.length === 1 && key.toLowerCase() === key.toUpperCase();
  if (!symbol && mods.has('shift') !== e.shiftKey) return false;
  // Named keys (Enter, Escape, Delete) compare case-insensitively like letters.
  return e.key.toLowerCase() === key.toLowerCase() || (key === 'Space' && e.key === ' ');
}

export class ActionRegistry<Ctx> {
  private readonly byId = new Map<string, Action<Ctx>>();
  constructor(actions: readonly Action<Ctx>[] = []) {
    for (const a of actions) this.register(a);
  }
  register(a: Action<Ctx>): void {
    this.byId.set(a.id, a);
  }
  get(id: string): Action<Ctx> | undefined {
    return this.byId.get(id);
  }
  all(): Action<Ctx>[] {
    return [...this.byId.values()];
  }
  /** Runs an action by id if it is visible and enabled; returns whether it ran. */
  run(id: string, ctx: Ctx, trigger?: KeyLike): boolean {
    const a = this.byId.get(id);
    if (!a || !isVisible(a, ctx) || (a.enabled && !a.enabled(ctx))) return false;
    a.perform(ctx, trigger);
    return true;
  }
  /**
   * The action a key event triggers, if any (with `ctx`, only among the visible ones). Scoped
   * actions answer only when `scope` (the part of the screen with the focus) is theirs.
   */
  forKey(e: KeyLike, isApple = false, ctx?: Ctx, scope?: string): Action<Ctx> | undefined {
    for (const a of this.byId.values()) {
      if (ctx !== undefined && !isVisible(a, ctx)) continue;
      if (a.scope !== undefined && a.scope !== scope) continue;
      if (a.keys?.some((k) => matchesShortcut(e, k, isApple))) return a;
    }
    return undefined;
  }
}
