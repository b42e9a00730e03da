/**
 * The refuted candidates of a discovery run on pages of their own (export/html/refuted-pages.ts):
 * a synthetic report with enough refuted candidates for three pages, mixed with proved,
 * rejected and unproved ones, and with texts that need escaping. Every refuted candidate is on
 * exactly one page, in report order; the discovery page lists the pages; the pagers and the
 * counterexamples' model-fact links resolve; a report small enough for one page, or with no
 * refutations, still works; a page's bytes do not depend on the order the files are rendered in.
 */
import { posix } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import type { CandidateRecord, DiscoveryReport, ModelValue } from "../export/html/discovery-report.js";
import { escapeHtml } from "../export/html/escape-html.js";
import { prepareSite, renderSiteFile } from "../export/html/page-batch.js";
import { REFUTED_PAGE_ROWS } from "../export/html/refuted-pages.js";
import { renderSite, siteOf, sitePageKeys } from "../export/html/render.js";
import { syntheticGraph } from "./support/synthetic-graph.js";

const graph = syntheticGraph({ theorems: 6, unproved: 1 });

/** The model: x + y for x, y in 0..3, and the numerals' premises (which have no cell). */
const MODEL: ModelValue[] = [];
for (let x = 0; x <= 3; x++)
  for (let y = 0; y <= 3; y++)
    MODEL.push({ op: "+", inputs: [x, y], value: x + y, fact: `${x} + ${y} = ${x + y}`, theorem: null });

const HOSTILE = `<script>alert("x")</script> & 'q'`;

/**
 * `refuted` refuted candidates, with a proved one every 50th, a rejected one every 700th and an
 * unproved one every 900th in between; the 7th refuted one has hostile text.
 */
function report(refuted: number): DiscoveryReport {
  const candidates: CandidateRecord[] = [];
  for (let r = 0; r < refuted; r++) {
    const n = candidates.length;
    if (n % 50 === 49)
      candidates.push({
        name: null,
        mpl: "(=[a,a])",
        readable: "a = a",
        status: "proved",
        counterexample: null,
        theorem: graph.theorems[n % graph.theorems.length]!.id,
      });
    if (n % 700 === 699)
      candidates.push({
        name: null,
        mpl: "(=[a,b])",
        readable: `rejected ${n}`,
        status: "rejected",
        counterexample: { instance: { a: 9 }, lhs: 1, rhs: 2, facts: ["9 ^ 9 = 387420489"] },
        theorem: null,
      });
    if (n % 900 === 899)
      candidates.push({
        name: null,
        mpl: "(=[a,b])",
        readable: "a = b",
        status: "unproved",
        counterexample: null,
        theorem: null,
      });
    const x = r % 4;
    const y = (r >> 2) % 4;
    candidates.push({
      name: `c${r}`,
      mpl: r === 7 ? HOSTILE : `(>[a,b](in3[a,b,c,+])(=[c,${r}]))`,
      readable: r === 7 ? HOSTILE : `a + b = ${r}`,
      status: "refuted",
      counterexample: {
        instance: { a: x, b: y },
        lhs: x + y,
        rhs: x + y + 1,
        facts: ["premise succ(0) = 1", `${x} + ${y} = ${x + y}`, ...(r === 7 ? [HOSTILE] : [])],
      },
      theorem: null,
    });
  }
  return {
    stages: { candidates: candidates.length, refutedByModel: refuted },
    candidatesFrom: "enumerated",
    candidates,
    model: { size: 3, values: MODEL, distinctness: 3 },
    closedForms: [],
    essential: [],
  };
}

/** The ids a page defines. */
const idsOf = (html: string): Set<string> => new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
/** The hrefs a page links to, as written. */
const hrefsOf = (html: string): string[] => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
/** The refuted rows' anchors on a page, in order. */
const rowsOf = (html: string): string[] =>
  [...html.matchAll(/<tr id="(c\d+)" class="refuted-candidate">/g)].map((m) => m[1]!);

