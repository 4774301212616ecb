/**
 * Typed reading of request parameters, from multipart scalars (all strings) or JSON values,
 * with the API's error for each way a value can be wrong. A JSON `null` is refused: the SDK
 * never sends one in multipart (it throws first), and the app must never send one at all.
 */
import { aboveMax, invalid, belowMin, invalidType, invalidValue, stringTooLong, stringTooShort, unknownParameter } from './errors.ts';

export type Source = 'multipart' | 'json';

export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly source: Source,
  ) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.values, name);
  }

  keys(): string[] {
    return Object.keys(this.values);
  }

  /** Throws `Unknown parameter` for the first key not in `allowed`. */
  onlyAllow(allowed: readonly string[]): void {
    for (const k of this.keys()) if (!allowed.includes(k)) throw unknownParameter(k);
  }

  private raw(name: string): unknown {
    const v = this.values[name];
    if (v === null) throw invalidType(name, describeExpected(name), 'null');
    return v;
  }

  string(name: string, opts: { max?: number; required?: boolean } = {}): string | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    if (typeof v !== 'string') throw invalidType(name, 'a string', typeName(v));
    if (opts.required && v.length === 0) throw stringTooShort(name);
    if (opts.max !== undefined && v.length > opts.max) throw stringTooLong(name, opts.max, v.length);
    return v;
  }

  enumOf(name: string, allowed: readonly string[]): string | undefined {
    const v = this.string(name);
    if (v !== undefined && !allowed.includes(v)) throw invalidValue(name, v, allowed);
    return v;
  }

  int(name: string, min: number, max: number): number | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    let n: number;
    if (this.source === 'multipart') {
      if (typeof v !== 'string' || !/^-?\d+$/.test(v.trim())) throw invalidType(name, 'an integer', 'a string');
      n = Number(v);
    } else {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidType(name, 'an integer', typeName(v));
      n = v;
    }
    if (n < min) throw belowMin(name, min, n);
    if (n > max) throw aboveMax(name, max, n);
    return n;
  }

  bool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const v = this.raw(name);
    if (this.source === 'multipart') {
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw invalidType(name, 'a boolean', 'a string');
    }
    if (typeof v !== 'boolean') throw invalidType(name, 'a boolean', typeName(v));
    return v;
  }

  get(name: string): unknown {
    return this.has(name) ? this.raw(name) : undefined;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal';
  return `a ${typeof v}`;
}

function describeExpected(name: string): string {
  return ['n', 'output_compression', 'partial_images'].includes(name) ? 'an integer'
    : name === 'stream' ? 'a boolean' : 'a string';
}

/** Wraps a JSON body: it must be an object. */
export function jsonParams(body: unknown): Params {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`Invalid type for body: expected an object, but got ${typeName(body)} instead. (fake)`, null, 'invalid_type');
  }
  return new Params(body as Record<string, unknown>, 'json');
}
