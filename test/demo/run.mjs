// `npm run demo`: builds the editor and the host SDK, then serves the editor on one origin and
// a demo CMS page on another, and prints both URLs. Ports: DEMO_EDITOR_PORT (4173) and
// DEMO_HOST_PORT (4174); `--no-build` reuses dist/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { preview } from 'vite';
import { startHostServer } from './server.mjs';

const editorPort = Number(process.env.DEMO_EDITOR_PORT ?? 4173);
const hostPort = Number(process.env.DEMO_HOST_PORT ?? 4174);
const hostOrigins = [`http://127.0.0.1:${hostPort}`, `http://localhost:${hostPort}`];

if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

// What a deployment does: list the CMS in embed.allowed_origins (config.json, read at run time)
// and allow it as a frame ancestor. Here the built config.json is served with the demo's origins,
// and the header below (frame-ancestors only) stands in for the strict one `npm start` builds
// from config.json on disk, which does not list the demo's origins.
process.env.INPAINT_CSP = 'off';
const editor = await preview({
  preview: {
    port: editorPort, strictPort: true, host: '127.0.0.1',
    headers: { 'Content-Security-Policy': `frame-ancestors 'self' ${hostOrigins.join(' ')}` },
  },
  plugins: [{
    name: 'demo-config',
    configurePreviewServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        const config = JSON.parse(readFileSync('dist/config.json', 'utf8'));
        config.embed = { ...config.embed, allowed_origins: [...(config.embed?.allowed_origins ?? []), ...hostOrigins] };
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(config, null, 2));
      });
    },
  }],
});
const editorUrl = `http://127.0.0.1:${editorPort}/`;
const host = await startHostServer({ port: hostPort, host: '127.0.0.1', editorUrl });

console.info(`
  Editor:     ${editorUrl}  (embeddable by ${hostOrigins.join(', ')})
  Host page:  ${host.url}  <- open this: a media library that edits its images in the editor

  Ctrl+C stops both.`);
process.on('SIGINT', () => { host.server.close(); void editor.close(); process.exit(0); });
