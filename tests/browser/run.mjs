// The site as people see it: builds the bundled site twice (at the root, and under a
// sub-path base_url), serves each build on 127.0.0.1 with a plain static server, and
// checks it in headless Chromium (driven by playwright-core), with axe-core and with the
// W3C Nu Html Checker (vnu-jar); then the live preview with many tabs (preview.mjs).
// Every check prints its figures; any breach makes the exit code 1. Run by
// tests/browser.rs (`cargo test`); see docs/developers/browser-tests.md.
//
// Environment:
//   MINHBACH_BIN        the minhbach binary (default: target/release/minhbach)
//   MINHBACH_CHROMIUM   Chromium (default: /usr/bin/chromium)
//   MINHBACH_ARTIFACTS  where screenshots and the report go (default: target/browser-artifacts)
//   MINHBACH_JAVA       java for vnu (default: java)
//   MINHBACH_PHOTO_SITE a copy of the bundled site with a 4000×3000, 4 MB phone photo on one
//                       exemplar (tests/browser.rs makes it); without it the photo page
//                       checks are left out, and say so

import { spawn, execFileSync } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveStatic } from "./server.mjs";
import { checkPreviewTabs } from "./preview.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const BIN = process.env.MINHBACH_BIN || path.join(REPO, "target/release/minhbach");
const CHROMIUM = process.env.MINHBACH_CHROMIUM || "/usr/bin/chromium";
const JAVA = process.env.MINHBACH_JAVA || "java";
const PHOTO_SITE = process.env.MINHBACH_PHOTO_SITE;
const ARTIFACTS = path.resolve(
  process.env.MINHBACH_ARTIFACTS || path.join(REPO, "target/browser-artifacts"),
);
const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = require.resolve("vnu-jar/build/dist/vnu.jar");

/** Page weight budget: HTML + CSS + JS transferred, images excluded. */
const WEIGHT_BUDGET = 100_000;
/** Everything a phone at 360 px transfers for a page with a 4 MB phone photo, image included. */
const PHOTO_BUDGET = 150_000;
/** The sub-path of the second build, as a site published at https://host/minh-bach/. */
const SUB = "/minh-bach/";
const PHONE = { width: 360, height: 740 };
/** Tap targets that are controls (not links inside a sentence) must be at least this big. */
const TAP_MIN = 44;

// ---- reporting ------------------------------------------------------------------------

