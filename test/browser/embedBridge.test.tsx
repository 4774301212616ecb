import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { NS, PROTOCOL_VERSION, type EditorMessage } from '../../src/core/embed/protocol.ts';
import { createActions } from '../../src/app/actions.ts';
import { DEFAULT_OPTIONS } from '../../src/core/openai/request/options.ts';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { paintedRect, picture } from './openaiHelpers.ts';
import { alphaAt, decodePng, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';

const HOST = 'https://cms.test';
const msg = (type: string, id: string, extra: Record<string, unknown> = {}) => ({ ns: NS, v: PROTOCOL_VERSION, type, id, ...extra });

/** A same-origin frame standing in for a window (the parent, or some other frame). */
function frameWindow(): { win: Window; posted: { data: unknown; target: string }[]; remove: () => void } {
  const f = document.createElement('iframe');
  document.body.appendChild(f);
  const win = f.contentWindow!;
  const posted: { data: unknown; target: string }[] = [];
  // Record what the editor posts to this window (the real postMessage would drop it: the
  // target origin is the fake host's).
  (win as unknown as { postMessage: (d: unknown, t: string) => void }).postMessage = (data, target) => { posted.push({ data, target }); };
  return { win, posted, remove: () => f.remove() };
}

/** Dispatches a window message as the browser would deliver it, from `source` at `origin`. */
const deliver = (source: Window, origin: string, data: unknown, ports: MessagePort[] = []) =>
  window.dispatchEvent(new MessageEvent('message', { data, origin, source, ports }));

/** The host's end of the private channel: every message it got, and a way to wait for one. */
function hostPort(port: MessagePort) {
  const got: EditorMessage[] = [];
  port.addEventListener('message', (e) => got.push(e.data as EditorMessage));
  port.start();
  return {
    got,
    async next(pred: (m: EditorMessage) => boolean): Promise<EditorMessage> {
      await until(() => got.some(pred), 8000);
      return got.find(pred)!;
    },
  };
}

/** A small Images API edit job. */
const job = async () => ({
  prompt: 'plain ground', image: await picture(120, 80), mask: paintedRect(120, 80, { x: 30, y: 20, w: 40, h: 25 }),
  options: { ...DEFAULT_OPTIONS, model: 'gpt-image-1.5', quality: 'low' }, signal: new AbortController().signal,
});

describe('editor bridge', () => {
  let m: Mounted;
  let parent: ReturnType<typeof frameWindow>;
  let other: ReturnType<typeof frameWindow>;

  beforeEach(async () => {
    m = await mountApp({ width: 800, height: 600 });
    parent = frameWindow();
    other = frameWindow();
    await m.services.embed.start({
      env: { self: window, parent: parent.win, parentOrigin: HOST },
      config: { embed: { allowed_origins: [HOST, 'https://also.test', 'https://cms.test/'] } },
    });
  });
  /** Connects as the allowed host over a fresh channel and waits for ready. */
  async function connectHost() {
    const ch = new MessageChannel();
    const host = hostPort(ch.port1);
    deliver(parent.win, HOST, msg('connect', 'c1'), [ch.port2]);
    await host.next((x) => x.type === 'ready');
    return { ch, host };
  }

  afterEach(() => {
    m.services.embed.dispose();
    m.unmount();
    parent.remove();
    other.remove();
    document.documentElement.removeAttribute('data-theme');
  });

  it('says a secret-free hello to the parent\'s exact origin only', () => {
    expect(parent.posted).toHaveLength(1);
    expect(parent.posted[0]!.target).toBe(HOST);
    expect(parent.posted[0]!.data).toMatchObject({ ns: NS, type: 'hello', role: 'editor' });
    expect(Object.keys(parent.posted[0]!.data as object).toSorted()).toEqual(['id', 'ns', 'role', 'type', 'v']);
  });

  it('ignores a foreign origin and another window, with no reply and no effect', async () => {
    const stats = () => m.services.embed.stats;
    const evil = new MessageChannel();
    deliver(parent.win, 'https://evil.test', msg('connect', 'x1'), [evil.port2]);
    deliver(parent.win, 'https://evil.test', msg('hello', 'x2', { role: 'host' }));
    const sibling = new MessageChannel();
    deliver(other.win, HOST, msg('connect', 'x3'), [sibling.port2]);
    deliver(other.win, HOST, msg('open', 'x4', { image: { kind: 'url', url: 'https://cms.test/a.png' } }));
    expect(stats().ignored).toBe(4);
    expect(m.services.embed.state.connected).toBe(false);
    expect(parent.posted).toHaveLength(1); // still just the hello
    expect(other.posted).toHaveLength(0);
    // Nothing came down either channel the intruders offered.
    const evilHost = hostPort(evil.port1);
    const siblingHost = hostPort(sibling.port1);
    await new Promise((r) => setTimeout(r, 50));
    expect(evilHost.got).toEqual([]);
    expect(siblingHost.got).toEqual([]);
    expect(m.services.editor.state.image).toBeNull();
    // Someone else's traffic is not even counted.
    deliver(parent.win, HOST, { type: 'webpackHot' });
    expect(stats().ignored).toBe(4);
  });

  it('answers a request sent outside the channel with an error, not an action', () => {
    deliver(parent.win, HOST, msg('open', 'w1', { image: { kind: 'url', url: 'https://cms.test/a.png' } }));
    expect(parent.posted[1]).toMatchObject({ target: HOST, data: { type: 'error', code: 'wrong-channel', re: 'w1' } });
    deliver(parent.win, HOST, msg('hello', 'w2', { role: 'host' }));
    expect(parent.posted[2]).toMatchObject({ target: HOST, data: { type: 'hello', role: 'editor' } });
  });

  it('opens, reports changes, saves back the full image and mask, and closes', async () => {
    const ch = new MessageChannel();
    const host = hostPort(ch.port1);
    deliver(parent.win, HOST, msg('connect', 'c1'), [ch.port2]);
    const ready = await host.next((x) => x.type === 'ready');
    expect(ready).toMatchObject({ re: 'c1' });
    expect((ready as { actions: string[] }).actions).toContain('embedSave');
    await until(() => m.host.querySelector('[data-action=embedSave]') !== null);

    const bytes = await (await fetch('/test/fixtures/chelsea.png')).arrayBuffer();
    ch.port1.postMessage(msg('open', 'o1', {
      image: { kind: 'bytes', bytes, name: 'cat.png' }, prompt: 'a hat', options: { quality: 'high' }, locale: 'zh-CN', theme: 'dark',
    }), [bytes]);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    await host.next((x) => x.type === 'ack' && x.re === 'o1');
    expect(m.services.editor.state.image).toMatchObject({ width: 451, height: 300 });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(getComputedStyle(document.documentElement).backgroundColor).toBe('rgb(24, 24, 27)');

    paintStroke(m, [[100, 150], [300, 150]]);
    await host.next((x) => x.type === 'changed' && x.dirty);

    ch.port1.postMessage(msg('command', 'k1', { action: 'embedSave' }));
    const result = await host.next((x) => x.type === 'result');
    if (result.type !== 'result') throw new Error('not a result');
    expect(result.prompt).toBe('a hat');
    expect(result.metadata).toMatchObject({ name: 'cat.png', width: 451, height: 300, source: 'original', options: { quality: 'high' } });
    const img = await decodePng(new Blob([result.image.bytes]));
    expect([img.width, img.height, result.image.width]).toEqual([451, 300, 451]);
    const mask = await decodePng(new Blob([result.mask!.bytes]));
    expect([mask.width, mask.height]).toEqual([451, 300]);
    expect(alphaAt(mask, 200, 150)).toBe(0);
    expect(alphaAt(mask, 200, 20)).toBe(255);
    await host.next((x) => x.type === 'changed' && !x.dirty);
    expect(host.got.filter((x) => x.type === 'changed').map((x) => (x as { dirty: boolean }).dirty)).toEqual([true, false]);

    ch.port1.postMessage(msg('close', 'z1'));
    await host.next((x) => x.type === 'ack' && x.re === 'z1');
    expect(m.services.embed.state.connected).toBe(false);
    await until(() => m.host.querySelector('[data-action=embedSave]') === null);
  });

  it('keeps a host key in memory, never echoes it, and forgets it on close', async () => {
    const key = 'sk-embed-TEST-0123456789';
    const { ch, host } = await connectHost();
    ch.port1.postMessage(msg('configure', 'g1', { apiKey: key, baseURL: 'https://proxy.cms.test/v1', theme: 'light' }));
    await host.next((x) => x.re === 'g1');
    expect(m.services.connection.get()).toEqual({ apiKey: key, baseURL: 'https://proxy.cms.test/v1' });
    expect(getComputedStyle(document.documentElement).backgroundColor).toBe('rgb(244, 244, 245)');
    ch.port1.postMessage(msg('configure', 'g2', { apiKey: `${key} ` }));
    const err = await host.next((x) => x.re === 'g2');
    expect(err).toMatchObject({ type: 'error', code: 'invalid-message' });
    ch.port1.postMessage(msg('open', 'g3', { image: { kind: 'url', url: 'not a url' } }));
    expect(await host.next((x) => x.re === 'g3')).toMatchObject({ type: 'error', code: 'invalid-message' });
    ch.port1.postMessage(msg('command', 'g4', { action: 'nope' }));
    expect(await host.next((x) => x.re === 'g4')).toMatchObject({ type: 'error', code: 'unknown-action' });
    expect(JSON.stringify(host.got)).not.toContain('TEST-0123');
    ch.port1.postMessage(msg('close', 'z1'));
    await host.next((x) => x.re === 'z1');
    expect(m.services.connection.get()).toEqual({ apiKey: undefined, baseURL: undefined });
  });

  it('sends the host’s headers only to the host’s base URL, and never the author’s key there', async () => {
    const control = fakeControl(inject('fakeOpenAI'));
    const authorKey = 'sk-author-embed-headers-test';
    const nonce = `wpnonce${Math.random().toString(36).slice(2, 10)}`;
    m.services.edit.connection.save({ baseURL: control.baseURL, apiKey: authorKey, remember: false });
    const { ch, host } = await connectHost();
    const images = m.services.edit.providers['openai-images']!;
    const withNonce = async () => (await control.requests()).filter((r) => Object.values(r.headers).some((v) => v.includes(nonce)));

    // Headers with no base URL of the host's: the author's endpoint gets the author's key, no header.
    ch.port1.postMessage(msg('configure', 'h1', { headers: { 'X-WP-Nonce': nonce } }));
    await host.next((x) => x.re === 'h1');
    await images.edit(await job());
    expect(await control.requests({ path: '/v1/images/edits', apiKey: authorKey })).toHaveLength(1);
    expect(await withNonce()).toEqual([]);

    // The host's own proxy: its header on every request there (preflight included), and not the author's key.
    ch.port1.postMessage(msg('configure', 'h2', { baseURL: control.gatewayURL }));
    await host.next((x) => x.re === 'h2');
    const prepared = await images.prepare!(await job());
    expect(JSON.stringify(prepared.key)).not.toContain(nonce); // not part of the cache key
    await prepared.send();
    const sent = (await withNonce()).filter((r) => r.method === 'POST');
    expect(sent.map((r) => [r.path, r.headers['x-wp-nonce']])).toEqual([[new URL(`${control.gatewayURL}/images/edits`).pathname, nonce]]);
    expect(sent[0]!.auth.keySha256).not.toBe((await control.requests({ path: '/v1/images/edits', apiKey: authorKey }))[0]!.auth.keySha256);
    expect(await control.requests({ path: '/v1/images/edits', apiKey: authorKey })).toHaveLength(1); // still only the first

    expect(JSON.stringify(host.got)).not.toContain(nonce);
    expect(JSON.stringify({ ...localStorage })).not.toContain(nonce);
    ch.port1.postMessage(msg('close', 'h3'));
    await host.next((x) => x.re === 'h3');
    expect(m.services.connection.get().headers).toBeUndefined();
  });

  it('puts the host’s prompt in the prompt box', async () => {
    m.services.edit.ui.set({ panelOpen: true });
    const { ch, host } = await connectHost();
    const bytes = await (await fetch('/test/fixtures/chelsea.png')).arrayBuffer();
    ch.port1.postMessage(msg('open', 'p1', { image: { kind: 'bytes', bytes }, prompt: 'remove the lamp post' }), [bytes]);
    await host.next((x) => x.re === 'p1');
    expect(m.services.edit.form.state.prompt).toBe('remove the lamp post');
    await until(() => m.host.querySelector<HTMLTextAreaElement>('[data-testid=prompt]')?.value === 'remove the lamp post');
  });

  it('runs only save, cancel and view commands for the host; every other action is refused and changes nothing', async () => {
    const control = fakeControl(inject('fakeOpenAI'));
    const authorKey = 'sk-author-embed-commands-test';
    m.services.edit.connection.save({ baseURL: control.baseURL, apiKey: authorKey, remember: false });
    m.services.edit.ui.set({ panelOpen: true });
    const clicks = { input: 0, anchor: 0 };
    const inputClick = HTMLInputElement.prototype.click;
    const anchorClick = HTMLAnchorElement.prototype.click;
    HTMLInputElement.prototype.click = function () { clicks.input++; };
    HTMLAnchorElement.prototype.click = function () { clicks.anchor++; };
    try {
      const ch = new MessageChannel();
      const host = hostPort(ch.port1);
      deliver(parent.win, HOST, msg('connect', 'c1'), [ch.port2]);
      const ready = await host.next((x) => x.type === 'ready');
      const allowed = ['embedSave', 'embedCancel', 'zoomIn', 'zoomOut', 'fit', 'zoomActual'];
      expect((ready as { actions: string[] }).actions.toSorted()).toEqual(allowed.toSorted());
      const bytes = await (await fetch('/test/fixtures/chelsea.png')).arrayBuffer();
      ch.port1.postMessage(msg('open', 'o1', { image: { kind: 'bytes', bytes }, prompt: 'a hat' }), [bytes]);
      await host.next((x) => x.re === 'o1');
      paintStroke(m, [[100, 150], [300, 150]]);
      await host.next((x) => x.type === 'changed' && x.dirty);

      const snapshot = () => JSON.stringify({
        editor: m.services.editor.state, mask: [...(m.services.editor.doc?.coverage() ?? [])].reduce((a, v, i) => (a + v * (i % 251)) % 1e9, 0),
        form: m.services.edit.form.state, ui: m.services.edit.ui.get(), session: m.services.edit.session.state,
        results: { ...m.services.results.results.state, round: m.services.results.results.state.round?.id ?? null },
        history: m.services.results.history.state.open, embed: m.services.embed.state, dom: document.body.innerHTML,
      });
      const before = snapshot();
      const others = createActions().all().map((a) => a.id).filter((id) => !allowed.includes(id));
      expect(others).toEqual(expect.arrayContaining(['submitEdit', 'generateAgain', 'downloadImage', 'downloadMask', 'downloadResult', 'clear', 'open', 'settings']));
      for (const [i, id] of others.entries()) {
        ch.port1.postMessage(msg('command', `x${i}`, { action: id }));
        expect(await host.next((x) => x.re === `x${i}`), id).toMatchObject({ type: 'error', code: 'not-allowed' });
      }
      await new Promise((r) => setTimeout(r, 300)); // anything started would have shown by now
      expect(snapshot()).toBe(before);
      expect(clicks).toEqual({ input: 0, anchor: 0 });
      expect(await control.requests({ apiKey: authorKey })).toEqual([]);
      expect(host.got.filter((x) => x.type === 'result')).toEqual([]);
      // What the host may run still runs.
      ch.port1.postMessage(msg('command', 'f1', { action: 'zoomIn' }));
      expect(await host.next((x) => x.re === 'f1')).toMatchObject({ type: 'ack' });
    } finally {
      HTMLInputElement.prototype.click = inputClick;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
  });

  it('asks before cancelling unsaved work, then tells the host', async () => {
    const { ch, host } = await connectHost();
    const blob = await (await fetch('/test/fixtures/coffee.png')).blob();
    ch.port1.postMessage(msg('open', 'o1', { image: { kind: 'blob', blob } }));
    await host.next((x) => x.re === 'o1');
    paintStroke(m, [[100, 100], [200, 100]]);
    await host.next((x) => x.type === 'changed');
    (m.host.querySelector('[data-action=embedCancel]') as HTMLButtonElement).click();
    await until(() => m.host.textContent!.includes('Close without sending'));
    expect(host.got.some((x) => x.type === 'cancelled')).toBe(false);
    const discard = [...m.host.querySelectorAll('button')].find((b) => b.textContent === 'Discard changes')!;
    discard.click();
    await host.next((x) => x.type === 'cancelled');
  });

  it('reports an image that does not open, and keeps the current one', async () => {
    const { ch, host } = await connectHost();
    const bytes = await (await fetch('/test/fixtures/truncated.jpg')).arrayBuffer();
    ch.port1.postMessage(msg('open', 'o1', { image: { kind: 'bytes', bytes } }), [bytes]);
    expect(await host.next((x) => x.re === 'o1')).toMatchObject({ type: 'error', code: 'load-failed' });
    await until(() => m.host.querySelector('[role=alert]') !== null);
  });
});
