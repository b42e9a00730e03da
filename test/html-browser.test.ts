/**
 * The exported site in a real headless Chromium, opened from file:// as a reader would: search,
 * navigation, premise links, collapsible induction cases, hover highlighting and hostile text.
 * Without Chromium the suite fails in CI (CI set) and is skipped, with the reason, elsewhere.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSite } from "../export/html/write.js";
import type { ProofGraph, TheoremJson } from "../export/schema.js";
import { CHROMIUM_MISSING, findChromium } from "./support/chromium.js";
import { HOSTILE_NAMES, hostileGraph, SCRIPT_BREAK } from "./support/hostile-graph.js";
import type { PageElement, PageWindow } from "./support/page-window.js";
import { syntheticGraph } from "./support/synthetic-graph.js";

const executablePath = findChromium();
const inCi = Boolean(process.env.CI);
if (executablePath === null && !inCi) console.warn(`html-browser tests skipped: ${CHROMIUM_MISSING}`);

const screenshotDir = fileURLToPath(new URL("../test-output/", import.meta.url));

interface Problems {
  errors: string[];
  dialogs: string[];
}

/** A page that records console errors, uncaught exceptions, failed loads and dialogs. */
async function openPage(browser: Browser, problems: Problems): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  page.on("console", (m) => {
    if (m.type() === "error") problems.errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.errors.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.errors.push(`failed to load ${r.url()}`));
  page.on("dialog", (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/** Whether the element is laid out inside the viewport. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const r = (el as unknown as PageElement).getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= (globalThis as unknown as PageWindow).innerHeight;
  });
}

/** The number each step gets on its page: set-up, base case, step case, each in order. */
function pageNumbers(t: TheoremJson): Map<number, number> {
  const order = ["main", "base", "step"].flatMap((sec) =>
    t.steps.filter((s) => s.section === sec).sort((a, b) => a.n - b.n),
  );
  return new Map(order.map((s, i) => [s.n, i + 1]));
}

/** Every step a step depends on, through its premises. */
function dependencies(t: TheoremJson, n: number): number[] {
  const seen = new Set<number>();
  const stack = [n];
  while (stack.length > 0) {
    const current = stack.pop();
    const step = t.steps.find((s) => s.n === current);
    for (const p of step?.premises ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

describe.skipIf(executablePath === null && !inCi)("HTML site in Chromium", () => {
  let browser: Browser;
  let work: string;
  const graph: ProofGraph = syntheticGraph({ theorems: 30 });
  const url = (dir: string, path: string): string => pathToFileURL(join(work, dir, path)).href;

  beforeAll(async () => {
    if (executablePath === null) throw new Error(CHROMIUM_MISSING);
    work = mkdtempSync(join(tmpdir(), "gl-html-browser-"));
    await writeSite(graph, join(work, "site"));
    await writeSite(hostileGraph(), join(work, "hostile"));
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("filters, navigates, follows premises, reopens cases and highlights dependencies", async () => {
    const problems: Problems = { errors: [], dialogs: [] };
    const page = await openPage(browser, problems);
    await page.goto(url("site", "index.html"));
    const items = page.locator("[data-search-item]");
    const total = graph.theorems.length + graph.unproved.length;
    expect(await items.count()).toBe(total);

    // Search: typed letter by letter, in another case than the name; the query goes to the URL.
    await page.locator("#search").pressSequentially("Add_Comm");
    const law = graph.theorems.find((t) => t.name === "add_comm")!;
    const visible = page.locator("[data-search-item]:visible");
    const shown = await visible.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total / 2);
    expect(await visible.locator(".entry-head a.thm-link").first().textContent()).toBe("add_comm");
    expect(await page.locator("#unproved").isVisible()).toBe(false);
    expect(await page.locator("#search-status").textContent()).toBe(`${shown} of ${total} shown`);
    expect(new URL(page.url()).searchParams.get("q")).toBe("Add_Comm");

    // Open the law.
    await visible.locator(`a.thm-link[href="t/${law.id}.html"]`).first().click();
    await page.waitForURL(/\/t\/T4\.html$/);
    expect(await page.locator("h1").textContent()).toContain("add_comm");

    // Induction cases are open from the start.
    const stepCase = page.locator("details#case-step");
    expect(await stepCase.evaluate((d) => (d as unknown as PageElement).open)).toBe(true);
    expect(await page.locator("#hypothesis").isVisible()).toBe(true);

    // Follow a premise link from the bottom of the page to a step far above.
    const num = pageNumbers(law);
    const goal = num.get(law.goals.step!)!;
    const target = num.get(law.steps.find((s) => s.n === law.goals.step)!.premises[0]!)!;
    await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      w.scrollTo(0, w.document.body.scrollHeight);
    });
    await page.locator(`#s${goal} a.premise-link[href="#s${target}"]`).click();
    await page.waitForFunction(
      (n) => (globalThis as unknown as PageWindow).location.hash === `#s${n}`,
      target,
    );
    expect(await page.locator(`#s${target}`).getAttribute("class")).toContain("is-target");
    expect(await inViewport(page, `#s${target}`)).toBe(true);
    expect(await page.locator(".is-target").count()).toBe(1);

    // A link into a folded base case opens it again.
    await page.locator("#case-base > summary").click();
    expect(await page.locator("details#case-base").evaluate((d) => (d as unknown as PageElement).open)).toBe(
      false,
    );
    const baseStep = num.get(law.steps.find((s) => s.section === "base")!.n)!;
    await page.evaluate((n) => {
      (globalThis as unknown as PageWindow).location.hash = `#s${n}`;
    }, baseStep);
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as PageWindow).document
          .getElementById(`s${n}`)
          ?.classList.contains("is-target"),
      baseStep,
    );
    expect(await page.locator("details#case-base").evaluate((d) => (d as unknown as PageElement).open)).toBe(
      true,
    );
    expect(await inViewport(page, `#s${baseStep}`)).toBe(true);

    // Hovering the goal lights up exactly the steps it rests on; focusing it by keyboard too.
    await page.locator(`#s${goal} .col-fact`).hover();
    const litRows = async () =>
      (await page.$$eval("tr.dep-hl", (rows) => rows.map((r) => Number(r.getAttribute("data-step"))))).sort(
        (a, b) => a - b,
      );
    const expected = dependencies(law, law.goals.step!)
      .map((n) => num.get(n)!)
      .sort((a, b) => a - b);
    expect(await litRows()).toEqual(expected);
    expect(await page.locator(`#s${goal}`).getAttribute("class")).toContain("hover-self");
    await page.mouse.move(0, 0);
    await page.locator(`#s${goal} a.step-n`).focus();
    expect(await litRows()).toEqual(expected);

    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, "theorem-page.png"), fullPage: true });

    // Used by: go to the first theorem citing this one.
    const usedBy = page.locator("#used-by li").first();
    const citing = await usedBy.locator(".thm-id").textContent();
    expect(citing).toMatch(/^T\d+$/);
    await usedBy.locator("a.thm-link").click();
    await page.waitForURL(new RegExp(`/t/${citing}\\.html$`));
    expect(await page.locator("h1 .thm-id").textContent()).toBe(citing);

    expect(problems).toEqual({ errors: [], dialogs: [] });
    await page.close();
  });

  it("shows hostile text literally and runs none of it", async () => {
    const problems: Problems = { errors: [], dialogs: [] };
    const page = await openPage(browser, problems);
    await page.goto(url("hostile", "index.html"));
    const names = await page.locator("#laws .entry-head a.thm-link").allTextContents();
    expect(names).toEqual(expect.arrayContaining(Object.values(HOSTILE_NAMES)));
    expect(await page.title()).toBe(`Nat<b>"': proof graph`);
    expect(await page.locator("b").count()).toBe(0);

    await page.locator("#search").fill(SCRIPT_BREAK);
    const shown = await page.locator("[data-search-item]:visible .entry-head").allTextContents();
    expect(shown.length).toBeGreaterThan(0);

    await page.locator("#search").fill("");
    await page.locator(`#laws a.thm-link`).first().click();
    await page.waitForURL(/\/t\/T\d+\.html$/);
    expect(await page.locator("body").textContent()).toContain(SCRIPT_BREAK.slice(0, 9));

    await page.goto(url("hostile", "definitions.html"));
    await page.locator("details.source summary").last().click();
    expect(await page.locator("details.source pre").last().textContent()).toContain(SCRIPT_BREAK);
    expect(problems).toEqual({ errors: [], dialogs: [] });
    await page.close();
  });
});