/** Every href of every page resolved against the site: the ones that miss a file or an id. */
function brokenLinks(site: Map<string, string>): string[] {
  const broken: string[] = [];
  for (const [path, html] of site) {
    if (!path.endsWith(".html")) continue;
    for (const href of hrefsOf(html)) {
      const [file = "", fragment] = href.split("#");
      const target = file === "" ? path : posix.normalize(posix.join(posix.dirname(path), file));
      const targetHtml = site.get(target);
      if (targetHtml === undefined) broken.push(`${path}: ${href} (no file ${target})`);
      else if (fragment !== undefined && fragment !== "" && !idsOf(targetHtml).has(fragment))
        broken.push(`${path}: ${href} (no #${fragment} in ${target})`);
    }
  }
  return broken;
}

const REFUTED = 2 * REFUTED_PAGE_ROWS + 345;
const big = report(REFUTED);
const site = await renderSite(graph, { discovery: big });
const pagePaths = [...site.keys()].filter((p) => p.startsWith("discovery/"));

describe("refuted candidates on pages of their own", () => {
  it("puts every refuted candidate on exactly one page, in report order, none on the discovery page", () => {
    expect(pagePaths).toEqual([
      "discovery/refuted-1.html",
      "discovery/refuted-2.html",
      "discovery/refuted-3.html",
    ]);
    // Right after the discovery page, in the site's file order.
    const paths = [...site.keys()];
    expect(paths.slice(paths.indexOf("discovery.html") + 1, paths.indexOf("discovery.html") + 4)).toEqual(
      pagePaths,
    );
    const expected = big.candidates.flatMap((c, i) => (c.status === "refuted" ? [`c${i + 1}`] : []));
    expect(expected).toHaveLength(REFUTED);
    const perPage = pagePaths.map((p) => rowsOf(site.get(p)!));
    expect(perPage.map((r) => r.length)).toEqual([REFUTED_PAGE_ROWS, REFUTED_PAGE_ROWS, 345]);
    expect(perPage.flat()).toEqual(expected);
    for (const [path, html] of site)
      if (!path.startsWith("discovery/")) expect(rowsOf(html), path).toEqual([]);
  });

  it("lists the pages on the discovery page with the total and each page's range", () => {
    const html = site.get("discovery.html")!;
    const section = html.slice(html.indexOf('<section id="refuted"'), html.indexOf('<section id="rejected"'));
    expect(section).toContain(`Refuted candidates <span class="count">${REFUTED}</span>`);
    const listed = [
      ...section.matchAll(/<a href="([^"]*)">Page (\d+)<\/a>: candidates (c\d+) to (c\d+) \((\d+)\)<\/li>/g),
    ];
    expect(listed.map((m) => m[1])).toEqual(pagePaths);
    for (const [k, m] of listed.entries()) {
      const rows = rowsOf(site.get(pagePaths[k]!)!);
      expect([m[2], m[3], m[4], m[5]]).toEqual([String(k + 1), rows[0], rows.at(-1), String(rows.length)]);
    }
  });

  it("gives every page previous/next links and the numbered list of every page, itself marked", () => {
    for (const [k, path] of pagePaths.entries()) {
      const html = site.get(path)!;
      const prev = [...html.matchAll(/rel="prev" href="([^"]*)"/g)].map((m) => m[1]);
      const next = [...html.matchAll(/rel="next" href="([^"]*)"/g)].map((m) => m[1]);
      // At the top and at the bottom; the first page has no previous, the last no next.
      expect(prev).toEqual(k === 0 ? [] : [`../${pagePaths[k - 1]}`, `../${pagePaths[k - 1]}`]);
      expect(next).toEqual(
        k === pagePaths.length - 1 ? [] : [`../${pagePaths[k + 1]}`, `../${pagePaths[k + 1]}`],
      );
      expect(html).toContain(`page ${k + 1} of 3`);
      const list = html.slice(
        html.indexOf('<nav class="page-list"'),
        html.indexOf("</nav>", html.indexOf('<nav class="page-list"')),
      );
      expect(
        [...list.matchAll(/<li>(?:<a href="([^"]*)">|<span aria-current="page">)(\d+)/g)].map((m) => [
          m[1] ?? null,
          m[2],
        ]),
      ).toEqual(pagePaths.map((p, j) => [j === k ? null : `../${p}`, String(j + 1)]));
      expect(html).toContain('<script src="../site.js"></script>');
      expect(html).toContain('href="../style.css"');
    }
  });

  it("links every counterexample's model facts to their cells on the discovery page, and every link resolves", () => {
    expect(brokenLinks(site)).toEqual([]);
    const discovery = site.get("discovery.html")!;
    const row = site.get(pagePaths[0]!)!.match(/<tr id="c6" [^\n]*/)![0];
    // c6 is the sixth candidate, refuted (the first other one is the 50th): a = 1, b = 1.
    const href = row.match(/<a href="([^"]*)">1 \+ 1 = 2<\/a>/)![1]!;
    expect(href).toMatch(/^\.\.\/discovery\.html#m\d+$/);
    expect(discovery).toMatch(new RegExp(`<td id="${href.split("#")[1]}" title="1 \\+ 1 &#x3D; 2">2</td>`));
    // A premise has no cell: shown, not linked.
    expect(row).toContain('<td class="facts">premise succ(0) = 1; <a ');
    let facts = 0;
    for (const p of pagePaths)
      facts += (site.get(p)!.match(/href="\.\.\/discovery\.html#m\d+"/g) ?? []).length;
    expect(facts).toBe(REFUTED);
  });

  it("escapes the report's texts", () => {
    const html = site.get(pagePaths[0]!)!;
    expect(html).not.toContain("<script>alert");
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;";
    const row = html.match(/<tr id="c8" [^\n]*/)![0];
    expect(row.split(escaped)).toHaveLength(4);
  });

  it("keeps the rejected candidates, not certified, on the discovery page", () => {
    const html = site.get("discovery.html")!;
    const rejected = big.candidates.flatMap((c, i) => (c.status === "rejected" ? [`c${i + 1}`] : []));
    expect(rejected.length).toBeGreaterThan(1);
    const section = html.slice(
      html.indexOf('<section id="rejected"'),
      html.indexOf('<section id="unproved-survivors"'),
    );
    expect([...section.matchAll(/<tr id="(c\d+)" class="rejected-candidate">/g)].map((m) => m[1])).toEqual(
      rejected,
    );
    expect(section).toContain(`<span class="count">${rejected.length}</span>`);
    expect(section).not.toContain("<a href");
  });

  it("renders the same bytes whatever order, or thread, renders the files in", async () => {
    const input = { graph, extras: { discovery: big } };
    await prepareSite(input);
    const keys = sitePageKeys(siteOf(graph, { discovery: big }));
    const reversed = new Map([...keys].reverse().map((k) => renderSiteFile(k, input)));
    expect(new Map([...site].filter(([p]) => reversed.has(p)))).toEqual(reversed);
    expect(reversed.size).toBe(site.size);
  });
});

