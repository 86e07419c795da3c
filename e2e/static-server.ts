import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.b64': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  /** The site's address, ending with the sub-path and a slash. */
  url: string;
  /** Every path requested, in order (unless `record` was false). */
  requested: string[];
  close(): Promise<void>;
}

/**
 * The plainest static server: the files of `dir` under `prefix` (e.g. `/docs/spnego-lab/`), as
 * any web server or GitHub Pages would serve them, on 127.0.0.1 at a free port. No rewriting, no
 * fallback page: a wrong relative URL is a 404. A directory's address without its slash is
 * redirected, as static servers do. scripts/e2e.mjs serves the whole test run with it too, at the
 * root (`/`).
 */
export async function serveStatic(
  dir: string,
  prefix: string,
  { port = 0, record = true }: { port?: number; record?: boolean } = {},
): Promise<StaticSite> {
  const requested: string[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (record) requested.push(path);
      if (path === prefix.slice(0, -1)) {
        res.writeHead(301, { location: prefix }).end();
        return;
      }
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end();
        return;
      }
      const relative = normalize(path.slice(prefix.length) || 'index.html');
      if (relative.startsWith('..') || relative.includes(`${sep}..`)) {
        res.writeHead(404).end();
        return;
      }
      let file = join(dir, relative);
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      // A missing file, or an address that is not one (a bad %-escape): a 404, and the server
      // goes on (an exception escaping a request would end the whole process).
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}${prefix}`,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
