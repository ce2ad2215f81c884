// Tiny dependency-free static file server for the Trunk output in dist/.
// Usage: PORT=4173 DIST=dist node e2e/serve.mjs
// Serves only on 127.0.0.1, with correct MIME types (application/wasm for
// .wasm so streaming compilation works), an SPA fallback to index.html for
// extension-less paths, and `Cache-Control: no-store` so a rebuilt dist/ is
// always picked up.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.env.DIST || path.join(here, '..', 'dist'));
const port = Number.parseInt(process.env.PORT || '4173', 10);
const host = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

function headersFor(file, size) {
  return {
    'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': String(size),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

async function statFile(file) {
  try {
    const st = await fs.stat(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

async function resolveRequest(urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  // Never leave the served directory.
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let st = await statFile(file);
  if (!st) {
    const dirIndex = path.join(file, 'index.html');
    st = await statFile(dirIndex);
    if (st) file = dirIndex;
  }
  if (!st && path.extname(file) === '') {
    // SPA fallback: unknown route without a file extension -> index.html.
    file = path.join(root, 'index.html');
    st = await statFile(file);
  }
  return st ? { file, st } : null;
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    const { pathname } = new URL(req.url || '/', `http://${host}:${port}`);
    const found = await resolveRequest(pathname);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not Found\n');
      return;
    }
    res.writeHead(200, headersFor(found.file, found.st.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  } catch (err) {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal Server Error\n');
    console.error(err);
  }
});

server.listen(port, host, () => {
  console.log(`serving ${root} at http://${host}:${port}/`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
