// Runs a built site's search in Node the way a browser would: serves public/ over HTTP
// under the site's base path, loads Pagefind's runtime with the page's language, and
// queries it through the theme's search.js. Counts the bytes a browser would download.
// Used by tests/search.test.mjs and scripts/search-bytes.mjs.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Opens the search of `publicDir` for `lang`. `basePath` is the path part of base_url
 * ("/" or "/minh-bach/"). Returns { search(q), downloaded(), close() }.
 */
export async function openSearch(publicDir, lang, basePath = "/") {
  const fetched = [];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    if (!url.startsWith(basePath)) {
      res.statusCode = 404;
      return res.end();
    }
    try {
      const body = fs.readFileSync(path.join(publicDir, url.slice(basePath.length)));
      fetched.push([url, body.length]);
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;

  // The little of a browser Pagefind looks at: the page's language and its address.
  globalThis.window = globalThis;
  globalThis.location = new URL(`${origin}${basePath}`);
  globalThis.document = {
    querySelector: (sel) => (sel === "html" ? { getAttribute: () => lang } : null),
  };
  if (!globalThis.nativeFetch) globalThis.nativeFetch = globalThis.fetch;
  globalThis.fetch = (url, opts) => globalThis.nativeFetch(new URL(url, location.href), opts);

  const file = (p) => pathToFileURL(path.join(publicDir, p)).href;
  const ui = await import(file("search.js"));
  // A separate module instance per language, as separate pages get in a browser.
  const pagefind = await import(`${file("pagefind/pagefind.js")}?lang=${lang}`);
  await pagefind.options({ basePath: `${basePath}pagefind/` });

  // What a browser downloads besides fetch(): the two scripts and Pagefind's web worker.
  const scripts = ["search.js", "pagefind/pagefind.js", "pagefind/pagefind-worker.js"].map(
    (p) => [`${basePath}${p}`, fs.statSync(path.join(publicDir, p)).size],
  );
  return {
    search: (q) => ui.search(pagefind, q),
    downloaded: () => [...scripts, ...fetched],
    close: () => new Promise((ok) => server.close(ok)),
  };
}
