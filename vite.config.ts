import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { openaiProxy } from './src/server/openaiProxy.ts';
import { cspHeaders } from './src/server/csp.ts';

export default defineConfig({
  // openaiProxy: `npm start` forwards /openai-proxy/v1/* upstream with the server's key.
  // cspHeaders: `npm start` sends a strict Content-Security-Policy built from config.json.
  plugins: [react(), openaiProxy(), cspHeaders()],
  // No VITE_* secrets: an API key must never be baked into the bundle.
  envPrefix: 'INPAINT_PUBLIC_',
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  worker: { format: 'es' },
});
