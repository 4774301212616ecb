import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { openaiProxy } from './src/server/openaiProxy.ts';
import { precompress } from './src/server/precompress.ts';

export default defineConfig({
  // openaiProxy: `npm run dev` forwards the editor's calls upstream with the server's key (the
  // production server, src/server/main.ts, has its own proxy).
  // precompress: .br/.gz beside the build's files, which the production server sends.
  plugins: [react(), openaiProxy(), precompress()],
  // No VITE_* secrets: an API key must never be baked into the bundle.
  envPrefix: 'INPAINT_PUBLIC_',
  build: {
    target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200,
    // The first screen's modules in one chunk beside the entry: without it, the code the lazy
    // parts share with it comes apart into a dozen tiny chunks, each one more request before the
    // first paint. index.html's own module stays out, so its entry chunk and manifest entry remain.
    // So do the bench pages' own modules (test/bench/, built together by `npm run bench`): in one
    // shared chunk each page's `window.runBench = …` ran on every page, and the last one won.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'], test: (id: string) => !/(\.html|\/src\/main\.tsx|\/test\/bench\/[^/]+\.tsx?)$/.test(id) }] } },
    },
  },
  worker: { format: 'es' },
});
