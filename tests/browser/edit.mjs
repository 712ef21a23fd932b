// Browser test of `minhbach edit` (run by tests/edit_browser.rs): the editor in headless
// Chromium (playwright-core) at 1366×768, in Vietnamese, on a copy of a fixture site.
// Creates a campaign and an exemplar with a photo through the forms, makes mistakes (a bad
// date, an unknown campaign) and sees them at the field, fixes them and sees the preview
// change, renames an item and sees its references follow, adds a unit and edits a
// document's summary in content/data/, runs axe-core on every editor screen, and does
// flows with the keyboard alone.
//
// Environment:
//   MINHBACH_BIN          the minhbach binary (required)
//   MINHBACH_SITE         the site folder to edit, a copy (required)
//   MINHBACH_CHROMIUM     Chromium (default: /usr/bin/chromium)
//   MINHBACH_SCREENSHOTS  1: write the screenshots of docs/editor/ (for the guide)

import { spawn } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const BIN = process.env.MINHBACH_BIN;
const SITE = process.env.MINHBACH_SITE;
const CHROMIUM = process.env.MINHBACH_CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.MINHBACH_SCREENSHOTS === "1";
const VIEWPORT = { width: 1366, height: 768 };

let failures = 0;
function check(name, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
  if (!ok) failures++;
}

/** Starts the editor and waits for the address it prints. */
function startEditor() {
  const child = spawn(BIN, ["edit", "--no-open", "--port", "0", "--now", "2024-06-01", "--root", SITE], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no editor address:\n${log}`)), 120000);
    const take = (chunk) => {
      log += chunk;
      const m = log.match(/(http:\/\/127\.0\.0\.1:\d+)\/_edit\/\?token=[0-9a-f]+/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], origin: m[1], log: () => log });
      }
    };
    child.stdout.on("data", take);
    child.stderr.on("data", (c) => (log += c));
    child.on("exit", (code) => reject(new Error(`minhbach edit exited with ${code}:\n${log}`)));
  });
}

async function axe(page, name) {
  await page.evaluate(AXE);
  const r = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }),
  );
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(
    `axe-core: ${name}`,
    bad.length === 0,
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes[0]?.target.join(" ")})`).join("; ") ||
      `${r.violations.length} minor or moderate`,
  );
}

async function fits(page, name) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`1366×768, no sideways scrolling: ${name}`, w <= VIEWPORT.width, `${w}px wide`);
}

async function shot(page, file) {
  if (!SHOTS) return;
  await mkdir(path.join(repo, "docs/editor"), { recursive: true });
  await page.screenshot({ path: path.join(repo, "docs/editor", file) });
}

/** The field of the facts (or of a language column) named `name`. */
function field(page, name, lang) {
  const scope = lang ? `section.column[lang="${lang}"] ` : "section.facts ";
  return page.locator(`${scope}[data-field="${name}"]`).first();
}

async function save(page) {
  await page.locator("#item-form button.primary").click();
  await page.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return s && !/Đang kiểm tra/.test(s);
  }, null, { timeout: 60000 });
  return page.locator("#status").textContent();
}

