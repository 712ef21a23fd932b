// minhbach search page: reads ?q= from the address, queries this language's index (the
// folder in the page's data-index, built by src/render/search.rs and fetched relative to
// the page, so sub-paths and plain HTTP work) and lists the results. Without JavaScript,
// or if the index cannot load, the page keeps its links to browse by section.
//
// Words are folded as minhbach::i18n::fold does (lowercase, no marks, đ → d), so
// "nong thon moi", "NÔNG THÔN MỚI" and "nông thôn mới" find the same pages and "duong"
// finds "đường". A result holds every word of the query; the last word also matches the
// longer words it starts ("ngân sá" finds "ngân sách"). Pages with the words in their
// title come first, then pages where the words are frequent and rare elsewhere.

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
const VALUE = Object.fromEntries([...DIGITS].map((c, i) => [c, i]));
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lowercase, no diacritics, đ → d: as `minhbach::i18n::fold`. */
export function fold(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d");
}

/** Postings (see search.rs): page number → [words in its title if in it, else 0, how often]. */
function decode(s) {
  const pages = new Map();
  let n = 0;
  let page = 0;
  let title = false; // the next number is the length of the title
  for (const c of s) {
    const d = VALUE[c];
    n = n * 32 + (d % 32);
    if (d >= 32) continue;
    if (title) pages.get(page)[0] = n;
    else {
      page += Math.floor(n / 8);
      pages.set(page, [0, n & 3]);
    }
    title = !title && (n & 4) > 0;
    n = 0;
  }
  return pages;
}

/** The index of one language; `base` is the address of its folder (…/search-index/vi/). */
export function openIndex(base) {
  const files = new Map();
  const get = (path, init) => {
    if (!files.has(path)) {
      const file = fetch(new URL(path, base), init).then((r) => {
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        return r.json();
      });
      file.catch(() => files.delete(path)); // try again next time
      files.set(path, file);
    }
    return files.get(path);
  };
  // The version keeps a cached shard from being read with another build's page numbers.
  const meta = () => get("meta.json", { cache: "no-cache" });
  return { meta, file: async (path) => get(`${path}?v=${(await meta()).v}`) };
}

/** Length in characters, as Rust counts them. */
const chars = (s) => [...s].length;

/** Shards that may hold `word`, or with `prefix` the words it starts. */
function shardsFor(keys, word, prefix) {
  const out = [];
  let own = -1;
  keys.forEach((k, i) => {
    // One-letter keys hold one-letter words only.
    if (word.startsWith(k) && (chars(k) > 1 || chars(word) === 1)) {
      if (own < 0 || k.length > keys[own].length) own = i;
    } else if (prefix && k.startsWith(word)) out.push(i);
  });
  if (own >= 0) out.push(own);
  return out;
}

/** The pages of one query word: page → [words in its title if in it, how often, exact]. */
async function pagesOf(index, keys, word, prefix) {
  const shards = await Promise.all(
    shardsFor(keys, word, prefix).map((i) => index.file(`w/${i}.json`)),
  );
  const pages = new Map();
  for (const shard of shards) {
    for (const [w, postings] of Object.entries(shard)) {
      if (w !== word && !(prefix && w.startsWith(word))) continue;
      for (const [page, [title, often]] of decode(postings)) {
        const had = pages.get(page) || [0, 0, 0];
        pages.set(page, [had[0] || title, Math.max(had[1], often), had[2] | (w === word)]);
      }
    }
  }
  return pages;
}

const escape = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** About 30 words of `text` from shortly before the first match, matches in <mark>. */
export function excerpt(text, matches, words = 30) {
  const tokens = [...text.matchAll(WORD)];
  if (!tokens.length) return escape(text);
  const first = tokens.findIndex((t) => matches(fold(t[0])));
  const from = Math.max(0, first - 8);
  const to = Math.min(tokens.length, from + words);
  let html = from > 0 ? "… " : "";
  let at = tokens[from].index;
  for (const t of tokens.slice(from, to)) {
    const w = escape(t[0]);
    html += escape(text.slice(at, t.index)) + (matches(fold(t[0])) ? `<mark>${w}</mark>` : w);
    at = t.index + t[0].length;
  }
  return html + (to < tokens.length ? " …" : escape(text.slice(at)));
}

