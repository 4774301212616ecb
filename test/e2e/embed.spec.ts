import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { alpha, mouseStroke } from './helpers.ts';
import { HOST, allowOrigins, editInHost, editorFrame, inEditor, knock, knockReplies, openFromLibrary, recordHostMessages } from './embedHelpers.ts';
import { connect, fake, sha256 } from './openaiHelpers.ts';

type DemoWindow = { demo: { results: { image: Blob; mask: Blob | null; width: number; height: number; prompt: string; metadata: Record<string, unknown> }[]; events: string[] } };

/** The n-th result the demo CMS received, its PNGs decoded. */
async function hostResult(page: Page, n = 0) {
  const r = await page.evaluate(async (i) => {
    const res = (window as unknown as DemoWindow).demo.results[i]!;
    const [image, mask] = await Promise.all([res.image, res.mask].map((b) => b && new Promise<string>((ok) => {
      const fr = new FileReader(); // copes with large blobs, unlike String.fromCharCode(...bytes)
      fr.addEventListener('load', () => ok((fr.result as string).split(',')[1]!));
      fr.readAsDataURL(b);
    })));
    return { image: image!, mask, width: res.width, height: res.height, prompt: res.prompt, metadata: res.metadata };
  }, n);
  return { ...r, image: PNG.sync.read(Buffer.from(r.image, 'base64')), mask: r.mask ? PNG.sync.read(Buffer.from(r.mask, 'base64')) : null };
}

