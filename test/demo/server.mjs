// The demo host page's server: a small "CMS" on its own origin. It serves the media library
// page, the built host SDK (dist/sdk, or the folder --sdk names: the end-to-end tests serve their
// own build's, build-test/app/sdk) and a few images (with CORS, so the editor may fetch them
// by URL). Run by `npm run demo` and by the end-to-end tests; alone:
//   node test/demo/server.mjs --port 4174 --editor http://127.0.0.1:4173/ [--sdk dist/sdk]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.ts': 'text/plain; charset=utf-8', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
};
/** The media library: real photos from the test fixtures. */
export const MEDIA = ['rocket.jpg', 'chelsea.png', 'coffee.png', 'astronaut.webp', 'logo.png'];

function resolve(path, sdkDir) {
  // The page lives with its server, not under public/: it must never ship with the editor.
  if (path === '/') return join(root, 'test', 'demo', 'host', 'index.html');
  if (path === '/host.js' || path === '/host.css') return join(root, 'test', 'demo', 'host', path);
  if (path.startsWith('/sdk/')) {
    const file = normalize(join(sdkDir, path.slice('/sdk/'.length)));
    return file.startsWith(`${sdkDir}${sep}`) ? file : null;
  }
  const media = path.match(/^\/media\/([\w.-]+)$/);
  if (media && MEDIA.includes(media[1])) return join(root, 'test', 'fixtures', media[1]);
  return null;
}

/** Starts the host server; resolves with its URL once listening. */
export function startHostServer({ port = 4174, host = '127.0.0.1', editorUrl, sdk = 'dist/sdk' }) {
  const sdkDir = resolvePath(root, sdk);
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/demo.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ editorUrl, media: MEDIA }));
      return;
    }
    const file = resolve(path, sdkDir);
    try {
      if (!file) throw new Error('not found');
      const body = await readFile(file);
      // Media may be fetched by the editor (another origin) when the page passes a URL.
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(path.startsWith('/sdk/') ? 'SDK not built: run `npm run build` first\n' : 'not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startHostServer({
    port: Number(arg('port', 4174)), host: arg('host', '127.0.0.1'), editorUrl: arg('editor', 'http://127.0.0.1:4173/'), sdk: arg('sdk', 'dist/sdk'),
  });
  console.info(`Host page (demo CMS): ${url}`);
}
