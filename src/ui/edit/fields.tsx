import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import type { StringKey } from '../i18n/index.ts';

/** A labelled select of string values; `labels` gives each value's text. */
export function SelectField<V extends string>({ label, value, values, text, onChange, testId }: {
  label: StringKey; value: V; values: readonly V[]; text: (v: V) => string; onChange: (v: V) => void; testId: string;
}) {
  const t = useT();
  return (
    <label className="ep-field">
      <span>{t(label)}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {values.map((v) => <option key={v} value={v}>{text(v)}</option>)}
      </select>
    </label>
  );
}

/** A note under a field: info, or a warning. */
export function Note({ kind = 'info', children, testId }: { kind?: 'info' | 'warning'; children: ReactNode; testId?: string }) {
  return <p className={`ep-note ep-note--${kind}`} data-testid={testId}>{children}</p>;
}

/** Translates a key built at run time (the key sets are fixed, checked by the catalogue tests). */
export const dyn = (k: string) => k as StringKey;
