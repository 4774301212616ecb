/**
 * A provider as data: what the edit form, the panel and Send need to know about it, and how to
 * build it. Adding a provider is one folder holding its descriptor and one line in the registry
 * (src/providers/registry.ts); the form, the provider choice, the panel's fields and Send's
 * checks read the descriptor and nothing else.
 */
import type { EditProvider } from './types.ts';

/** Labels are string keys of src/ui/i18n (en and zh-CN); a key with no string shows as itself. */
export type LabelKey = string;

/** One option the panel shows for a provider, rendered by kind; `key` is its name in the job's options. */
export type OptionFieldSchema =
  | { kind: 'select'; key: string; label: LabelKey; values: readonly { value: string; label: LabelKey }[]; default: string }
  | { kind: 'number'; key: string; label: LabelKey; min?: number; max?: number; step?: number; default: number }
  | { kind: 'toggle'; key: string; label: LabelKey; default: boolean }
  | { kind: 'text'; key: string; label: LabelKey; maxLength?: number; default: string }
  /**
   * OpenAI's model-driven fields (model, size, quality, format, references, cost…): which ones
   * show and what they offer follows the model catalogue, so they stay the OpenAI components;
   * their values are the form's `options` (core/openai/request/options.ts's EditOptions).
   */
  | { kind: 'openai'; api: 'images' | 'responses' };

/** What a provider's blocker rules see at Send. */
export interface BlockerContext {
  prompt: string;
  /** The options as the job will get them. */
  options: Readonly<Record<string, unknown>>;
  hasImage: boolean;
  /** Whether any pixel of the mask is painted (worked out only if asked). */
  maskPainted(): boolean;
}

/** Why Send cannot go: a string key and its parameters. */
export interface Blocked { key: string; params?: Record<string, string | number> }

/** A price before sending, in dollars (a range when the provider cannot say exactly). */
export interface CostRange { min: number; max: number }

export interface ProviderDescriptor<Deps = unknown> {
  /** Stable id: the form, drafts and the provider choice's radio value name the provider by it. */
  readonly id: string;
  readonly label: LabelKey;
  /** A note shown under the choice while it is picked. */
  readonly note?: LabelKey;
  /** True when it needs a key or the proxy (Connection settings); false when it runs here. */
  readonly needsConnection: boolean;
  /** The options the panel shows, in order; the job gets their values (defaults until changed). */
  readonly options: readonly OptionFieldSchema[];
  /** Its own reasons Send cannot go (after the shared ones: running, missing, no connection). */
  blocker?(ctx: BlockerContext): Blocked | null;
  /** Price before sending, when the provider can tell; null when it cannot. */
  estimate?(ctx: BlockerContext): CostRange | null;
  /** Builds the provider; null when this build or machine cannot run it (shown disabled). */
  create(deps: Deps): EditProvider | null;
}

/** The values of a schema's fields: each field's default, overridden by `values` where given. */
export function optionValues(schema: readonly OptionFieldSchema[], values: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schema) {
    if (f.kind === 'openai') continue;
    const v = values[f.key];
    out[f.key] = fieldValue(f, v) ? v : f.default;
  }
  return out;
}

/** Whether `v` is a legal value for field `f` (a draft or a stale form may hold anything). */
function fieldValue(f: Exclude<OptionFieldSchema, { kind: 'openai' }>, v: unknown): boolean {
  switch (f.kind) {
    case 'select': return f.values.some((x) => x.value === v);
    case 'number': return typeof v === 'number' && Number.isFinite(v) && (f.min === undefined || v >= f.min) && (f.max === undefined || v <= f.max);
    case 'toggle': return typeof v === 'boolean';
    case 'text': return typeof v === 'string' && (f.maxLength === undefined || v.length <= f.maxLength);
  }
}

/** The OpenAI API a descriptor's model-driven options go to; null for a provider without them. */
export function openaiApiOf(d: Pick<ProviderDescriptor, 'options'>): 'images' | 'responses' | null {
  for (const f of d.options) if (f.kind === 'openai') return f.api;
  return null;
}