async function waitForPreview(origin, address, needle) {
  const until = Date.now() + 60000;
  let text = "";
  while (Date.now() < until) {
    const r = await fetch(origin + address).catch(() => null);
    text = r ? await r.text() : "";
    if (text.includes(needle)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const editor = await startEditor();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: VIEWPORT, locale: "vi-VN" });
const page = await context.newPage();
const external = [];
page.on("request", (req) => {
  if (!req.url().startsWith(editor.origin)) external.push(req.url());
});
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
page.on("dialog", (d) => d.accept());

try {
  // The address with the token: a cookie, and the list without the token in the address.
  await page.goto(editor.url);
  check("the token leaves the address bar", page.url() === `${editor.origin}/_edit/`, page.url());
  await page.waitForSelector("table.items tbody tr");
  check("the list is in Vietnamese", (await page.locator("h1").textContent()) === "Nội dung của trang");
  await axe(page, "list");
  await fits(page, "list");
  await shot(page, "danh-sach.png");

  // Search without diacritics.
  await page.fill("#f-q", "co hoa");
  const rows = await page.locator("table.items tbody tr").count();
  check("search without diacritics finds Cô Nguyễn Thị Hoa", rows === 1 && (await page.locator("table.items tbody").textContent()).includes("Cô Nguyễn Thị Hoa"));
  await page.fill("#f-q", "");
  await page.selectOption("#f-state", "draft");
  check("the draft filter", (await page.locator("table.items tbody").textContent()).includes("DRAFT-EXEMPLAR-MARKER"));
  await page.selectOption("#f-state", "");

  // Create a campaign through the form.
  await page.selectOption("#new-kind", "campaign");
  await page.fill("#new-title", "Phong trào Sáng kiến 2024");
  await page.click("form.create button[type=submit]");
  await page.waitForSelector("#item-form");
  check("a new campaign opens in the form", page.url().includes("phong-trao-sang-kien-2024.vi.md"), page.url());
  await axe(page, "campaign form");
  await fits(page, "campaign form");
  await shot(page, "phong-trao.png");

  // A bad date: the error is at the field, in Vietnamese; nothing is written.
  const campaignFile = path.join(SITE, "content/campaigns/phong-trao-sang-kien-2024.vi.md");
  const before = await readFile(campaignFile, "utf8");
  await field(page, "launched").locator("input").fill("2024-13-01");
  await field(page, "summary", "vi").locator("textarea").fill("Phong trào khuyến khích sáng kiến trong toàn ngành.");
  await save(page);
  const dateError = await field(page, "launched").locator(".error").textContent();
  check("a bad date is shown at its field", /không phải là ngày/.test(dateError), dateError);
  check("the field is marked invalid", (await field(page, "launched").locator("input").getAttribute("aria-invalid")) === "true");
  check("an invalid form writes nothing", (await readFile(campaignFile, "utf8")) === before);
  await axe(page, "form with errors");
  await shot(page, "loi-ngay.png");
  await field(page, "launched").locator("input").fill("2024-03");
  const saved = await save(page);
  check("the fixed form saves", /Đã lưu/.test(saved), saved);
  const written = await readFile(campaignFile, "utf8");
  check("the file keeps its comments", written.includes("#") && written.includes('launched: "2024-03"'), written.slice(0, 300));

  // The preview changes.
  const previewAddress = await page.locator("#preview-link").getAttribute("href");
  check(
    "the preview shows the saved summary",
    await waitForPreview(editor.origin, previewAddress, "Phong trào khuyến khích sáng kiến"),
    previewAddress,
  );

  // A translation side by side.
  await page.locator("section.column[lang=en] button.make-tr").click();
  await field(page, "title", "en").locator("input").fill("Innovation campaign 2024");
  check("the translation saves", /Đã lưu/.test(await save(page)));

  // An exemplar with a photo, and an unknown campaign.
  await page.goto(`${editor.origin}/_edit/`);
  await page.selectOption("#new-kind", "exemplar");
  await page.fill("#new-title", "Cô Lê Thị Mai");
  await page.click("form.create button[type=submit]");
  await page.waitForSelector("#item-form");
  await field(page, "campaign").locator("input").fill("phong-trao-sang-kein-2024");
  await field(page, "recognized").locator("input").fill("2024-05-20");
  await field(page, "award", "vi").locator("input").fill("Giấy khen của Giám đốc Sở");
  await field(page, "photo").locator("input[type=file]").setInputFiles(path.join(SITE, "static/anh/co-nguyen-thi-hoa.jpg"));
  await page.waitForFunction(() => /Đã tải lên/.test(document.getElementById("status").textContent));
  const photo = await field(page, "photo").locator("input[type=text]").inputValue();
  check("the photo is uploaded under a safe name", photo === "/anh/co-nguyen-thi-hoa-2.jpg", photo);
  await save(page);
  const campaignError = await field(page, "campaign").locator(".error").textContent();
  check("an unknown campaign is shown at its field", /không có phong trào "phong-trao-sang-kein-2024"/.test(campaignError), campaignError);
  await shot(page, "loi-phong-trao.png");
  await field(page, "campaign").locator("input").fill("phong-trao-sang-kien-2024");
  check("the exemplar saves", /Đã lưu/.test(await save(page)));
  await axe(page, "exemplar form");
  await fits(page, "exemplar form");
  await shot(page, "guong-dien-hinh.png");
  const exemplarPreview = await page.locator("#preview-link").getAttribute("href");
  check("the preview shows the exemplar's photo", await waitForPreview(editor.origin, exemplarPreview, "co-nguyen-thi-hoa-2"), exemplarPreview);

  // Rename the campaign: the exemplar's reference follows.
  await page.goto(`${editor.origin}/_edit/item?path=content%2Fcampaigns%2Fphong-trao-sang-kien-2024.vi.md`);
  await page.waitForSelector("#item-form");
  await page.fill("#rename-id", "sang-kien-2024");
  await page.click("section.item-actions form button[type=submit]");
  await page.waitForURL(/campaigns%2Fsang-kien-2024\.vi\.md/);
  const exemplar = await readFile(path.join(SITE, "content/exemplars/co-le-thi-mai.vi.md"), "utf8");
  check("the reference follows the rename", exemplar.includes('campaign: "sang-kien-2024"'), exemplar);

  // A report, with the hook for pasting a table.
  await page.goto(`${editor.origin}/_edit/item?path=content%2Freports%2Fbao-cao-nam-2023.vi.md`);
  await page.waitForSelector("#item-form");
  check("the report form has the results list", (await page.locator('[data-field="results"] ol.list > li').count()) > 0);
  await axe(page, "report form");
  await fits(page, "report form");
  await shot(page, "bao-cao.png");

  // Paste a table of results from a spreadsheet: the preview shows each row and the wrong
  // one; nothing is written until it is fixed; then the figures reach the report's page.
  const reportFile = path.join(SITE, "content/reports/bao-cao-nam-2023.vi.md");
  const reportBefore = await readFile(reportFile, "utf8");
  const reportPreview = await page.locator("#preview-link").getAttribute("href");
  const pasted = (amount) =>
    "Chỉ tiêu\tThực hiện\tGhi chú\n" +
    "Tỷ lệ học sinh bỏ học\t1,1\tGiảm nhờ vận động\n" +
    "Ty le giao vien dat chuan\t97,5\t\n" +
    `Kinh phí hỗ trợ học sinh khó khăn\t${amount}\t\n` +
    "Sĩ số bình quân một lớp\t32\t\n";
  await page.fill("#import-text", pasted("một tỷ"));
  await page.locator("section.import").getByRole("button", { name: "Xem trước" }).click();
  await page.waitForSelector(".import-result table tbody tr");
  const importRows = await page.locator(".import-result tbody tr").count();
  const wrongRow = await page.locator(".import-result tr.has-problem").textContent();
  check("a pasted table is previewed row by row", importRows === 4, `${importRows} rows`);
  check("the wrong figure is named on its row", /kinh-phi-ho-tro/.test(wrongRow) && wrongRow.length > 20, wrongRow);
  check("the columns are recognised", (await page.locator("#import-map-actual").inputValue()) === "1");
  await page.locator("section.import").getByRole("button", { name: "Áp dụng" }).click();
  await page.waitForSelector(".import-result p.error");
  check("a table with a wrong row writes nothing", (await readFile(reportFile, "utf8")) === reportBefore);
  await axe(page, "pasted table preview");
  await page.locator(".import-map").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await shot(page, "dan-bang.png");
  await page.fill("#import-text", pasted("1.700.000.000"));
  await page.locator("section.import").getByRole("button", { name: "Áp dụng" }).click();
  await page.waitForFunction(() => /Đã ghi kết quả/.test(document.querySelector("#status")?.textContent || ""), null, { timeout: 60000 });
  const reportAfter = await readFile(reportFile, "utf8");
  check("the pasted figures are written", reportAfter.includes("1700000000") && reportAfter.includes("Giảm nhờ vận động"), reportAfter.slice(0, 600));
  check("the report's page shows the pasted figures", await waitForPreview(editor.origin, reportPreview, "1.700.000.000"), reportPreview);

  // Delete to the trash and restore.
  await page.goto(`${editor.origin}/_edit/item?path=content%2Fexemplars%2Fco-le-thi-mai.vi.md`);
  await page.waitForSelector("#item-form");
  await page.click("section.item-actions button.danger");
  await page.waitForURL(/\/_edit\/trash/);
  await page.waitForSelector("ul.trash button");
  await axe(page, "trash");
  await shot(page, "thung-rac.png");
  await page.click("ul.trash button");
  await page.waitForFunction(() => /Đã khôi phục/.test(document.getElementById("status").textContent));
  check("restored from the trash", (await readFile(path.join(SITE, "content/exemplars/co-le-thi-mai.vi.md"), "utf8")).includes("Cô Lê Thị Mai"));

  // English.
  await page.goto(`${editor.origin}/_edit/?lang=en`);
  await page.waitForSelector("table.items tbody tr");
  check("the English switch", (await page.locator("h1").textContent()) === "Content of the site");
  await axe(page, "list in English");

  // Keyboard alone: search, open an item, change its title, save with Enter.
  async function tabTo(selector) {
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
    }
    return false;
  }
  /** From the list, with the keyboard only: search `query`, open the first result, add
   * `typed` at the end of the field `fieldSelector`, save with Enter. */
  async function keyboardEdit(query, fieldSelector, typed) {
    await page.goto(`${editor.origin}/_edit/`);
    await page.waitForSelector("table.items tbody tr");
    let ok = await tabTo("#f-q");
    await page.keyboard.type(query);
    ok = ok && (await tabTo("table.items tbody a"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#item-form");
    ok = ok && (await tabTo(fieldSelector));
    await page.keyboard.press("End");
    await page.keyboard.type(typed);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Đã lưu/.test(document.getElementById("status").textContent), null, { timeout: 60000 });
    return ok;
  }
  const ok = await keyboardEdit("day tot", 'section.column[lang="vi"] [data-field="title"] input', " (bàn phím)");
  const kb = await readFile(path.join(SITE, "content/campaigns/day-tot-hoc-tot.vi.md"), "utf8");
  check("a keyboard-only edit", ok && kb.includes('title: "Dạy tốt, học tốt (bàn phím)"'), kb.slice(0, 200));

  // Data entries: a unit added through the form (its id made from its name, an error at
  // the English column's field first), a document's summary edited, the rest of each
  // data file kept byte for byte; then a unit found and changed with the keyboard alone.
  const unitsFile = path.join(SITE, "content/data/units.yaml");
  const unitsBefore = await readFile(unitsFile, "utf8");
  await page.goto(`${editor.origin}/_edit/`);
  await page.waitForSelector("table.items tbody tr");
  await page.selectOption("#f-kind", "units");
  check("the list shows the units", (await page.locator("table.items tbody").textContent()).includes("Văn phòng Sở"));
  await page.selectOption("#new-kind", "units");
  await page.fill("#new-title", "Phòng Khảo thí và Kiểm định");
  await page.click("form.create button[type=submit]");
  await page.waitForSelector("#item-form.entry");
  const newId = await field(page, "id").locator("input").inputValue();
  check("a new unit's id is made from its name", newId === "phong-khao-thi-va-kiem-dinh", newId);
  await axe(page, "new unit form");
  await fits(page, "new unit form");
  await save(page);
  const enError = await field(page, "name", "en").locator(".error").textContent();
  check("a missing English name is shown in the English column", /"en"/.test(enError), enError);
  check("a refused unit writes nothing", (await readFile(unitsFile, "utf8")) === unitsBefore);
  await axe(page, "unit form with errors");
  await field(page, "name", "en").locator("input").fill("Testing and Accreditation Division");
  await page.click("#item-form button.primary");
  await page.waitForURL(/created=1/);
  await page.waitForSelector("#item-form.entry");
  const unitsAfter = await readFile(unitsFile, "utf8");
  check(
    "the unit is added at the end of units.yaml, the rest kept",
    unitsAfter.startsWith(unitsBefore) && unitsAfter.endsWith('en: "Testing and Accreditation Division"\n'),
    unitsAfter.slice(unitsBefore.length),
  );
  await axe(page, "unit form");
  await shot(page, "don-vi.png");

  const documentsFile = path.join(SITE, "content/data/documents.yaml");
  const documentsBefore = await readFile(documentsFile, "utf8");
  await page.goto(`${editor.origin}/_edit/item?data=documents&id=nd-98-2023`);
  await page.waitForSelector("#item-form.entry");
  await field(page, "summary", "en").locator("textarea").fill("Detailing the Law on Emulation and Commendation");
  const docSaved = await save(page);
  const documentsAfter = await readFile(documentsFile, "utf8");
  check(
    "a document's summary is saved in its own line",
    /Đã lưu/.test(docSaved) &&
      documentsAfter ===
        documentsBefore.replace("en: \"Detailing some articles of the Law on Emulation and Commendation\"", "en: \"Detailing the Law on Emulation and Commendation\""),
    documentsAfter,
  );
  await axe(page, "document form");
  await fits(page, "document form");
  await page.locator("div.columns").evaluate((e) => e.scrollIntoView({ block: "center" }));
  await shot(page, "van-ban.png");

  const kbUnit = await keyboardEdit("van-phong", 'section.column[lang="en"] [data-field="name"] input', " (keyboard)");
  const kbUnits = await readFile(unitsFile, "utf8");
  check("a keyboard-only edit of a unit", kbUnit && kbUnits.includes('en: "Department Office (keyboard)"'), kbUnits.slice(0, 300));

  // Deleting a unit that campaigns still name is refused, and the page says where.
  await page.locator("section.item-actions button.danger").click();
  await page.waitForSelector("#action-error li");
  const refused = await page.locator("#action-error").textContent();
  check("deleting a unit still named is refused, with where", /content\/campaigns\//.test(refused), refused.slice(0, 300));
  check("a refused delete writes nothing", (await readFile(unitsFile, "utf8")) === kbUnits);
  await axe(page, "unit delete refused");

  check("no request left the computer", external.length === 0, external.slice(0, 3).join(", "));
  check("no script errors", pageErrors.length === 0, pageErrors.join("; "));
} catch (e) {
  check("the editor flow ran to its end", false, `${e.stack}\n${editor.log()}`);
  await page.screenshot({ path: path.join(repo, "target/edit-failure.png") }).catch(() => {});
} finally {
  await browser.close();
  editor.child.kill();
}
console.log(failures ? `${failures} editor check(s) failed` : "editor: every check passed");
process.exit(failures ? 1 : 0);