describe("a theory with few or no refutations", () => {
  it("needs one page, without previous or next", async () => {
    const small = await renderSite(graph, { discovery: report(12) });
    expect([...small.keys()].filter((p) => p.startsWith("discovery/"))).toEqual(["discovery/refuted-1.html"]);
    const page = small.get("discovery/refuted-1.html")!;
    expect(rowsOf(page)).toHaveLength(12);
    expect(page).not.toContain('rel="prev"');
    expect(page).not.toContain('rel="next"');
    expect(page).toContain("page 1 of 1");
    expect(brokenLinks(small)).toEqual([]);
  });

  it("has no pages and says so when nothing was refuted", async () => {
    const none = await renderSite(graph, { discovery: report(0) });
    expect([...none.keys()].filter((p) => p.startsWith("discovery/"))).toEqual([]);
    const html = none.get("discovery.html")!;
    const section = html.slice(html.indexOf('<section id="refuted"'), html.indexOf('<section id="rejected"'));
    expect(section).toContain('<span class="count">0</span>');
    expect(section).toContain("(none)");
    expect(brokenLinks(none)).toEqual([]);
  });
});

describe("escapeHtml", () => {
  it("escapes as handlebars does, but for = and the backtick", () => {
    const samples = [HOSTILE, "a = b", "", "plain", "&amp;", "`x`=<y>", "'\"'\"", "¬(0 = 1) ⊢ ∀"];
    // And every pairing of the characters that matter.
    const chars = ["&", "<", ">", '"', "'", "`", "=", "a", "é"];
    for (const a of chars) for (const b of chars) samples.push(`${a}${b}${a}`);
    for (const s of samples) {
      const byHandlebars = Handlebars.escapeExpression(s).replaceAll("&#x3D;", "=").replaceAll("&#x60;", "`");
      expect(escapeHtml(s), s).toBe(byHandlebars);
    }
  });
});