const results = [];
let lastReport = Date.now();
function report(name, ok, figures, problems = []) {
  const seconds = (Date.now() - lastReport) / 1000;
  lastReport = Date.now();
  results.push({ name, ok, figures, problems, seconds });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${figures}`);
  for (const p of problems.slice(0, 25)) console.log(`       - ${p}`);
  if (problems.length > 25) console.log(`       … and ${problems.length - 25} more`);
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// ---- the two builds -------------------------------------------------------------------

async function htmlFiles(dir, rel = "") {
  const out = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await htmlFiles(dir, r)));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

/** The address of a built HTML file: `a/index.html` → `base + a/`. */
const urlOf = (base, rel) => base + rel.replace(/(^|\/)index\.html$/, "$1");

function build(out, extra, root = REPO) {
  const args = ["build", "--root", root, "--output", out, ...extra];
  const stdout = execFileSync(BIN, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return stdout.trim().split("\n").pop();
}

// ---- vnu: every HTML file of both builds, one JVM ---------------------------------------

function runVnu(files) {
  return new Promise((resolve) => {
    const args = ["-jar", VNU, "--errors-only", "--format", "json", "--skip-non-html", ...files];
    const p = spawn(JAVA, args, { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    p.stdout.on("data", (d) => (err += d));
    p.on("error", (e) => resolve({ error: String(e), messages: [] }));
    p.on("close", (code) => {
      try {
        const messages = JSON.parse(err).messages.filter((m) => m.type === "error");
        resolve({ code, messages });
      } catch {
        resolve({ error: `vnu exited ${code}: ${err.slice(0, 2000)}`, messages: [] });
      }
    });
  });
}

// ---- links: every internal href/src of every page answers, and every #anchor exists ------

const decodeEntities = (s) =>
  s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<");

async function checkLinks(site) {
  const pages = site.files.map((f) => urlOf(site.base, f));
  const cache = new Map(); // url without fragment → { status, ids }
  const fetchOnce = (url) => {
    if (!cache.has(url)) {
      cache.set(
        url,
        fetch(url, { redirect: "follow" }).then(async (r) => {
          const type = r.headers.get("content-type") || "";
          const body = type.startsWith("text/html") ? await r.text() : (await r.arrayBuffer(), "");
          const ids = new Set([...body.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]));
          return { status: r.status, body, ids };
        }),
      );
    }
    return cache.get(url);
  };
  let links = 0;
  let external = 0;
  const broken = [];
  const linked = new Map(); // page → the pages it links to
  for (const page of pages) {
    const { status, body } = await fetchOnce(page);
    if (status !== 200) broken.push(`${page}: HTTP ${status}`);
    linked.set(page, new Set());
    for (const m of body.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      const raw = decodeEntities(m[1]);
      if (/^(mailto|tel|data|javascript):/i.test(raw)) continue;
      const u = new URL(raw, page);
      if (u.origin !== site.origin) {
        external++;
        continue;
      }
      links++;
      const hash = decodeURIComponent(u.hash.slice(1));
      u.hash = "";
      linked.get(page).add(u.href);
      const target = await fetchOnce(u.href);
      if (target.status !== 200) broken.push(`${page} → ${raw}: HTTP ${target.status}`);
      else if (hash && !target.ids.has(hash)) broken.push(`${page} → ${raw}: no id "${hash}"`);
    }
  }
  // Every page can be reached by following links from the two home pages.
  const reached = new Set([site.base, `${site.base}en/`]);
  const queue = [...reached];
  while (queue.length) {
    for (const next of linked.get(queue.pop()) || []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  // A page that only the sitemap leads to is one a reader cannot find: a breach too.
  const orphans = pages.filter((p) => !reached.has(p) && !p.endsWith("/404.html"));
  report(
    `links (${site.name})`,
    broken.length === 0 && orphans.length === 0,
    `${pages.length} pages, ${links} internal links to ${cache.size} addresses, ` +
      `${broken.length} broken (${external} external links not followed); ` +
      `${pages.length - orphans.length} pages reached from the home pages, ${orphans.length} only from the sitemap`,
    [...broken, ...orphans.map((p) => `only the sitemap leads to ${p.slice(site.origin.length)}`)],
  );
}

// ---- page types ---------------------------------------------------------------------------

/** Sections of the bundled site: [type, vi segment, en segment]. */
const SECTIONS = [
  ["plan", "ke-hoach", "plan"],
  ["campaigns", "phong-trao", "campaigns"],
  ["exemplars", "guong-dien-hinh", "exemplars"],
  ["reports", "bao-cao", "reports"],
  ["documents", "van-ban", "documents"],
  ["fields", "linh-vuc", "fields"],
  ["timeline", "dong-thoi-gian", "timeline"],
  ["units", "don-vi", "units"],
  ["search", "tim-kiem", "search"],
  ["open data", "du-lieu-mo", "data"],
  ["nominations", "lay-y-kien", "nominations"],
];

/** One address per page type and language: home, each section, one item of each section. */
function pageTypes(site) {
  const urls = new Set(site.files.map((f) => urlOf(site.base, f)));
  const sorted = [...urls].sort();
  const out = { vi: [], en: [] };
  for (const lang of ["vi", "en"]) {
    const home = lang === "vi" ? site.base : `${site.base}en/`;
    out[lang].push(["home", home]);
    for (const [type, vi, en] of SECTIONS) {
      const section = `${home}${lang === "vi" ? vi : en}/`;
      if (urls.has(section)) out[lang].push([type, section]);
      const item = sorted.find((u) => u.startsWith(section) && /^[^/]+\/$/.test(u.slice(section.length)));
      if (item) out[lang].push([`${type.replace(/s$/, "")} item`, item]);
    }
    const free = sorted.find((u) => u === `${home}${lang === "vi" ? "gioi-thieu" : "about"}/`);
    if (free) out[lang].push(["page", free]);
  }
  return out;
}

// ---- browser checks -------------------------------------------------------------------------

const errorsOf = (page) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 404/.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
  return errors;
};

async function checkLanguageSwitcher(browser, site, types) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = errorsOf(page);
  const problems = [];
  const fallbacks = [];
  const trips = { vi: 0, en: 0 };
  const home = { vi: site.base, en: `${site.base}en/` };
  for (const [from, to] of [["vi", "en"], ["en", "vi"]]) {
    for (const [type, url] of types[from]) {
      await page.goto(url);
      const switcher = page.locator(`.lang-switch a[hreflang="${to}"]`);
      if ((await switcher.count()) !== 1) {
        problems.push(`${type}: ${url} has no link to "${to}" in the language switcher`);
        continue;
      }
      // A page without a translation says so next to the link, which leads to the section
      // of the other language (fields are named apart in each language, so not paired).
      const untranslated = await page.$$eval(`.lang-switch a[hreflang="${to}"] + small`, (s) => s.length > 0);
      await Promise.all([page.waitForNavigation(), switcher.click()]);
      const there = page.url();
      const lang = await page.getAttribute("html", "lang");
      const expected = types[to].find(([t]) => t === type)?.[1];
      if (lang !== to) problems.push(`${type}: ${url} → ${there} has lang=${lang}`);
      if (expected && there !== expected && !type.endsWith("item"))
        problems.push(`${type}: ${url} → ${there}, expected ${expected}`);
      await Promise.all([page.waitForNavigation(), page.click(`.lang-switch a[hreflang="${from}"]`)]);
      const back = page.url();
      if (untranslated) {
        // Back from the section: the section of the first language the page is in.
        if (!url.startsWith(back) || back === home[from]) problems.push(`${type}: ${url} → ${there} → ${back}`);
        else fallbacks.push(`${type} (${url.slice(site.origin.length)} → ${there.slice(site.origin.length)})`);
      } else if (back !== url) problems.push(`${type}: ${url} → ${there} → ${back}`);
      else trips[from]++;
    }
  }
  problems.push(...errors);
  report(
    `language switcher (${site.name})`,
    problems.length === 0,
    `${trips.vi}/${types.vi.length} page types round-trip vi → en → vi, ` +
      `${trips.en}/${types.en.length} en → vi → en` +
      (fallbacks.length ? `; untranslated, to the section and back: ${fallbacks.join(", ")}` : ""),
    problems,
  );
  await context.close();
}

/** Queries typed into the search page: [language, query, an address the results must hold]. */
const QUERIES = [
  ["vi", "nông thôn mới", "phong-trao/nong-thon-moi/"],
  ["vi", "nong thon moi", "phong-trao/nong-thon-moi/"],
  ["vi", "Dân vận khéo", "phong-trao/dan-van-kheo/"],
  ["vi", "DAN VAN KHEO", "phong-trao/dan-van-kheo/"],
  ["en", "new rural", "en/campaigns/nong-thon-moi/"],
  ["en", "Tây Ninh", "en/"],
  ["en", "tay ninh", "en/"],
];

async function checkSearch(browser, site, types) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = errorsOf(page);
  const problems = [];
  let found = 0;
  let followed = 0;
  for (const [lang, q, want] of QUERIES) {
    const searchUrl = types[lang].find(([t]) => t === "search")[1];
    await page.goto(searchUrl);
    await page.fill("#search-q", q);
    await page.waitForFunction(
      () => /\d/.test(document.getElementById("search-status").textContent),
      null,
      { timeout: 10_000 },
    ).catch(() => {});
    const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.href));
    const status = await page.textContent("#search-status");
    if (!hrefs.some((h) => h.startsWith(site.base + want))) {
      problems.push(`${lang} "${q}": ${site.base + want} not among ${hrefs.length} results ("${status}")`);
      continue;
    }
    found++;
    // The address now carries the query, so the search can be shared and reloaded.
    if (new URL(page.url()).searchParams.get("q") !== q) problems.push(`"${q}": address is ${page.url()}`);
    // Every result link answers; the first one is followed by a click.
    for (const h of hrefs) {
      const r = await context.request.get(h);
      if (r.status() !== 200) problems.push(`"${q}": result ${h}: HTTP ${r.status()}`);
    }
    const [response] = await Promise.all([page.waitForNavigation(), page.click("#search-results a")]);
    if (response?.status() !== 200 || page.url() !== hrefs[0])
      problems.push(`"${q}": clicking the first result gave ${page.url()} HTTP ${response?.status()}`);
    else followed++;
  }
  // A query given in the address (the form without JavaScript's help, or a shared link).
  const vi = types.vi.find(([t]) => t === "search")[1];
  await page.goto(`${vi}?q=${encodeURIComponent("nong thon moi")}`);
  await page.waitForSelector("#search-results a", { timeout: 10_000 }).catch(() => {});
  const fromAddress = await page.$$eval("#search-results a", (as) => as.length);
  if (fromAddress === 0) problems.push("?q=nong thon moi in the address finds nothing");
  problems.push(...errors);
  report(
    `search (${site.name})`,
    problems.length === 0,
    `${found}/${QUERIES.length} queries find their page (with and without diacritics), ` +
      `${followed} result links followed, ${fromAddress} results for ?q= in the address`,
    problems,
  );
  await context.close();
}

async function checkTimelineAndCharts(browser, site, types) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = errorsOf(page);
  const problems = [];
  const figures = [];
  for (const lang of ["vi", "en"]) {
    await page.goto(types[lang].find(([t]) => t === "timeline")[1]);
    const items = await page.$$eval(".tl-item", (els) =>
      els.filter((e) => e.getBoundingClientRect().height > 10).length,
    );
    if (items < 5) problems.push(`${lang} timeline: ${items} visible items`);
    figures.push(`${lang} timeline ${items} items`);
    // Charts: every chart of the reports pages has drawn bars and labels.
    let charts = 0;
    for (const [type, url] of types[lang].filter(([t]) => t.startsWith("report"))) {
      await page.goto(url);
      const drawn = await page.$$eval("svg.chart", (svgs) =>
        svgs.map((s) => ({
          width: s.getBoundingClientRect().width,
          bars: [...s.querySelectorAll("rect")].filter((r) => r.getBBox().width > 0).length,
          labels: [...s.querySelectorAll("text")].filter((t) => t.getBBox().width > 0).length,
        })),
      );
      for (const d of drawn)
        if (d.width < 200 || d.bars === 0 || d.labels === 0)
          problems.push(`${lang} ${type}: a chart is ${d.width}px wide, ${d.bars} bars, ${d.labels} labels`);
      charts += drawn.length;
    }
    if (charts === 0) problems.push(`${lang}: no chart on the reports pages`);
    figures.push(`${lang} ${charts} charts`);
  }
  problems.push(...errors);
  report(`timeline and charts (${site.name})`, problems.length === 0, figures.join(", "), problems);
  await context.close();
}

async function checkNotFound(browser, site) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  for (const [lang, url] of [
    ["vi", `${site.base}khong-co-trang-nay/`],
    ["en", `${site.base}en/no-such-page/`],
  ]) {
    const r = await page.goto(url);
    const h1 = await page.textContent("h1").catch(() => "");
    const links = await page.$$eval("main a", (as) => as.length);
    const htmlLang = await page.getAttribute("html", "lang");
    if (r.status() !== 404 || htmlLang !== lang || !h1 || links < 3)
      problems.push(`${url}: HTTP ${r.status()}, lang ${htmlLang}, h1 "${h1}", ${links} links`);
    // Its links and stylesheet work from any depth.
    const css = await page.$$eval('link[rel="stylesheet"]', (l) => l.map((x) => x.sheet !== null));
    if (!css.length || css.includes(false)) problems.push(`${url}: the stylesheet did not load`);
  }
  report(`404 page (${site.name})`, problems.length === 0, `2 missing addresses answer 404 with the page of their language`, problems);
  await context.close();
}

async function checkWithoutJavaScript(browser, site, types) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  const problems = [];
  const figures = [];
  for (const lang of ["vi", "en"]) {
    const search = types[lang].find(([t]) => t === "search")[1];
    await page.goto(`${search}?q=nong+thon`);
    const browse = await page.$$eval("#search-browse a", (as) =>
      as.filter((a) => a.getBoundingClientRect().height > 0).map((a) => a.href),
    );
    const message = (await page.textContent("#search-browse p"))?.trim();
    if (browse.length < 3 || !message) problems.push(`${lang} search without JS: ${browse.length} links, "${message}"`);
    for (const h of browse) {
      const r = await context.request.get(h);
      if (r.status() !== 200) problems.push(`${lang} search without JS: ${h} HTTP ${r.status()}`);
    }
    figures.push(`${lang} search page offers ${browse.length} links to browse`);
    // The phone menu opens without JavaScript.
    await page.goto(types[lang][0][1]);
    await page.click(".nav-narrow summary");
    const menu = await page.$$eval(".nav-narrow a", (as) => as.filter((a) => a.getBoundingClientRect().height > 0).length);
    if (menu < 3) problems.push(`${lang} phone menu without JS shows ${menu} links`);
    figures.push(`${lang} phone menu opens with ${menu} links`);
  }
  report(`without JavaScript (${site.name})`, problems.length === 0, figures.join(", "), problems);
  await context.close();
}

/** Every page of a build at 360×740: no horizontal scrolling, controls big enough to tap. */
async function checkPhone(browser, site, types) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = errorsOf(page);
  const problems = [];
  let controls = 0;
  let smallest = null;
  for (const f of site.files) {
    const url = urlOf(site.base, f);
    await page.goto(url);
    const m = await page.evaluate((tapMin) => {
      const doc = document.documentElement;
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
        .filter((e) => !e.closest(".table-scroll, .visually-hidden, .skip-link"))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      // Controls: everything clickable that is not a link inside running text.
      const sel = "button, input, select, textarea, summary, nav a, .button, .lang-switch a, .sort-links a";
      const sizes = [...document.querySelectorAll(sel)]
        .filter((e) => e.getClientRects().length > 0 && !e.closest(".visually-hidden, .skip-link"))
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { w: r.width, h: r.height, what: `${e.tagName.toLowerCase()} "${(e.textContent || e.name || "").trim().slice(0, 30)}"` };
        });
      return {
        scroll: doc.scrollWidth - doc.clientWidth,
        wide,
        sizes,
        small: sizes.filter((s) => s.w < tapMin || s.h < tapMin),
      };
    }, TAP_MIN);
    if (m.scroll > 0) problems.push(`${url}: scrolls sideways by ${m.scroll}px (${m.wide.join(", ")})`);
    for (const s of m.small) problems.push(`${url}: ${s.what} is ${Math.round(s.w)}×${Math.round(s.h)}px`);
    controls += m.sizes.length;
    for (const s of m.sizes) {
      const area = Math.min(s.w, s.h);
      if (!smallest || area < Math.min(smallest.w, smallest.h)) smallest = s;
    }
  }
  // Screenshots for a person to look at.
  const shots = [];
  await mkdir(ARTIFACTS, { recursive: true });
  for (const lang of ["vi", "en"]) {
    for (const type of ["home", "plan item", "campaign item", "report item", "timeline"]) {
      const url = types[lang].find(([t]) => t === type)?.[1];
      if (!url) {
        problems.push(`no ${type} page in ${lang}`);
        continue;
      }
      await page.goto(url);
      const file = path.join(ARTIFACTS, `phone-${lang}-${type.replace(" item", "")}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(path.basename(file));
    }
  }
  problems.push(...errors);
  report(
    `phone 360×740 (${site.name})`,
    problems.length === 0,
    `${site.files.length} pages, none scrolls sideways; ${controls} controls ≥ ${TAP_MIN}×${TAP_MIN}px ` +
      `(smallest ${smallest ? `${Math.round(smallest.w)}×${Math.round(smallest.h)}px` : "-"}); ` +
      `${shots.length} screenshots in ${path.relative(REPO, ARTIFACTS) || ARTIFACTS}/`,
    problems,
  );
  await context.close();
}

