/**
 * A provider that exists only for tests, to show that adding one is this folder plus one
 * registry line: it paints the masked pixels in the colour its `colour` option names, runs here
 * with no connection, and refuses to run with nothing painted.
 */
import type { ProviderDescriptor } from '../../../../src/core/provider/descriptor.ts';
import type { EditJob, EditOutput, EditProvider } from '../../../../src/core/provider/types.ts';
import { fillMasked } from '../../helpers.tsx';

export const COLOURS: Readonly<Record<string, readonly [number, number, number]>> = { red: [255, 0, 0], blue: [0, 0, 255] };

/** The dummy provider; every job it ran is pushed to `jobs`. */
export function dummyProvider(jobs: EditJob[] = []): ProviderDescriptor {
  return {
    id: 'dummy-fill',
    label: 'test.dummy.label',
    note: 'test.dummy.note',
    needsConnection: false,
    options: [
      { kind: 'select', key: 'colour', label: 'test.dummy.colour', values: [{ value: 'red', label: 'test.dummy.red' }, { value: 'blue', label: 'test.dummy.blue' }], default: 'red' },
      { kind: 'toggle', key: 'keepAlpha', label: 'test.dummy.keepAlpha', default: true },
    ],
    blocker: (ctx) => (ctx.maskPainted() ? null : { key: 'edit.local.paintFirst' }),
    estimate: () => ({ min: 0.01, max: 0.01 }),
    create: (): EditProvider => ({
      id: 'dummy-fill', offline: true,
      async edit(job): Promise<EditOutput> {
        jobs.push(job);
        const rgb = COLOURS[String(job.options['colour'])] ?? [0, 0, 0];
        return { images: [await fillMasked(job, rgb)], width: job.image!.width, height: job.image!.height, provider: 'dummy-fill' };
      },
    }),
  };
}
