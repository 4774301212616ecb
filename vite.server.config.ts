import { defineConfig } from 'vite';

// The production server (src/server/main.ts) as one ES module for Node 20, which cannot run
// TypeScript itself. Dependencies stay in node_modules (SSR builds leave them external).
export default defineConfig({
  build: {
    ssr: 'src/server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'server.js' } },
  },
  publicDir: false,
  logLevel: 'warn',
});