/** axe-core on every page type, both languages, at desktop and phone width. */
async function checkAxe(browser, site, types) {
  const byImpact = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const breaches = [];
  const others = new Map();
  let pages = 0;
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const lang of ["vi", "en"]) {
      for (const [type, url] of types[lang]) {
        await page.goto(url);
        await page.evaluate(AXE);
        const r = await page.evaluate(() =>
          // eslint-disable-next-line no-undef
          axe.run(document, { rules: { "target-size": { enabled: true } }, resultTypes: ["violations"] }),
        );
        pages++;
        for (const v of r.violations) {
          byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
          const where = `${lang} ${type} at ${viewport.width}px`;
          const line = `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, e.g. ${v.nodes[0]?.target.join(" ")})`;
          if (v.impact === "serious" || v.impact === "critical") breaches.push(`${where}: ${line}`);
          else others.set(line, [...(others.get(line) || []), where]);
        }
      }
    }
    await context.close();
  }
  const counts = Object.entries(byImpact).map(([k, n]) => `${k} ${n}`).join(", ");
  report(
    `axe-core (${site.name})`,
    breaches.length === 0,
    `${pages} page checks (${types.vi.length + types.en.length} page types × desktop and phone); violations: ${counts}`,
    breaches,
  );
  for (const [line, where] of others) console.log(`       · ${line} — on ${where.length} page checks, e.g. ${where[0]}`);
}

