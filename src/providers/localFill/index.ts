import type { AppProviderDescriptor } from '../deps.ts';

/**
 * The local fill: no key, no network; it fills the painted area from the rest of the picture
 * and ignores the prompt. The app builds its worker client (src/services/localFill, keyed for
 * the cache) and hands it in, so tests can put their own in its place or leave it out.
 */
export const localFill: AppProviderDescriptor = {
  id: 'local-fill',
  label: 'edit.provider.local',
  note: 'edit.provider.localNote',
  needsConnection: false,
  options: [],
  blocker: (ctx) => {
    if (!ctx.hasImage) return { key: 'load.error.no-image' };
    return ctx.maskPainted() ? null : { key: 'edit.local.paintFirst' };
  },
  create: (deps) => deps.localFill,
};
