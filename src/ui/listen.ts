/** Handlers by event type, as `addEventListener` takes them on a window. */
export type WindowHandlers = { [K in keyof WindowEventMap]?: (e: WindowEventMap[K]) => void };

/**
 * Adds each handler to `target` for its event type; returns one function that removes them all
 * (an effect's cleanup, a binding's unbind).
 */
export function listen(target: Window, handlers: WindowHandlers): () => void {
  const entries = Object.entries(handlers) as [string, EventListener][];
  for (const [type, fn] of entries) target.addEventListener(type, fn);
  return () => { for (const [type, fn] of entries) target.removeEventListener(type, fn); };
}