/** HTML + CSS + JS transferred for a page seen for the first time (no cache). */
async function checkWeight(browser, site, types) {
  const problems = [];
  const figures = [];
  for (const lang of ["vi", "en"]) {
    for (const type of ["home", "campaign item"]) {
      const url = types[lang].find(([t]) => t === type)[1];
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes = [];
      page.on("requestfinished", (req) => sizes.push(req.sizes().then((s) => [req.resourceType(), s])));
      await page.goto(url, { waitUntil: "networkidle" });
      const by = {};
      for (const [kind, s] of await Promise.all(sizes)) {
        if (kind === "image" || kind === "media") continue;
        by[kind] = (by[kind] || 0) + s.responseBodySize + s.responseHeadersSize;
      }
      const total = Object.values(by).reduce((a, b) => a + b, 0);
      const parts = Object.entries(by).map(([k, n]) => `${k} ${kb(n)}`).join(" + ");
      figures.push(`${lang} ${type.replace(" item", "")} ${kb(total)} (${parts})`);
      if (total >= WEIGHT_BUDGET) problems.push(`${url}: ${kb(total)} ≥ ${kb(WEIGHT_BUDGET)}`);
      await context.close();
    }
  }
  report(`page weight (${site.name}, budget < ${kb(WEIGHT_BUDGET)})`, problems.length === 0, figures.join("; "), problems);
}

