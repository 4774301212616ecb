import { afterEach, describe, expect, it } from 'vitest';
import { openEditor, type EditorError } from '../../src/embed/index.ts';
import { NS, PROTOCOL_VERSION, type HostMessage } from '../../src/core/embed/protocol.ts';
import { until } from './helpers.tsx';

// A same-origin page stands in for the editor, so the test can play the editor's side.
const EDITOR_URL = '/test/fixtures/foo3x5x4indexed.png';
const msg = (type: string, id: string, extra: Record<string, unknown> = {}) => ({ ns: NS, v: PROTOCOL_VERSION, type, id, ...extra });
const deliver = (source: Window, origin: string, data: unknown) =>
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));

const cleanups: (() => void)[] = [];
afterEach(() => { for (const c of cleanups.splice(0)) c(); });

/** Opens a session and plays the editor: captures what the SDK posts to the frame. */
async function start(extra: Partial<Parameters<typeof openEditor>[0]> = {}) {
  const container = document.createElement('div');
  container.style.cssText = 'width:400px;height:300px';
  document.body.appendChild(container);
  const other = document.createElement('iframe');
  document.body.appendChild(other);
  cleanups.push(() => { container.remove(); other.remove(); });
  const session = openEditor({ container, editorUrl: EDITOR_URL, image: new Uint8Array([1, 2, 3]).buffer, timeoutMs: 5000, ...extra });
  const frame = session.iframe;
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  const posted: { data: HostMessage; target: string; ports: MessagePort[] }[] = [];
  (frame.contentWindow as unknown as { postMessage: (d: HostMessage, t: string, p?: MessagePort[]) => void }).postMessage =
    (data, target, ports = []) => { posted.push({ data, target, ports }); };
  return { session, frame, posted, other: other.contentWindow! };
}

/** Connects as the editor would and returns the editor's end of the channel. */
async function connect(s: Awaited<ReturnType<typeof start>>) {
  deliver(s.frame.contentWindow!, location.origin, msg('hello', 'e1', { role: 'editor' }));
  expect(s.posted).toHaveLength(1);
  const { data, target, ports } = s.posted[0]!;
  expect([data.type, target, ports.length]).toEqual(['connect', location.origin, 1]);
  const port = ports[0]!;
  const got: HostMessage[] = [];
  port.addEventListener('message', (e) => got.push(e.data as HostMessage));
  port.start();
  // A port takes no target origin; the empty transfer list keeps the linter from asking for one.
  const send = (m: unknown) => port.postMessage(m, []);
  send(msg('ready', 'e2', { re: data.id, actions: ['embedSave'] }));
  return { port, got, send, next: async (type: string) => { await until(() => got.some((g) => g.type === type)); return got.find((g) => g.type === type)!; } };
}

describe('host SDK', () => {
  it('listens only to its own frame at the editor origin, then talks over a private channel', async () => {
    const image = new Uint8Array([9, 8, 7, 6]).buffer;
    const s = await start({ image, prompt: 'make it blue', locale: 'fr-CA', theme: 'dark', apiKey: 'sk-short', baseURL: 'https://proxy.cms.test/v1', headers: { 'X-WP-Nonce': 'n0nce' } });
    expect(new URL(s.frame.src).searchParams.get('locale')).toBe('fr-CA');
    expect(new URL(s.frame.src).searchParams.get('theme')).toBe('dark');
    expect(s.frame.title).toBe('Image editor');

    deliver(s.frame.contentWindow!, 'https://evil.test', msg('hello', 'x1', { role: 'editor' }));
    deliver(s.other, location.origin, msg('hello', 'x2', { role: 'editor' }));
    expect(s.posted).toHaveLength(0);

    const ed = await connect(s);
    await s.session.ready;
    const configure = await ed.next('configure');
    expect(configure).toMatchObject({ apiKey: 'sk-short', baseURL: 'https://proxy.cms.test/v1', headers: { 'X-WP-Nonce': 'n0nce' } });
    const open = await ed.next('open');
    if (open.type !== 'open' || open.image.kind !== 'bytes') throw new Error('expected bytes');
    expect([...new Uint8Array(open.image.bytes)]).toEqual([9, 8, 7, 6]);
    expect(image.byteLength).toBe(0); // transferred
    expect(open).toMatchObject({ prompt: 'make it blue', locale: 'fr-CA', theme: 'dark' });
    // The key goes only in configure, never in open.
    expect('apiKey' in open).toBe(false);
    expect(JSON.stringify(open)).not.toContain('n0nce');
    ed.send(msg('ack', 'e3', { re: configure.id }));
    ed.send(msg('ack', 'e4', { re: open.id }));

    const changes: boolean[] = [];
    s.session.on('changed', ({ dirty }) => changes.push(dirty));
    ed.send(msg('changed', 'e5', { dirty: true }));
    const png = new Uint8Array([137, 80, 78, 71]);
    ed.send(msg('result', 'e6', {
      image: { bytes: png.buffer.slice(0), type: 'image/png', width: 4, height: 3 },
      mask: { bytes: png.buffer.slice(0), type: 'image/png', width: 4, height: 3 },
      prompt: 'make it blue', metadata: { name: 'x.png', width: 4, height: 3, source: 'original' },
    }));
    const result = await s.session.result;
    expect(changes).toEqual([true]);
    expect(result.image.type).toBe('image/png');
    expect([...new Uint8Array(await result.image.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    expect(result.mask!.size).toBe(4);
    expect([result.width, result.height, result.metadata.name]).toEqual([4, 3, 'x.png']);
    // Closed by default after a result: the frame it made is gone and the editor is told.
    expect(s.frame.isConnected).toBe(false);
    await ed.next('close');
  });

  it('rejects with "cancelled" when the author cancels', async () => {
    const s = await start({ keepOpen: true });
    const ed = await connect(s);
    ed.send(msg('cancelled', 'e3'));
    const err = await s.session.result.then(() => null, (e: EditorError) => e);
    expect(err?.code).toBe('cancelled');
    expect(s.frame.isConnected).toBe(true); // keepOpen
    s.session.close();
    expect(s.frame.isConnected).toBe(false);
  });

  it('rejects with the editor\'s error when the image does not open', async () => {
    const s = await start();
    const ed = await connect(s);
    const open = await ed.next('open');
    ed.send(msg('error', 'e3', { re: open.id, code: 'load-failed', message: 'the image could not be opened: corrupt' }));
    const err = await s.session.result.then(() => null, (e: EditorError) => e);
    expect([err?.name, err?.code]).toEqual(['EditorError', 'load-failed']);
  });

  it('gives up with "timeout" when the editor never says hello (origin not allowed)', async () => {
    const s = await start({ timeoutMs: 200 });
    const err = await s.session.result.then(() => null, (e: EditorError) => e);
    expect(err?.code).toBe('timeout');
    expect(err?.message).toContain('allowed_origins');
  });
});
