import { expect, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { e2ePorts } from '../ports.ts';

// The ports playwright.config.ts chose for the run (workers inherit them in the environment).
const ports = e2ePorts();
export const EDITOR = `http://127.0.0.1:${ports.editor}`;
export const HOST = `http://127.0.0.1:${ports.host}`;

/** The editor's runtime config as a deployment would set it: these origins may embed it. */
export async function allowOrigins(context: BrowserContext, origins: string[]): Promise<void> {
  await context.route(`${EDITOR}/config.json`, async (route) => {
    const res = await route.fetch();
    const config = await res.json();
    await route.fulfill({ response: res, json: { ...config, embed: { allowed_origins: origins } } });
  });
}

/**
 * Records every message the host page receives, on its window and on every MessagePort, before
 * its own code sees it (installed before any script of the page runs).
 */
export async function recordHostMessages(page: Page): Promise<void> {
  await page.addInitScript((host) => {
    if (location.origin !== host) return; // not in the editor's frame
    const seen: unknown[] = [];
    (window as unknown as { __received: unknown[] }).__received = seen;
    const record = (e: Event) => { seen.push((e as MessageEvent).data); };
    window.addEventListener('message', record, true);
    const add = MessagePort.prototype.addEventListener;
    const recorded = new WeakSet<MessagePort>();
    const watch = (port: MessagePort) => { if (!recorded.has(port)) { recorded.add(port); add.call(port, 'message', record); } };
    MessagePort.prototype.addEventListener = function (this: MessagePort, ...args: Parameters<MessagePort['addEventListener']>) {
      if (args[0] === 'message') watch(this);
      return add.apply(this, args);
    };
    const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
    Object.defineProperty(MessagePort.prototype, 'onmessage', {
      ...onmessage,
      set(this: MessagePort, fn: ((e: MessageEvent) => void) | null) { watch(this); onmessage.set!.call(this, fn); },
    });
  }, HOST);
}

/** The editor's frame inside the host page, once its app listens for a host. */
export async function editorFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(EDITOR))).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(EDITOR))!;
  await frame.waitForFunction(() => (window as unknown as { __inpaint?: EditorServices }).__inpaint?.embed.state.listening);
  return frame;
}

/** Reads a value from the editor's services (`window.__inpaint`) in its frame. */
export function inEditor<T>(frame: Frame, fn: (s: EditorServices) => T): Promise<T> {
  return frame.evaluate(`(${fn.toString()})(window.__inpaint)`) as Promise<T>;
}

/** The parts of the editor's services these tests read. */
export interface EditorServices {
  editor: { state: { image: { name: string; width: number; height: number } | null } };
  embed: { state: { listening: boolean; connected: boolean; dirty: boolean }; stats: { ignored: number; lastIgnored: string } };
  connection: { get(): { apiKey?: string; baseURL?: string } };
}

/**
 * Knocks on every door of the editor frame straight from `where` (the host page or another
 * frame): a hello, a connect with a MessagePort, an open through the window. Whatever comes
 * back, on the window or the port, is kept in `window.__got` there.
 */
export async function knock(where: Page | Frame): Promise<void> {
  await where.evaluate((editorOrigin) => {
    const got: unknown[] = [];
    (window as unknown as { __got: unknown[] }).__got = got;
    addEventListener('message', (e) => got.push(e.data));
    const top = window.parent === window ? document : parent.document;
    const editor = top.querySelector<HTMLIFrameElement>('#editor-box iframe')!.contentWindow!;
    const ns = 'inpaint-editor';
    const ch = new MessageChannel();
    ch.port1.addEventListener('message', (e) => got.push(e.data));
    ch.port1.start();
    editor.postMessage({ ns, v: 1, type: 'hello', id: 'k1', role: 'host' }, editorOrigin);
    editor.postMessage({ ns, v: 1, type: 'connect', id: 'k2' }, editorOrigin, [ch.port2]);
    editor.postMessage({ ns, v: 1, type: 'open', id: 'k3', image: { kind: 'url', url: `${location.origin}/media/logo.png` } }, editorOrigin);
  }, EDITOR);
}

/** What `knock` got back, in the page or frame it knocked from. */
export const knockReplies = (where: Page | Frame): Promise<unknown[]> =>
  where.evaluate(() => (window as unknown as { __got: unknown[] }).__got);

/** Opens a library image in the demo CMS (returns once the session exists). */
export async function openFromLibrary(page: Page, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await page.waitForFunction(() => 'demo' in window); // host.js awaits its settings first
  await page.evaluate(async ([n, x]) => {
    await (window as unknown as { demo: { open: (n: string, x: object) => Promise<unknown> } }).demo.open(n, x);
  }, [name, extra] as const);
}

/**
 * The demo CMS on its own origin (allowed to embed the editor) with the editor opened on a
 * library image: the editor's frame and a locator into it, once the picture shows at `size`.
 */
export async function editInHost(page: Page, context: BrowserContext, name: string, size: string) {
  await allowOrigins(context, [HOST]);
  await page.goto(`${HOST}/`);
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const frame = await editorFrame(page);
  const editor = page.frameLocator('#editor-box iframe');
  await expect(editor.getByTestId('image-info')).toContainText(size);
  return { frame, editor };
}
