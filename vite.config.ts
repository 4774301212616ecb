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
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  worker: { format: 'es' },
});