test.describe('embedded in a CMS page on another origin', () => {
  test('round trip: the CMS opens a library image, the author paints and saves, the CMS gets image and mask back', async ({ page, context }) => {
    const { frame, editor } = await editInHost(page, context, 'rocket.jpg', '640×427');
    await expect(editor.getByRole('button', { name: 'Save to host' })).toBeVisible();

    await editor.getByTestId('brush-size').fill('500'); // about 32 px
    const size = await frame.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { brushSize: number } } } }).__inpaint.editor.state.brushSize);
    await mouseStroke(page, [[100, 300], [500, 300]], frame);
    await expect(page.locator('#dirty')).toBeVisible(); // the CMS heard "changed: dirty"

    await editor.getByRole('button', { name: 'Save to host' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as DemoWindow).demo.results.length)).toBe(1);
    const r = await hostResult(page);
    expect([r.width, r.height, r.image.width, r.image.height]).toEqual([640, 427, 640, 427]);
    expect(r.prompt).toBe('Retouch rocket.jpg');
    expect(r.metadata).toMatchObject({ name: 'rocket.jpg', width: 640, height: 427, source: 'original' });
    // The image is the photo itself (not blank): its pixels vary.
    const lum = new Set<number>();
    for (let i = 0; i < r.image.data.length; i += 4 * 997) lum.add(r.image.data[i]!);
    expect(lum.size).toBeGreaterThan(20);
    const mask = r.mask!;
    expect([mask.width, mask.height]).toEqual([640, 427]);
    const rad = size / 2;
    for (const x of [110, 200, 300, 400, 490]) {
      expect(alpha(mask, x, 300), `under the stroke at ${x}`).toBe(0);
      expect(alpha(mask, x, Math.round(300 + rad + 4)), `below the stroke at ${x}`).toBe(255);
    }
    expect(alpha(mask, 5, 5)).toBe(255);
    // Saved back: the library shows the new version and the dialog has closed.
    await expect(page.locator('.card[data-name="rocket.jpg"]')).toContainText('version 2');
    await expect(page.locator('#editor-dialog')).not.toBeVisible();
    const events = await page.evaluate(() => (window as unknown as DemoWindow).demo.events);
    expect(events.slice(0, 2)).toEqual(['ready', 'changed: unsaved work']);
    expect(events[2]).toMatch(/^result: 640×427, image \d+ bytes, mask \d+ bytes$/);
  });

  test('a page whose origin is not on the list gets no reply and has no effect', async ({ page, context }) => {
    await allowOrigins(context, ['https://cms.example.com']);
    await recordHostMessages(page);
    await page.goto(`${HOST}/`);
    await openFromLibrary(page, 'chelsea.png', { timeoutMs: 4000 });
    const frame = await editorFrame(page);
    // Besides what the SDK tried, knock on every door by hand.
    await knock(page);
    await expect.poll(() => inEditor(frame, (s) => s.embed.stats.ignored)).toBe(3);
    expect(await inEditor(frame, (s) => s.embed.stats.lastIgnored)).toBe('origin');
    // Anything the editor had posted back would arrive before this canary, which it posts last.
    await frame.evaluate(() => parent.postMessage('canary', '*'));
    await expect.poll(async () => (await knockReplies(page)).includes('canary')).toBe(true);
    expect(await knockReplies(page)).toEqual(['canary']);
    expect(await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received)).toEqual(['canary']);
    expect(await inEditor(frame, (s) => [s.editor.state.image, s.embed.state.connected])).toEqual([null, false]);
    // The SDK gives up and tells the CMS why.
    await expect.poll(() => page.evaluate(() => (window as unknown as DemoWindow).demo.events.join('\n'))).toContain('ended: timeout');
  });

  test('another window of an allowed origin is ignored; the real host keeps its channel', async ({ page, context }) => {
    await allowOrigins(context, [HOST]);
    await page.goto(`${HOST}/`);
    await openFromLibrary(page, 'chelsea.png', { keepOpen: true });
    const frame = await editorFrame(page);
    await expect(page.frameLocator('#editor-box iframe').getByTestId('image-info')).toContainText('451×300');
    // A sibling frame of the same (allowed) origin tries to take over.
    await page.evaluate(() => {
      const f = Object.assign(document.createElement('iframe'), { name: 'sibling', srcdoc: '<p>sibling</p>' });
      document.body.append(f);
      return new Promise((r) => f.addEventListener('load', r, { once: true }));
    });
    const sibling = page.frame({ name: 'sibling' })!;
    await knock(sibling);
    await expect.poll(() => inEditor(frame, (s) => s.embed.stats.ignored)).toBe(3);
    expect(await inEditor(frame, (s) => s.embed.stats.lastIgnored)).toBe('source');
    await frame.evaluate(() => parent.frames[1]!.postMessage('canary', '*'));
    await expect.poll(async () => (await knockReplies(sibling)).includes('canary')).toBe(true);
    expect(await knockReplies(sibling)).toEqual(['canary']);
    expect(await inEditor(frame, (s) => [s.editor.state.image?.name, s.embed.state.connected])).toEqual(['chelsea.png', true]);
    // The real host's channel still works: its own Save button runs the editor's action.
    await page.getByRole('button', { name: 'Save (from the host)' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as DemoWindow).demo.results.length)).toBe(1);
    expect((await hostResult(page)).image.width).toBe(451);
  });

  test('no message the host receives carries the API key it handed over', async ({ page, context }) => {
    const KEY = 'sk-embed-e2e-7f3a9c1d5b';
    await allowOrigins(context, [HOST]);
    await recordHostMessages(page);
    await page.goto(`${HOST}/`);
    await page.selectOption('select[name=send]', 'bytes');
    await openFromLibrary(page, 'coffee.png', { apiKey: KEY, baseURL: 'https://proxy.cms.example/v1' });
    const frame = await editorFrame(page);
    await expect(page.frameLocator('#editor-box iframe').getByTestId('image-info')).toContainText('600×400');
    expect(await inEditor(frame, (s) => s.connection.get())).toEqual({ apiKey: KEY, baseURL: 'https://proxy.cms.example/v1' });
    // A refused configure (the key with a space) must not quote it back either.
    const refused = await page.evaluate((k) => (window as unknown as { demo: { session: { configure(s: object): Promise<void> } } }).demo.session.configure({ apiKey: `${k} x` }).then(() => 'ok', (e: Error & { code: string }) => e.code), KEY);
    expect(refused).toBe('invalid-message');
    await mouseStroke(page, [[100, 100], [300, 200]], frame);
    await page.frameLocator('#editor-box iframe').getByRole('button', { name: 'Save to host' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as DemoWindow).demo.results.length)).toBe(1);

    const scan = await page.evaluate(async (key) => {
      const hits: string[] = [];
      let bytes = 0;
      let messages = 0;
      const text = (u8: Uint8Array) => { bytes += u8.length; return new TextDecoder('latin1').decode(u8); };
      const visit = async (v: unknown, path: string): Promise<void> => {
        if (typeof v === 'string') { if (v.includes(key)) hits.push(path); return; }
        if (v instanceof ArrayBuffer) { if (text(new Uint8Array(v)).includes(key)) hits.push(path); return; }
        if (ArrayBuffer.isView(v)) { if (text(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).includes(key)) hits.push(path); return; }
        if (v instanceof Blob) return visit(await v.arrayBuffer(), path);
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if (k.includes(key)) hits.push(`${path}.${k}`); await visit(x, `${path}.${k}`); }
      };
      for (const [i, m] of (window as unknown as { __received: unknown[] }).__received.entries()) { messages++; await visit(m, `#${i}`); }
      const types = (window as unknown as { __received: { type?: string }[] }).__received.map((m) => m?.type);
      return { hits, bytes, messages, types };
    }, KEY);
    expect(scan.hits).toEqual([]);
    expect(scan.types).toEqual(expect.arrayContaining(['hello', 'ready', 'ack', 'error', 'changed', 'result']));
    expect(scan.bytes).toBeGreaterThan(100_000); // the result's image and mask were scanned too
  });

  test('a host that hands over only its own base URL never receives the author\'s key; its header goes there only', async ({ page, context }) => {
    const control = fake();
    const AUTHOR = `sk-author-e2e-${Date.now().toString(36)}`;
    const nonce = `wpnonce${Date.now().toString(36)}`;
    await allowOrigins(context, [HOST]);
    await page.goto(`${HOST}/`);
    await page.selectOption('select[name=frame]', '800x600');
    // The hostile (or merely careless) host: its own server, no key, a header of its own.
    await openFromLibrary(page, 'coffee.png', { baseURL: control.gatewayURL, headers: { 'X-WP-Nonce': nonce } });
    const frame = await editorFrame(page);
    const editor = page.frameLocator('#editor-box iframe');
    await expect(editor.getByTestId('image-info')).toContainText('600×400');
    await mouseStroke(page, [[100, 100], [300, 200]], frame);
    await editor.getByRole('button', { name: 'Edit panel' }).click();
    // The author has a key of their own, for their own endpoint.
    await connect(frame, control.baseURL, AUTHOR);
    await expect(editor.getByTestId('prompt')).toHaveValue('Retouch coffee.png'); // the host's prompt, in the box
    await editor.getByTestId('submit').click();
    await expect(editor.getByTestId('results')).toBeVisible({ timeout: 15_000 });

    expect((await control.requests({ apiKey: AUTHOR })).map((r) => r.path)).toEqual([]); // the author's key went nowhere
    const all = await control.requests();
    const atHost = all.filter((r) => r.path.startsWith('/gateway/') && r.method === 'POST' && r.headers['x-wp-nonce'] === nonce);
    expect(atHost.map((r) => r.apiPath)).toEqual(['/v1/images/edits']);
    expect(atHost[0]!.auth.keySha256).not.toBe(sha256(AUTHOR));
    expect(all.filter((r) => !r.path.startsWith('/gateway/') && Object.values(r.headers).some((v) => v.includes(nonce)))).toEqual([]);
  });

  for (const [w, h] of [[800, 600], [375, 667]] as const) {
    test(`fits a ${w}×${h} frame, follows the host's theme and locale, and cancels cleanly`, async ({ page, context }) => {
      await allowOrigins(context, [HOST]);
      await page.goto(`${HOST}/`);
      await page.selectOption('select[name=frame]', `${w}x${h}`);
      await page.selectOption('select[name=theme]', 'dark');
      await page.selectOption('select[name=send]', 'url');
      await page.fill('input[name=locale]', 'zh-CN');
      await page.getByRole('button', { name: 'Edit astronaut.webp' }).click();
      const frame = await editorFrame(page);
      const editor = page.frameLocator('#editor-box iframe');
      await expect(editor.getByTestId('image-info')).toContainText('512×512');
      const layout = await frame.evaluate(() => {
        const root = document.documentElement;
        const stage = document.querySelector('[data-testid=stage]')!.getBoundingClientRect();
        const outside = [...document.querySelectorAll('.toolbar button, .toolbar input')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight;
        }).length;
        return {
          scroll: [root.scrollWidth <= innerWidth, root.scrollHeight <= innerHeight], size: [innerWidth, innerHeight],
          stage: [stage.width, stage.height], outside, lang: root.lang, theme: root.dataset.theme, bg: getComputedStyle(root).backgroundColor,
        };
      });
      expect(layout.size).toEqual([w, h]);
      expect(layout.scroll).toEqual([true, true]); // nothing to scroll: no trap for the wheel or a finger
      expect(layout.outside).toBe(0); // the toolbar wraps; every control is reachable
      expect(layout.stage[0]).toBe(w);
      expect(layout.stage[1]).toBeGreaterThan(h * 0.45); // the canvas fills what is left
      expect([layout.lang, layout.theme, layout.bg]).toEqual(['zh-CN', 'dark', 'rgb(24, 24, 27)']);
      // The host asked for zh-CN: the editor speaks it.
      await editor.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => page.evaluate(() => (window as unknown as DemoWindow).demo.events)).toContain('cancelled by the author');
      await expect(page.locator('#editor-dialog')).not.toBeVisible();
    });
  }
});
