import type { ActionRegistry } from '../../core/actions/registry.ts';
import type { ActionContext } from '../../app/actions.ts';
import type { EditServices } from '../../app/edit/editServices.ts';
import type { Notifier } from '../../app/notifier.ts';
import { capsFor } from '../../core/openai/models/lookup.ts';
import { visibleOptions } from '../../core/openai/request/options.ts';
import { openaiApiOf } from '../../core/provider/descriptor.ts';
import type { EditorState } from '../../editor/types.ts';
import { useStore } from '../useStore.ts';
import { useT } from '../i18n/index.ts';
import { ProviderField } from './ProviderField.tsx';
import { ModelField } from './ModelField.tsx';
import { SizeField } from './SizeField.tsx';
import { OptionFields } from './OptionFields.tsx';
import { SchemaFields } from './SchemaFields.tsx';
import { ReferenceField } from './ReferenceField.tsx';
import { CostView } from './CostView.tsx';
import { EditNotes } from './EditNotes.tsx';
import { ProgressView, RunSummary } from './RunView.tsx';

interface Props {
  services: EditServices;
  notifier: Notifier;
  editor: EditorState;
  actions: ActionRegistry<ActionContext>;
  ctx: ActionContext;
  open: boolean;
}

/** The edit panel beside the canvas: what to send, where, at what cost, and what came back. */
export function EditPanel({ services, notifier, editor, actions, ctx, open }: Props) {
  const t = useT();
  const { form, session, connection } = services;
  const state = useStore(form.store);
  const run = useStore(session.store);
  const conn = useStore(connection.store);
  const image = editor.image;
  const descriptor = form.descriptor(state.providerId);
  const api = descriptor ? openaiApiOf(descriptor) : null;
  // OpenAI's fields follow the model catalogue (their own components); any other provider's are drawn from its schema.
  const openai = api !== null;
  const caps = capsFor(state.options.model);
  const show = visibleOptions(caps, state.options, image !== null);
  const masked = session.maskPainted();
  const running = run.status === 'running';
  if (!open) return null;
  const submitKeys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); actions.run('submitEdit', ctx); }
  };
  return (
    <aside className="edit-panel" aria-label={t('edit.panel')} data-testid="edit-panel">
      <div className="ep-head">
        <h2>{t('edit.panel')}</h2>
        <button type="button" onClick={() => actions.run('settings', ctx)} data-testid="open-settings">{t('action.settings')}</button>
      </div>
      <ProviderField
        form={state} descriptors={services.descriptors} available={(id) => services.providers[id] != null}
        connected={connection.current() !== null || conn.proxyAvailable} onChange={(id) => form.setProvider(id)}
      />
      {show.prompt || !openai ? (
        <label className="ep-field ep-field--block">
          <span>{t('edit.prompt')}</span>
          <textarea
            rows={4} value={state.prompt} maxLength={caps.promptMax + 1000} data-testid="prompt" onKeyDown={submitKeys}
            placeholder={t(image ? 'edit.prompt.placeholder' : 'edit.prompt.placeholderGenerate')}
            onChange={(e) => form.setPrompt(e.target.value)}
          />
          {openai ? <small className={state.prompt.length > caps.promptMax ? 'ep-over' : undefined}>{t('edit.prompt.count', { count: state.prompt.length, max: caps.promptMax })}</small> : null}
        </label>
      ) : null}
      {openai ? (
        <>
          <ModelField form={form} state={state} />
          {show.variation ? (
            <label className="ep-check"><input type="checkbox" checked={state.options.variation} onChange={(e) => form.set('variation', e.target.checked)} data-testid="variation" />{t('edit.variation')}</label>
          ) : null}
          {api === 'responses' && run.lastResponseId ? (
            <label className="ep-check" title={t('edit.followUp.help')}>
              <input type="checkbox" checked={state.followUp} onChange={(e) => form.setFollowUp(e.target.checked)} data-testid="follow-up" />{t('edit.followUp')}
            </label>
          ) : null}
          <SizeField form={form} state={state} image={image} />
          <OptionFields form={form} state={state} hasImage={image !== null} />
          {show.references ? <ReferenceField form={form} state={state} notifier={notifier} /> : null}
          <EditNotes state={state} image={image} masked={masked} />
          <CostView state={state} images={image ? 1 + (show.references ? state.references.length : 0) : 0} />
        </>
      ) : descriptor ? <ProviderExtras services={services} hasImage={image !== null} /> : null}
      {/* Send, Stop and the progress stay in sight at the panel's foot however far it scrolls. */}
      <div className="ep-footer">
        <div className="ep-actions">
          <button type="button" className="primary" disabled={running} onClick={() => actions.run('submitEdit', ctx)} data-testid="submit" aria-keyshortcuts="Control+Enter Meta+Enter">
            {t('action.submitEdit')}
          </button>
          <button type="button" disabled={!running} onClick={() => actions.run('cancelEdit', ctx)} data-testid="cancel">{t('action.cancelEdit')}</button>
        </div>
        <ProgressView run={run} partialsExpected={openai && show.partialImages ? state.options.partialImages : 0} />
      </div>
      <RunSummary run={run} model={state.options.model} onGenerateAgain={() => actions.run('generateAgain', ctx)} />
    </aside>
  );
}

/** A provider's schema fields and, when it can tell, its price before sending. */
function ProviderExtras({ services, hasImage }: { services: EditServices; hasImage: boolean }) {
  const t = useT();
  const { form, session } = services;
  useStore(form.store);
  const descriptor = form.descriptor()!;
  const values = form.jobOptions();
  const cost = descriptor.estimate?.({ prompt: form.state.prompt, options: values, hasImage, maskPainted: () => session.maskPainted() }) ?? null;
  return (
    <>
      <SchemaFields descriptor={descriptor} values={values} onChange={(k, v) => form.setProviderOption(k, v)} />
      {cost ? (
        <p className="ep-help" data-testid="provider-cost">
          {t('edit.cost.dollars', { dollars: cost.min === cost.max ? t.format.money(cost.min) : t('edit.cost.range', { min: t.format.money(cost.min), max: t.format.money(cost.max) }) })}
        </p>
      ) : null}
    </>
  );
}
