// Runs a built site's search in Node the way a browser would: serves public/ over HTTP
// under the site's base path and queries the language's index through the theme's
// search.js. Counts the bytes a browser would download.
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

  // The folder the search page names in its data-index (see render/search.rs).
  const folder = `${basePath}search-index/${lang}/`;
  const ui = await import(pathToFileURL(path.join(publicDir, "search.js")).href);
  const index = ui.openIndex(new URL(folder, `${origin}${basePath}`));

  // What a browser downloads besides fetch(): the script.
  const scripts = [[`${basePath}search.js`, fs.statSync(path.join(publicDir, "search.js")).size]];
  return {
    search: (q) => ui.search(index, q),
    downloaded: () => [...scripts, ...fetched],
    close: () => new Promise((ok) => server.close(ok)),
  };
}