/** Runs a query on an opened index: the total and the first `limit` results. */
export async function search(index, q, limit = 20) {
  // Words of more than 40 letters are not in the index (see search.rs).
  const typed = (fold(q.normalize("NFC")).match(WORD) || []).filter((w) => chars(w) <= 40);
  const last = typed.at(-1);
  // The last word is a prefix while it is being typed: not after a space, not one letter.
  const prefix = last && chars(last) > 1 && !/\s$/.test(q) ? last : null;
  const words = [...new Set(typed)];
  if (!words.length) return { total: 0, results: [] };
  const meta = await index.meta();
  const lists = await Promise.all(
    words.map((w) => pagesOf(index, meta.shards, w, w === prefix)),
  );
  lists.sort((a, b) => a.size - b.size);
  // Rarer words weigh more.
  const weight = lists.map((l) => Math.log(1 + meta.pages / Math.max(1, l.size)));
  const found = [];
  for (const page of lists[0].keys()) {
    let title = 0; // query words in the title
    let length = 0; // of the title
    let score = 0;
    const all = lists.every((l, i) => {
      const hit = l.get(page);
      if (!hit) return false;
      if (hit[0]) [title, length] = [title + 1, hit[0]];
      score += weight[i] * (1 + hit[1] + (hit[0] ? 2 : 0) + 0.5 * hit[2]);
      return true;
    });
    // Ranked by the words in the title, how much of the title they are, then the score.
    if (all) found.push([page, title, title && title / length, score]);
  }
  found.sort((a, b) => b[1] - a[1] || b[2] - a[2] || b[3] - a[3] || a[0] - b[0]);
  const top = found.slice(0, limit).map(([page]) => page);
  const chunks = new Map();
  await Promise.all(
    [...new Set(top.map((p) => Math.floor(p / meta.chunk)))].map(async (c) =>
      chunks.set(c, await index.file(`p/${c}.json`)),
    ),
  );
  const matches = (w) => words.includes(w) || (prefix !== null && w.startsWith(prefix));
  return {
    total: found.length,
    results: top.map((p) => {
      const [url, title, text] = chunks.get(Math.floor(p / meta.chunk))[p % meta.chunk];
      return { url, title, excerpt: excerpt(text, matches) };
    }),
  };
}

function fill(template, n, q) {
  return template.replace("{n}", n).replace("{q}", q);
}

function render(list, results) {
  list.replaceChildren(
    ...results.map((r) => {
      const li = document.createElement("li");
      const h = document.createElement("h2");
      const a = document.createElement("a");
      const p = document.createElement("p");
      a.href = r.url;
      a.textContent = r.title;
      p.innerHTML = r.excerpt;
      h.append(a);
      li.append(h, p);
      return li;
    }),
  );
}

function main() {
  const root = document.getElementById("search");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const browse = document.getElementById("search-browse");
  const index = openIndex(new URL(root.dataset.index, location.href));
  let latest = 0;

  async function run(q) {
    const id = ++latest;
    if (!q.trim()) {
      status.textContent = "";
      list.replaceChildren();
      browse.hidden = false;
      return;
    }
    status.textContent = root.dataset.loading;
    try {
      const { total, results } = await search(index, q);
      if (id !== latest) return; // a newer query is on its way
      status.textContent = fill(total ? root.dataset.count : root.dataset.none, total, q);
      render(list, results);
      browse.hidden = total > 0;
    } catch (e) {
      if (id !== latest) return;
      status.textContent = root.dataset.error;
      browse.hidden = false;
    }
  }

  const q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const url = new URL(location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      run(input.value);
    }, 250);
  });
  if (q) run(q);
  else input.focus();
}

if (typeof document !== "undefined" && document.getElementById?.("search")) main();
