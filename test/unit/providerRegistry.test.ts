// Providers are descriptors: the form chooses among the registry's entries, old drafts' provider
// names map to the new ids, a provider's schema gives its job's options, and Send's checks are
// each descriptor's own.
import { describe, expect, it } from 'vitest';
import { EditForm } from '../../src/app/edit/EditForm.ts';
import { PROVIDERS } from '../../src/providers/registry.ts';
import type { ProviderDescriptor } from '../../src/core/provider/descriptor.ts';
import { openaiBlocker } from '../../src/core/openai/request/blocker.ts';
import { DEFAULT_OPTIONS } from '../../src/core/openai/request/options.ts';

const ctx = (o: Partial<{ prompt: string; model: string; hasImage: boolean; painted: boolean }>) => ({
  prompt: o.prompt ?? 'a hat', options: { ...DEFAULT_OPTIONS, model: o.model ?? 'gpt-image-2' }, hasImage: o.hasImage ?? true, maskPainted: () => o.painted ?? true,
});

const dummy: ProviderDescriptor = {
  id: 'dummy', label: 'dummy.label', needsConnection: false,
  options: [
    { kind: 'select', key: 'style', label: 'dummy.style', values: [{ value: 'flat', label: 'dummy.flat' }, { value: 'noise', label: 'dummy.noise' }], default: 'flat' },
    { kind: 'number', key: 'strength', label: 'dummy.strength', min: 0, max: 10, default: 5 },
    { kind: 'toggle', key: 'invert', label: 'dummy.invert', default: false },
    { kind: 'text', key: 'tag', label: 'dummy.tag', maxLength: 4, default: 'x' },
  ],
  create: () => null,
};

describe('the provider registry and the form', () => {
  it('lists the local fill and the two OpenAI APIs, each with its own id', () => {
    expect(PROVIDERS.map((d) => [d.id, d.needsConnection])).toEqual([['local-fill', false], ['openai-images', true], ['openai-responses', true]]);
  });

  it('an old draft’s provider names map to the descriptor ids, and the OpenAI api follows', () => {
    for (const [old, id, api] of [['images', 'openai-images', 'images'], ['responses', 'openai-responses', 'responses']] as const) {
      const form = new EditForm(() => null);
      form.restore({ provider: old, providerAuto: true, options: { model: 'gpt-image-1.5' } });
      expect([form.state.providerId, form.state.options.api, form.state.options.model]).toEqual([id, api, 'gpt-image-1.5']);
    }
    const local = new EditForm(() => null);
    local.restore({ provider: 'local', providerAuto: false });
    expect(local.state.providerId).toBe('local-fill');
    // An app-picked local fill keeps following the connection: not restored as a choice.
    const auto = new EditForm(() => null);
    auto.restore({ provider: 'local', providerAuto: true });
    expect(auto.state.providerId).toBe('openai-images');
  });

  it('follows the connection among the registry’s entries until the user picks', () => {
    const form = new EditForm(() => null, [...PROVIDERS, dummy]);
    form.followConnection(false, (id) => id !== 'local-fill');
    expect(form.state.providerId).toBe('dummy'); // the first that runs here and is available
    form.followConnection(true, () => true);
    expect(form.state.providerId).toBe('openai-images');
    form.setProvider('openai-responses');
    form.followConnection(false, () => true);
    expect(form.state.providerId).toBe('openai-responses');
  });

  it('a schema provider’s job gets its fields’ values: defaults, then what was set, never an illegal value', () => {
    const form = new EditForm(() => null, [dummy]);
    form.setProvider('dummy');
    expect(form.jobOptions()).toEqual({ style: 'flat', strength: 5, invert: false, tag: 'x' });
    form.setProviderOption('style', 'noise');
    form.setProviderOption('strength', 11); // over max: the default stays
    form.setProviderOption('invert', true);
    form.setProviderOption('tag', 'toolong');
    expect(form.jobOptions()).toEqual({ style: 'noise', strength: 5, invert: true, tag: 'x' });
    const again = new EditForm(() => null, [dummy]);
    again.restore({ providerId: 'dummy', providerAuto: false, providerOptions: form.state.providerOptions });
    expect(again.jobOptions()).toMatchObject({ style: 'noise', invert: true });
  });

  it('each descriptor says why Send cannot go', () => {
    expect(openaiBlocker(ctx({ prompt: ' ' }))?.key).toBe('edit.prompt.empty');
    expect(openaiBlocker(ctx({ prompt: 'x'.repeat(40000) }))).toMatchObject({ key: 'edit.prompt.tooLong', params: { count: 40000 } });
    expect(openaiBlocker(ctx({ model: 'bad model!' }))?.key).toBe('edit.model.invalid');
    expect(openaiBlocker(ctx({ model: 'dall-e-2', painted: false }))?.key).toBe('openai.error.dalleAlpha');
    expect(openaiBlocker(ctx({}))).toBeNull();
    const local = PROVIDERS.find((d) => d.id === 'local-fill')!;
    expect(local.blocker!(ctx({ hasImage: false }))?.key).toBe('load.error.no-image');
    expect(local.blocker!(ctx({ painted: false }))?.key).toBe('edit.local.paintFirst');
    expect(local.blocker!(ctx({}))).toBeNull();
  });
});
