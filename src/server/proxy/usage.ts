/**
 * What an answer cost: the usage the API reports (in the JSON answer, or in the stream's
 * completed events), priced with the model catalogue (src/core/openai/models). The proxy watches the
 * bytes as they pass; it never holds more than one stream event or one JSON answer. For an
 * answer cut short before its usage, the catalogue's estimate of the request.
 */
import { MODELS } from '../../core/openai/models/catalog.ts';
import { capsFor } from '../../core/openai/models/lookup.ts';
import { addUsage, usageDollars, usageFromApi, type ApiUsage } from '../../core/openai/cost/usage.ts';
import type { Usage } from '../../core/provider/types.ts';
import type { ModelCaps, Quality } from '../../core/openai/models/types.ts';
import { estimateCost } from '../../core/openai/cost/estimate.ts';
import { DEFAULT_OPTIONS, type EditOptions } from '../../core/openai/request/options.ts';

/** The dearest published rates: a model without a price is charged at these, never at zero. */
const dearest = (k: 'textIn' | 'imageIn' | 'imageOut') => Math.max(...MODELS.map((m) => m.pricing?.[k] ?? 0));
const DEAREST: ModelCaps = { ...capsFor('gpt-image-2'), pricing: { textIn: dearest('textIn'), imageIn: dearest('imageIn'), imageOut: dearest('imageOut'), source: 'dearest catalogue rates' } };

/** Dollars for a usage of `model`, at the catalogue's rates or the dearest ones. */
export function priceUsage(model: string | null, usage: Usage): number {
  return usageDollars(model ? capsFor(model) : DEAREST, usage) ?? usageDollars(DEAREST, usage)!;
}

interface Answer { usage?: ApiUsage; tool_usage?: { image_gen?: ApiUsage }; response?: Answer; type?: string }

/** The image usage an answer or stream event reports (Images API, or the Responses image tool). */
function usageIn(a: Answer): Usage | null {
  if (a.type === 'response.completed' || a.type === 'response.incomplete') return usageFromApi(a.response?.tool_usage?.image_gen);
  if (a.tool_usage) return usageFromApi(a.tool_usage.image_gen);
  return a.type && !a.type.endsWith('.completed') ? null : usageFromApi(a.usage);
}

/** Largest JSON answer read for its usage (an image answer is a few MB of base64). */
const JSON_CAP = 64 * 1024 * 1024;

export class UsageMeter {
  private usage: Usage | null = null;
  private parts: Buffer[] = [];
  private size = 0;
  private readonly sse: boolean;

  constructor(contentType: string | undefined) {
    this.sse = /text\/event-stream/i.test(contentType ?? '');
  }

  feed(chunk: Buffer): void {
    if (!this.sse) {
      this.size += chunk.length;
      if (this.size <= JSON_CAP) this.parts.push(chunk);
      else this.parts = [];
      return;
    }
    // One line at a time: only `data:` lines that mention usage are parsed.
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      this.parts.push(chunk.subarray(from, nl));
      this.line(Buffer.concat(this.parts));
      this.parts = [];
      from = nl + 1;
    }
    if (from < chunk.length) this.parts.push(chunk.subarray(from));
  }

  private line(buf: Buffer): void {
    if (buf.length < 6 || buf.toString('latin1', 0, 5) !== 'data:' || !buf.includes('"usage"')) return;
    try { this.usage = addUsage(this.usage, usageIn(JSON.parse(buf.toString('utf8', 5)) as Answer)); } catch { /* not JSON: no usage */ }
  }

  /** The usage seen, once the answer has ended. */
  end(): Usage | null {
    if (!this.sse && this.parts.length) {
      try { this.usage = usageIn(JSON.parse(Buffer.concat(this.parts).toString('utf8')) as Answer); } catch { /* no usage */ }
      this.parts = [];
    }
    return this.usage;
  }
}

/** What a request asked for, as far as its price goes (from its JSON body or multipart fields). */
export interface Asked {
  model: string | null;
  size?: unknown;
  quality?: unknown;
  n?: unknown;
  partialImages?: unknown;
  inputFidelity?: unknown;
  /** Input images sent (an edit's image parts; 0 for a generation). */
  images: number;
  responses: boolean;
}

const QUALITIES = new Set<Quality>(['auto', 'low', 'medium', 'high', 'xhigh', 'max']);
const int = (x: unknown, dflt: number) => (Number.isSafeInteger(Number(x)) && Number(x) >= 0 ? Number(x) : dflt);

/**
 * The most a request can cost by the catalogue (output for its quality and size, `auto` taken at
 * its dearest, times n, plus partial images and input images): what the spend limits count for an
 * answer the browser cancelled before the usage came (the upstream bills the work it began).
 */
export function estimateDollars(a: Asked): number {
  const quality = typeof a.quality === 'string' && QUALITIES.has(a.quality as Quality) ? (a.quality as Quality) : 'auto';
  const o: EditOptions = {
    ...DEFAULT_OPTIONS, api: a.responses ? 'responses' : 'images', model: a.model ?? DEFAULT_OPTIONS.model,
    size: typeof a.size === 'string' ? a.size : 'auto', quality, n: Math.max(1, int(a.n, 1)), partialImages: int(a.partialImages, 0),
    inputFidelity: a.inputFidelity === 'high' || a.inputFidelity === 'low' ? a.inputFidelity : null,
  };
  const input = { prompt: '', images: a.images };
  const dollars = (a.model ? estimateCost(capsFor(a.model), o, input).dollars : null) ?? estimateCost(DEAREST, o, input).dollars;
  return dollars?.max ?? 0;
}