/** The exemplar page of the photo site, as a phone at 360 px (density 1 and 2) and a
 * desktop load it: everything transferred (the budget at 360 px), which width of the
 * photo the browser chose, that it is fetched first and not lazily, every width of its
 * srcset answers, and no layout shift (the photo has width and height). */
async function checkPhotoPage(browser, site) {
  const problems = [];
  const figures = [];
  const url = `${site.base}guong-dien-hinh/ong-nguyen-van-a/`;
  const phone = { viewport: PHONE, isMobile: true, hasTouch: true };
  const views = [
    ["phone 360 px", { ...phone, deviceScaleFactor: 1 }, PHOTO_BUDGET],
    ["phone 360 px at density 2", { ...phone, deviceScaleFactor: 2 }, null],
    ["desktop 1280 px", { viewport: { width: 1280, height: 800 } }, null],
  ];
  for (const [name, options, budget] of views) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (!e.hadRecentInput)
            window.__shifts.push({ value: e.value, from: (e.sources || []).map((s) => s.node?.nodeName || "?").join("+") });
      }).observe({ type: "layout-shift", buffered: true });
    });
    const sizes = [];
    page.on("requestfinished", (req) =>
      sizes.push(req.sizes().then((s) => [req.resourceType(), s.responseBodySize + s.responseHeadersSize])),
    );
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(300);
    const photo = await page.evaluate(() => {
      const img = document.querySelector("figure.photo img");
      const source = document.querySelector("figure.photo source");
      return img && {
        src: img.currentSrc,
        natural: img.naturalWidth,
        shown: img.getBoundingClientRect().width,
        complete: img.complete,
        priority: img.getAttribute("fetchpriority"),
        loading: img.getAttribute("loading"),
        srcset: (source?.getAttribute("srcset") || "").split(",").map((c) => c.trim().split(" ")[0]),
      };
    });
    const shifts = await page.evaluate(() => window.__shifts);
    const cls = shifts.reduce((a, s) => a + s.value, 0);
    let total = 0;
    let image = 0;
    for (const [kind, n] of await Promise.all(sizes)) {
      total += n;
      if (kind === "image") image += n;
    }
    if (!photo || !photo.complete || photo.natural === 0) {
      problems.push(`${name}: the photo did not load`);
    } else {
      figures.push(
        `${name}: ${kb(total)} in all, the photo ${kb(image)} (${photo.src.split("/").pop()}, ` +
          `shown ${Math.round(photo.shown)} px wide), layout shift ${cls.toFixed(3)}`,
      );
      if (photo.priority !== "high" || photo.loading) problems.push(`${name}: the photo is not fetched first (fetchpriority=${photo.priority}, loading=${photo.loading})`);
      if (name.startsWith("desktop"))
        for (const candidate of photo.srcset) {
          const r = await context.request.get(new URL(candidate, url).href);
          if (r.status() !== 200 || r.headers()["content-type"] !== "image/webp") problems.push(`${candidate}: HTTP ${r.status()} ${r.headers()["content-type"]}`);
        }
    }
    if (budget && total > budget) problems.push(`${name}: ${kb(total)} > ${kb(budget)}`);
    if (cls > 0) problems.push(`${name}: layout shift ${cls.toFixed(4)} (${shifts.map((s) => s.from).join(", ")})`);
    await context.close();
  }
  report(`photo page (${site.name}, budget at 360 px ≤ ${kb(PHOTO_BUDGET)})`, problems.length === 0, figures.join("; "), problems);
  const types = {
    vi: [["exemplar item with a photo", url], ["exemplars with a thumbnail", `${site.base}guong-dien-hinh/`]],
    en: [["exemplar item with a photo", `${site.base}en/exemplars/ong-nguyen-van-a/`]],
  };
  await checkAxe(browser, site, types);
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  for (const [what, file] of [["minhbach", BIN], ["Chromium", CHROMIUM]]) {
    if (!existsSync(file)) throw new Error(`${what} not found at ${file}`);
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), "minhbach-browser-"));
  const started = Date.now();
  try {
    const sites = [
      { name: "root", dir: path.join(tmp, "root"), prefix: "/", args: [] },
      { name: `sub-path ${SUB}`, dir: path.join(tmp, "sub"), prefix: SUB, args: ["--base-url", `https://example.gov.vn${SUB}`] },
    ];
    for (const s of sites) {
      console.log(`build (${s.name}): ${build(s.dir, s.args)}`);
      s.files = await htmlFiles(s.dir);
    }
    const photo = PHOTO_SITE && { name: "photo site", dir: path.join(tmp, "photo"), prefix: "/" };
    const photoPages = [
      "guong-dien-hinh/ong-nguyen-van-a/index.html",
      "en/exemplars/ong-nguyen-van-a/index.html",
      "guong-dien-hinh/index.html",
      "phong-trao/chinh-quyen-dien-tu/index.html",
    ];
    if (photo) console.log(`build (${photo.name}): ${build(photo.dir, [], PHOTO_SITE)}`);
    else console.log("SKIPPED: the photo page checks (MINHBACH_PHOTO_SITE is not set; tests/browser.rs sets it)");
    // One JVM for every HTML file of both builds (and the photo site's pages), while the browser works.
    const vnu = runVnu([
      ...sites.flatMap((s) => s.files.map((f) => path.join(s.dir, f))),
      ...(photo ? photoPages.map((f) => path.join(photo.dir, f)) : []),
    ]);
    if (photo) Object.assign(photo, await serveStatic(photo.dir, photo.prefix));
    for (const s of sites) Object.assign(s, await serveStatic(s.dir, s.prefix));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    console.log(`browser: Chromium ${browser.version()} (playwright-core, ${CHROMIUM})`);
    try {
      for (const s of sites) {
        const types = pageTypes(s);
        await checkLinks(s);
        await checkLanguageSwitcher(browser, s, types);
        await checkSearch(browser, s, types);
        await checkNotFound(browser, s);
        if (s.prefix !== "/") continue;
        // The rest does not depend on the address of the site: once, on the root build.
        await checkTimelineAndCharts(browser, s, types);
        await checkWithoutJavaScript(browser, s, types);
        await checkPhone(browser, s, types);
        await checkAxe(browser, s, types);
        await checkWeight(browser, s, types);
      }
      // `minhbach serve`, with more tabs than a browser opens connections to one host.
      await checkPreviewTabs(browser, report, { bin: BIN, fixture: path.join(REPO, "tests/fixtures/basic"), tmp });
      if (photo) await checkPhotoPage(browser, photo);
    } finally {
      await browser.close();
      for (const s of sites) await s.close?.();
      await photo?.close?.();
    }
    const v = await vnu;
    const files = sites.reduce((n, s) => n + s.files.length, 0) + (photo ? photoPages.length : 0);
    const problems = v.messages.map(
      (m) => `${decodeURIComponent(m.url).replace(`file:${tmp}/`, "")}:${m.lastLine}: ${m.message}`,
    );
    if (v.error) problems.unshift(v.error);
    report(
      "vnu (W3C Nu Html Checker)",
      !v.error && v.messages.length === 0,
      `${files} HTML files of both builds, ${v.messages.length} errors`,
      problems,
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(path.join(ARTIFACTS, "results.json"), JSON.stringify(results, null, 2));
  console.log(`\nbrowser checks in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`checks: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
