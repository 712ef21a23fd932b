// Bytes a browser downloads for a first search query, per language, on a built site:
//   node scripts/search-bytes.mjs public/ [base-path] [vi query] [en query]
// Counts search.js, the language's meta.json, the word shards the query needs and the
// chunks of pages holding the results shown. The search page itself and style.css are not
// counted. Sizes are of the files as written; a server that compresses JSON sends less.

import path from "node:path";
import { openSearch } from "../tests/support/search-harness.mjs";

const [dir = "public", base = "/", viQuery = "nông thôn mới", enQuery = "new rural"] =
  process.argv.slice(2);

for (const [lang, q] of [["vi", viQuery], ["en", enQuery]]) {
  const s = await openSearch(path.resolve(dir), lang, base);
  const { total } = await s.search(q);
  const files = s.downloaded();
  const sum = (list) => list.reduce((n, [, b]) => n + b, 0);
  const index = files.filter(([u]) => u.includes("/search-index/"));
  console.log(`${lang} "${q}": ${total} results, first query downloads ${sum(files)} bytes ` +
    `(${sum(index)} of them index data, the rest scripts)`);
  for (const [u, b] of files) console.log(`  ${String(b).padStart(8)} ${u}`);
  await s.close();
}
process.exit(0);
