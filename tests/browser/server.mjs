// A plain static file server for the browser tests: serves a built site (the files a web
// host would serve) on 127.0.0.1 under a path prefix, like a static host does. `/x/` is
// `x/index.html`; a folder without its slash is redirected; a missing file gets the
// "page not found" page of the language whose folder the address is in, with status 404.

import { createServer } from "node:http";
import { stat, readFile } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".atom": "application/atom+xml",
  ".csv": "text/csv; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
};

const isFile = async (p) => (await stat(p).catch(() => null))?.isFile() ?? false;
const isDir = async (p) => (await stat(p).catch(() => null))?.isDirectory() ?? false;

/** The 404 page for `rel` (a path inside the site): the deepest folder's 404.html on its way. */
async function notFoundPage(dir, rel) {
  const parts = rel.split("/").filter(Boolean);
  for (let n = parts.length - 1; n >= 0; n--) {
    const p = path.join(dir, ...parts.slice(0, n), "404.html");
    if (await isFile(p)) return p;
  }
  return null;
}

/**
 * Serves `dir` at `prefix` ("/" or "/sub/path/") on a free loopback port.
 * Resolves to { origin, base, close() } where base is origin + prefix.
 */
export async function serveStatic(dir, prefix = "/") {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    const send = async (status, file, extra = {}) => {
      const body = file ? await readFile(file) : Buffer.from(`${status}\n`);
      const type = file ? TYPES[path.extname(file)] || "application/octet-stream" : "text/plain";
      res.writeHead(status, { "content-type": type, "content-length": body.length, ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      const url = new URL(req.url, "http://localhost");
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, null);
      }
      if (!pathname.startsWith(prefix)) return send(404, null);
      const rel = pathname.slice(prefix.length);
      const file = path.join(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) return send(404, null);
      if (rel === "" || rel.endsWith("/")) {
        const index = path.join(file, "index.html");
        if (await isFile(index)) return send(200, index);
      } else if (await isFile(file)) {
        return send(200, file);
      } else if (await isDir(file)) {
        return send(301, null, { location: `${url.pathname}/${url.search}` });
      }
      return send(404, await notFoundPage(root, rel));
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + prefix,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
