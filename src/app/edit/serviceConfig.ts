import { DEFAULT_MODEL } from '../../core/openai/models/catalog.ts';
import type { RuntimeConfig } from '../config.ts';

/** The parts of config.json the OpenAI side reads, with every value filled in. */
export interface ServiceConfig {
  /**
   * `timeout_ms`: how long a request may wait for its answer to start, and a stream may stay
   * silent, before it is given up as timed out (default: the providers' 300 s and 180 s).
   */
  service: { base_url: string; api_key_env: string; timeout_ms?: number };
  default: { model: string; quality: string; size: string };
}

export const DEFAULT_SERVICE_CONFIG: ServiceConfig = {
  service: { base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
  default: { model: DEFAULT_MODEL, quality: 'auto', size: 'auto' },
};

const str = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.trim() : fallback);

/** Takes what is well-formed from the runtime config and the defaults for the rest. */
export function serviceConfig(raw: RuntimeConfig | null | undefined): ServiceConfig {
  const d = DEFAULT_SERVICE_CONFIG;
  const s = raw?.service;
  const def = raw?.default;
  const service: ServiceConfig['service'] = { base_url: str(s?.base_url, d.service.base_url), api_key_env: str(s?.api_key_env, d.service.api_key_env) };
  const timeout = s?.timeout_ms;
  if (typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 1000) service.timeout_ms = Math.round(timeout);
  return {
    service,
    default: { model: str(def?.model, d.default.model), quality: str(def?.quality, d.default.quality), size: str(def?.size, d.default.size) },
  };
}
