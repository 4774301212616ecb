import { GENERIC_GPT_IMAGE, MODELS } from './catalog.ts';
import type { Endpoint, ModelCaps } from './types.ts';

const byId = new Map(MODELS.map((m) => [m.id, m]));

/**
 * The capabilities of `id`. A name not in the catalogue is accepted with the generic GPT-image
 * rules and `status: 'custom'`, which the form shows as a warning.
 */
export function capsFor(id: string): ModelCaps {
  const name = id.trim();
  return byId.get(name) ?? { ...GENERIC_GPT_IMAGE, id: name, status: 'custom' };
}

export const isKnownModel = (id: string): boolean => byId.has(id.trim());

/** Models usable through `endpoint`, in catalogue order. */
export function modelsFor(endpoint: Endpoint): ModelCaps[] {
  return MODELS.filter((m) => m.endpoints.includes(endpoint));
}

/** A model id is a plausible API name: letters, digits, dots, dashes, underscores, slashes, colons. */
export const isValidModelName = (id: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/.test(id.trim());
