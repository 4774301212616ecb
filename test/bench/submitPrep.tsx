import { summary } from './stats.ts';
import { ellipseCoverage, mountBenchApp, stubEdits } from './benchApp.tsx';

/**
 * Submit preparation: from Send to the moment the request goes on the wire (the page's fetch
 * of /images/edits is called, with the encoded picture and mask), for a picture just opened with
 * `share` of it painted, so nothing of an earlier send is reused. The fake server answers at once
 * with an error, which ends the edit; only the time to the request counts.
 */
export async function submitPrepBench(w: number, h: number, share = 0.1, runs = 5): Promise<Record<string, unknown>> {
  const src = await createImageBitmap(await (await fetch('/test/fixtures/coffee.png')).blob());
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d')!.drawImage(src, 0, 0, w, h);
  const cov = ellipseCoverage(w, h, share);
  let t0 = 0;
  const times: number[] = [];
  const stub = stubEdits(
    () => new Response(JSON.stringify({ error: { message: 'bench', type: 'invalid_request_error' } }), { status: 400, headers: { 'content-type': 'application/json' } }),
    () => times.push(performance.now() - t0),
  );
  const app = await mountBenchApp();
  try {
    const { edit, results } = app.services;
    for (let i = 0; i < runs; i++) {
      await app.open(canvas, cov);
      await results.settled();
      edit.form.setPrompt(`a bench ${i}`);
      t0 = performance.now();
      await edit.session.submit({ fresh: true });
    }
    if (times.length !== runs) throw new Error(`submit prep: ${times.length} requests for ${runs} sends`);
    return { image: `${w}x${h}`, maskCoverage: share, sendToWireMs: summary(times) };
  } finally {
    app.unmount();
    stub.restore();
  }
}
