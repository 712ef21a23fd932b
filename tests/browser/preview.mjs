// The live preview with many tabs open: `minhbach serve` on a copy of the test fixture, and
// twelve pages of it open in one browser. Browsers open at most six connections to one
// host; when every page held its own live-reload stream, the seventh page never loaded.
// Checks that every page loads, that only one live-reload stream is opened for all of them,
// that an edit reloads every page and that a mistake shows its problems box in every page.

import { spawn } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

const TABS = 12;
const PATHS = ["", "phong-trao/", "phong-trao/an-toan/", "en/", "en/campaigns/an-toan/", "guong-dien-hinh/"];
const CAMPAIGN = "content/campaigns/an-toan.vi.md";
const EXEMPLAR = "content/exemplars/nguyen-van-a.vi.md";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Polls `check` until it is true, for at most `ms`. */
async function waitFor(what, check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what} after ${ms} ms`);
}

/** Runs `minhbach serve` on a copy of `fixture` and checks TABS pages of it; adds a report line. */
export async function checkPreviewTabs(browser, report, { bin, fixture, tmp }) {
  const root = path.join(tmp, "preview");
  await cp(fixture, root, { recursive: true });
  const port = await freePort();
  const server = spawn(bin, ["serve", "--root", root, "--port", String(port), "--now", "2024-01-01"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}/`;
  const edit = async (file, from, to) => {
    const p = path.join(root, file);
    const text = await readFile(p, "utf8");
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    await writeFile(p, text.replace(from, to));
  };
  const problems = [];
  const figures = [];
  const context = await browser.newContext();
  try {
    await waitFor("the preview to answer", async () => (await fetch(base)).ok, 60_000);
    // Every page counts its live-reload requests (pages that reload start again).
    let streams = 0;
    const t0 = Date.now();
    const pages = await Promise.all(
      Array.from({ length: TABS }, async (_, i) => {
        const page = await context.newPage();
        page.on("request", (r) => {
          if (r.url().includes("/__minhbach/events")) streams += 1;
        });
        await page.goto(base + PATHS[i % PATHS.length], { waitUntil: "load", timeout: 20_000 });
        return page;
      }),
    );
    figures.push(`${TABS} tabs loaded in ${Date.now() - t0} ms`);
    // One of them becomes the leader and opens the stream.
    await waitFor("a live-reload stream", async () => streams > 0, 10_000);
    await sleep(500);
    figures.push(`${streams} live-reload stream(s) for ${TABS} tabs`);
    if (streams !== 1) problems.push(`${streams} live-reload streams for ${TABS} tabs in one browser; expected 1`);

    // An edit reloads every page: a mark set on each is gone after a reload.
    const mark = (v) => Promise.all(pages.map((p) => p.evaluate((v) => (window.__mark = v), v)));
    const reloaded = (p) => p.waitForFunction(() => window.__mark === undefined && document.readyState === "complete", null, { timeout: 30_000 });
    await mark(1);
    let t = Date.now();
    await edit(CAMPAIGN, 'title: "An toàn"', 'title: "An toàn (đã sửa)"');
    await Promise.all(pages.map(reloaded));
    figures.push(`all reloaded ${Date.now() - t} ms after an edit`);
    const title = await pages[2].textContent("h1");
    if (!title.includes("đã sửa")) problems.push(`after the edit the campaign page shows "${title}"`);
    // A title is first a quick look at the campaign's pages; the rest of the site is built
    // a second later, and open pages reload again.
    await waitFor("the rest of the site", async () => log.includes("(the rest of the site)"), 30_000);
    figures.push(`the rest of the site built ${Date.now() - t} ms after the edit`);
    await sleep(500);
    await Promise.all(pages.map((p) => p.waitForLoadState("load")));

    // A mistake: the problems box appears in every page, without a reload.
    await sleep(500);
    await mark(2);
    t = Date.now();
    await edit(EXEMPLAR, "campaign: an-toan\n", "campaign: khong-co-that\n");
    await Promise.all(pages.map((p) => p.waitForSelector("#minhbach-problems", { timeout: 30_000 })));
    figures.push(`problems shown in all ${Date.now() - t} ms after a mistake`);
    const marks = await Promise.all(pages.map((p) => p.evaluate(() => window.__mark)));
    if (marks.some((m) => m !== 2)) problems.push(`pages reloaded to show the problems: ${marks}`);
    const box = await pages[0].textContent("#minhbach-problems");
    if (!box.includes("nguyen-van-a.vi.md:5:11")) problems.push(`the problems box says: ${box.slice(0, 300)}`);

    // Fixed: every page reloads and the box is gone.
    await edit(EXEMPLAR, "campaign: khong-co-that\n", "campaign: an-toan\n");
    await Promise.all(pages.map(reloaded));
    const boxes = await Promise.all(pages.map((p) => p.$("#minhbach-problems")));
    if (boxes.some((b) => b !== null)) problems.push("the problems box stayed after the fix");
  } catch (e) {
    problems.push(String(e.message || e));
    problems.push(`minhbach serve said: ${log.slice(-2000)}`);
  } finally {
    await context.close();
    server.kill();
  }
  report(`preview with ${TABS} tabs`, problems.length === 0, figures.join("; "), problems);
}
