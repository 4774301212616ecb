import type { OptionFieldSchema, ProviderDescriptor } from '../../core/provider/descriptor.ts';
import { useT } from '../i18n/index.ts';
import { dyn, SelectField } from './fields.tsx';

type Plain = Exclude<OptionFieldSchema, { kind: 'openai' }>;

/**
 * A provider's own options, drawn from its descriptor's schema: select, number, toggle and text
 * fields, each labelled by its string key, with test id `opt-<key>`. OpenAI's model-driven
 * fields are not here (the `openai` kind is rendered by the OpenAI components).
 */
export function SchemaFields({ descriptor, values, onChange }: {
  descriptor: ProviderDescriptor; values: Readonly<Record<string, unknown>>; onChange: (key: string, value: unknown) => void;
}) {
  const fields = descriptor.options.filter((f): f is Plain => f.kind !== 'openai');
  if (!fields.length) return null;
  return (
    <div className="ep-group" data-testid="provider-options">
      {fields.map((f) => <SchemaField key={f.key} field={f} value={values[f.key]} onChange={(v) => onChange(f.key, v)} />)}
    </div>
  );
}

function SchemaField({ field: f, value, onChange }: { field: Plain; value: unknown; onChange: (v: unknown) => void }) {
  const t = useT();
  const testId = `opt-${f.key}`;
  switch (f.kind) {
    case 'select':
      return <SelectField label={dyn(f.label)} value={String(value)} values={f.values.map((v) => v.value)} testId={testId}
        text={(v) => t(dyn(f.values.find((x) => x.value === v)?.label ?? v))} onChange={onChange} />;
    case 'toggle':
      return <label className="ep-check"><input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />{t(dyn(f.label))}</label>;
    case 'number':
      return (
        <label className="ep-field">
          <span>{t(dyn(f.label))}</span>
          <input type="number" min={f.min} max={f.max} step={f.step} value={Number(value)} data-testid={testId}
            onChange={(e) => { const n = e.target.valueAsNumber; if (Number.isFinite(n)) onChange(n); }} />
        </label>
      );
    case 'text':
      return (
        <label className="ep-field">
          <span>{t(dyn(f.label))}</span>
          <input type="text" maxLength={f.maxLength} value={String(value)} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
        </label>
      );
  }
}
