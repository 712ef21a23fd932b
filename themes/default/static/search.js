// minhbach search page: reads ?q= from the address, queries this language's Pagefind index
// (shipped with the site and loaded relative to it, so sub-paths and plain HTTP work) and
// lists the results. Without JavaScript, or if the index cannot load, the page keeps its
// links to browse by section.
//
// The index stores "đ" as "d" + U+0335 so that Pagefind folds it to "d" (see
// src/render/search.rs): `display` turns it back, `queryText` writes a typed "đ" as "d".
// Pagefind itself folds case and tone marks, so "nong thon moi", "NÔNG THÔN MỚI" and
// "nông thôn mới" find the same pages, exact spellings first.

/** Text from the index as people read it: d̵ → đ, D̵ → Đ. */
export function display(text) {
  return text.replace(/([dD])\u0335/g, (_, d) => (d === "d" ? "đ" : "Đ"));
}

/** A query as the index expects it: composed (NFC), with đ → d. */
export function queryText(q) {
  return q.normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D").trim();
}

/** Runs a query on a loaded Pagefind module: the total and the first `limit` results. */
export async function search(pagefind, q, limit = 20) {
  const found = await pagefind.search(queryText(q));
  const pages = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
  return {
    total: found.results.length,
    results: pages.map((p) => ({
      url: p.url,
      title: display(p.meta.title || p.url),
      // Pagefind's excerpt is HTML: the page's text, escaped, with <mark> around matches.
      excerpt: display(p.excerpt),
    })),
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

async function main() {
  const root = document.getElementById("search");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const browse = document.getElementById("search-browse");
  let pagefind = null;
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
      pagefind ??= await import(root.dataset.pagefind + "pagefind.js");
      const { total, results } = await search(pagefind, q);
      if (id !== latest) return; // a newer query is on its way
      status.textContent = fill(total ? root.dataset.count : root.dataset.none, total, q);
      render(list, results);
      browse.hidden = total > 0;
    } catch (e) {
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
