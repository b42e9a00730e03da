/**
 * The site of a real discovery run on examples/peano, in headless Chromium from file://: the
 * drawn index graph with the six targets, a node that opens its page, a theorem page's
 * neighbourhood graph and statements on hover and focus, search by a statement written another
 * way, and the discovery page with the pages of refuted candidates, a counterexample's link back
 * to the model's tables. Screenshots of the index, add_comm, the discovery page and a page of
 * refuted candidates go to test-output/ (or GL_SCREENSHOT_DIR; the
 * copies in bench/results/ come from such a run). Skipped without Chromium (outside CI), like
 * test/html-browser.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProofGraph } from "../export/schema.js";
import { gl } from "./support/built-cli.js";
import { CHROMIUM_MISSING, findChromium } from "./support/chromium.js";

const executablePath = findChromium();
const inCi = Boolean(process.env.CI);
if (executablePath === null && !inCi)
  console.warn(`html-discovery-browser tests skipped: ${CHROMIUM_MISSING}`);

const shots = process.env.GL_SCREENSHOT_DIR ?? fileURLToPath(new URL("../test-output/", import.meta.url));

interface Report {
  candidates: {
    status: string;
    counterexample: { instance: Record<string, number>; facts: string[] } | null;
  }[];
  targets: { name: string; theorem: { id: string } | null }[];
}

describe.skipIf(executablePath === null && !inCi)("discovery site in Chromium", () => {
  let browser: Browser;
  let work: string;
  let graph: ProofGraph;
  let report: Report;
  const errors: string[] = [];
  const url = (path: string): string => pathToFileURL(join(work, "out", "html", path)).href;

  beforeAll(async () => {
    if (executablePath === null) throw new Error(CHROMIUM_MISSING);
    work = mkdtempSync(join(tmpdir(), "gl-discovery-site-"));
    const r = gl("discover", "examples/peano", "--out", join(work, "out"), "--workers", "1", "--quiet");
    expect(r.code, r.stderr).toBe(0);
    graph = JSON.parse(readFileSync(join(work, "out", "proof.json"), "utf8")) as ProofGraph;
    report = JSON.parse(readFileSync(join(work, "out", "discovery.json"), "utf8")) as Report;
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
    await page.goto(url(path));
    return page;
  }

  it("records every candidate, the refuted ones with their counterexamples, in discovery.json", () => {
    const refuted = report.candidates.filter((c) => c.status === "refuted");
    expect(refuted.length).toBeGreaterThan(100);
    for (const c of refuted) {
      expect(c.counterexample).not.toBeNull();
      expect(Object.keys(c.counterexample!.instance).length).toBeGreaterThan(0);
    }
  });

  it("draws the index graph with the six targets; a node opens its page", async () => {
    const page = await open("index.html");
    const targets = report.targets.filter((t) => t.theorem !== null).map((t) => t.theorem!.id);
    expect(targets).toHaveLength(6);
    const drawn = await page.locator("#graph svg g.node.target").evaluateAll((gs) => gs.map((g) => g.id));
    expect(drawn.sort()).toEqual(targets.map((id) => `g-${id}`).sort());
    expect(await page.locator("#graph svg g.node.essential").count()).toBeGreaterThan(6);
    await page.screenshot({ path: join(shots, "html-index.png") });
    const addComm = graph.theorems.find((t) => t.name === "add_comm")!;
    await page.locator(`#graph svg g#g-${addComm.id} a`).click();
    await page.waitForURL(new RegExp(`/t/${addComm.id}\\.html$`));
    expect(await page.locator("h1 .thm-name").textContent()).toBe("add_comm");
    // Keyboard: a focused node opens with Enter, like a click.
    await page.goBack();
    await page.locator(`#graph svg g#g-${addComm.id} a`).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/t/${addComm.id}\\.html$`));
    await page.close();
  });

  it("shows a theorem's neighbourhood and statements on hover and focus", async () => {
    const addComm = graph.theorems.find((t) => t.name === "add_comm")!;
    const page = await open(`t/${addComm.id}.html`);
    const nodes = await page.locator("#neighbourhood svg g.node").evaluateAll((gs) => gs.map((g) => g.id));
    expect(nodes).toContain(`g-${addComm.id}`);
    for (const used of addComm.uses) expect(nodes).toContain(`g-${used}`);
    const link = page.locator("#cites a.thm-link").first();
    const href = (await link.getAttribute("href"))!;
    const cited = graph.theorems.find((t) => href.endsWith(`/${t.id}.html`))!;
    await link.hover();
    await expect.poll(() => page.locator("#tip").textContent()).toBe(cited.readable);
    expect(await page.locator("#tip").isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await page.locator("#tip").evaluate((t) => {
      (t as unknown as { hidden: boolean }).hidden = true;
    });
    await link.focus();
    expect(await page.locator("#tip").isVisible()).toBe(true);
    // No identity bindings and no step numbered out of reading order.
    for (const m of (await page.content()).matchAll(/<var>([^<]*)<\/var> := ([^<]*)<\/span>/g))
      expect(m[1]).not.toBe(m[2]);
    await page.screenshot({ path: join(shots, "html-add_comm.png"), fullPage: true });
    await page.close();
  });

  it("finds add_comm from b+a=a+b, on a theorem page and by URL on the index; / focuses the box", async () => {
    const page = await open("t/T1.html");
    await page.keyboard.press("/");
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe("search");
    await page.keyboard.type("b+a=a+b");
    const first = page.locator("#search-results li").first();
    expect(await first.locator(".result-name").textContent()).toBe("add_comm");
    expect(await first.locator(".readable").textContent()).toBe("a + b = b + a");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/t\/T\d+\.html$/);
    expect(await page.locator("h1 .thm-name").textContent()).toBe("add_comm");
    await page.goto(`${url("index.html")}?q=${encodeURIComponent("b + a = a + b")}`);
    const shown = page.locator("[data-search-item]:visible");
    expect(await shown.locator(".entry-head a.thm-link").first().textContent()).toBe("add_comm");
    expect(await page.locator("#laws .count").textContent()).toMatch(/^\d+ of \d+$/);
    await page.close();
  });

  it("lists refuted candidates on their pages, with counterexamples linked to the model facts", async () => {
    const page = await open("discovery.html");
    const pages = page.locator("#refuted ol.refuted-pages a");
    const hrefs = await pages.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs[0]).toBe("discovery/refuted-1.html");
    const refuted = report.candidates.filter((c) => c.status === "refuted").length;
    expect(await page.locator("#refuted > h2 .count").textContent()).toBe(String(refuted));
    await page.close();
    // Every page holds its share (counted in the files: opening each page costs seconds).
    let rows = 0;
    for (const href of hrefs)
      rows +=
        readFileSync(join(work, "out", "html", href), "utf8").split('class="refuted-candidate"').length - 1;
    expect(rows).toBe(refuted);
    const first = await open(hrefs[0]!);
    expect(await first.locator("tr.refuted-candidate").count()).toBe(Math.min(refuted, 1000));
    // The first whose counterexample uses a value of an operation's table.
    const row = first.locator("tr.refuted-candidate", { has: first.locator(".facts a") }).first();
    expect(await row.locator(".counterexample").textContent()).toMatch(
      /\w+ = \d+.*two sides are \d+ and \d+/,
    );
    const fact = row.locator(".facts a").first();
    const href = (await fact.getAttribute("href"))!;
    expect(href).toMatch(/^\.\.\/discovery\.html#m\d+$/);
    await first.screenshot({ path: join(shots, "html-refuted.png") });
    // The link leads back to the cell in the model's tables.
    await fact.click();
    await first.waitForURL(/discovery\.html#m\d+$/);
    expect(await first.locator(`td${href.slice(href.indexOf("#"))}`).count()).toBe(1);
    await first.locator("#model").scrollIntoViewIfNeeded();
    await first.evaluate(() =>
      (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, 250),
    );
    await first.screenshot({ path: join(shots, "html-discovery.png") });
    await first.close();
  });

  it("raised no console errors", () => {
    expect(errors).toEqual([]);
  });
});

mkdirSync(shots, { recursive: true });
