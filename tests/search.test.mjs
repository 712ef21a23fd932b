// Browser-side search against a built fixture site, run by `node --test` from tests/site.rs
// (which builds the site under the base path /minh-bach/ and passes its public/ folder).

import assert from "node:assert/strict";
import test from "node:test";
import { openSearch } from "./support/search-harness.mjs";

const publicDir = process.env.MINHBACH_PUBLIC;
const base = process.env.MINHBACH_BASE || "/";
assert.ok(publicDir, "set MINHBACH_PUBLIC to a built site's public/ folder");

/** Lowercase, no diacritics, đ → d: as `minhbach::i18n::fold`. */
const fold = (s) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();

test("Vietnamese queries ignore case and diacritics, đ matches d", async () => {
  const s = await openSearch(publicDir, "vi", base);
  try {
    const urls = async (q) => (await s.search(q)).results.map((r) => r.url);
    const plain = await urls("nong thon moi");
    assert.ok(plain.includes(`${base}phong-trao/dan-van-kheo/`), JSON.stringify(plain));
    assert.deepEqual(await urls("NÔNG THÔN MỚI"), plain);
    assert.deepEqual(await urls("nông thôn mới"), plain);
    // NFD input, as some keyboards send it.
    assert.deepEqual(await urls("no\u0302ng tho\u0302n mo\u031b\u0301i"), plain);

    const duong = await s.search("duong");
    const hit = duong.results.find((r) => r.url === `${base}phong-trao/dan-van-kheo/`);
    assert.ok(hit, JSON.stringify(duong));
    // The snippet is proper Vietnamese, with the match marked.
    assert.match(hit.excerpt, /<mark>đường<\/mark>/);
    assert.ok(!/\u0335/.test(hit.excerpt + hit.title), "stroke mark leaked into the display");
    assert.deepEqual(await urls("ĐƯỜNG"), duong.results.map((r) => r.url));
  } finally {
    await s.close();
  }
});

test("title matches rank first; documents are results of their own", async () => {
  const s = await openSearch(publicDir, "vi", base);
  try {
    const { results } = await s.search("doi moi");
    const inTitle = results.map((r) => fold(r.title).includes("doi moi"));
    assert.ok(inTitle[0] && inTitle.includes(false), JSON.stringify(results));
    assert.deepEqual(inTitle, [...inTitle].sort().reverse(), "a body match outranks a title");
    assert.ok(results.some((r) => r.url === `${base}phong-trao/doi-moi/`));
    const doc = (await s.search("12/CT-UBND")).results.map((r) => r.url);
    assert.ok(doc.includes(`${base}van-ban/#ct-12`), JSON.stringify(doc));
  } finally {
    await s.close();
  }
});

test("English pages have their own index", async () => {
  const s = await openSearch(publicDir, "en", base);
  try {
    const { results } = await s.search("innovation");
    assert.ok(results.length > 0);
    for (const r of results) assert.ok(r.url.startsWith(`${base}en/`), r.url);
  } finally {
    await s.close();
  }
});

test("the last word matches longer words while it is being typed", async () => {
  const s = await openSearch(publicDir, "vi", base);
  try {
    const urls = async (q) => (await s.search(q)).results.map((r) => r.url);
    const typing = await urls("dan van kh");
    assert.equal(typing[0], `${base}phong-trao/dan-van-kheo/`, JSON.stringify(typing));
    for (const u of await urls("dân vận khéo")) assert.ok(typing.includes(u), u);
    // After a space the word is complete, and one letter is too little to go on.
    assert.ok(!(await urls("dan van kh ")).includes(`${base}phong-trao/dan-van-kheo/`));
    assert.ok(!(await urls("dan van k")).includes(`${base}phong-trao/dan-van-kheo/`));
  } finally {
    await s.close();
  }
});

test("a query downloads its words' shards and its results' chunks, nothing else", async () => {
  const s = await openSearch(publicDir, "vi", base);
  try {
    const { results } = await s.search("duong");
    const files = s.downloaded().map(([u]) => u.slice(base.length));
    const shards = files.filter((f) => /^search-index\/vi\/w\/\d+\.json$/.test(f));
    const chunks = files.filter((f) => /^search-index\/vi\/p\/\d+\.json$/.test(f));
    assert.equal(shards.length, 1, JSON.stringify(files));
    assert.ok(chunks.length >= 1 && chunks.length <= results.length, JSON.stringify(files));
    assert.deepEqual(
      files.filter((f) => !shards.includes(f) && !chunks.includes(f)).sort(),
      ["search-index/vi/meta.json", "search.js"],
    );
    // Extracts are escaped text with <mark> around the matches, and nothing else.
    for (const r of results) assert.ok(!/</.test(r.excerpt.replace(/<\/?mark>/g, "")), r.excerpt);
  } finally {
    await s.close();
  }
});
