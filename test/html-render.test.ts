import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { slug, theoremPath } from "../export/html/links.js";
import { renderSite } from "../export/html/render.js";
import { STEP_KIND_ORDER } from "../export/html/step-kinds.js";
import type { ProofGraph, TheoremJson } from "../export/schema.js";
import { shapesGraph } from "./support/peano-graph.js";
import { syntheticGraph } from "./support/synthetic-graph.js";

const graph = syntheticGraph({ theorems: 40, unproved: 3 });
const site = await renderSite(graph);

/** Text as handlebars escapes it. */
function esc(text: string): string {
  const map: Record<string, string> = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "`": "&#x60;",
    "=": "&#x3D;",
  };
  return text.replace(/[&<>"'`=]/g, (c) => map[c]!);
}

function page(path: string): string {
  const text = site.get(path);
  if (text === undefined) throw new Error(`no page ${path}`);
  return text;
}

function theorem(id: string): TheoremJson {
  const t = graph.theorems.find((x) => x.id === id);
  if (t === undefined) throw new Error(`no theorem ${id}`);
  return t;
}

/** The ids a page defines. */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
}

/** The hrefs a page links to (escaped as written in the HTML). */
function hrefsOf(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
}

/** The body of the first element with this id, up to the closing tag of `tag`. */
function section(html: string, id: string, tag: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no element ${id}`);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(start, end);
}

describe("renderSite", () => {
  it("writes the fixed pages, the assets and one page per theorem", () => {
    const expected = [
      "style.css",
      "site.js",
      "minisearch.js",
      "search-data.js",
      "index.html",
      "definitions.html",
      "rules.html",
      ...graph.theorems.map((t) => `t/${t.id}.html`),
    ];
    expect([...site.keys()]).toEqual(expected);
  });

  it("is deterministic: the same graph gives the same bytes", async () => {
    const again = await renderSite(structuredClone(graph));
    expect([...again.entries()]).toEqual([...site.entries()]);
    expect([...site.values()].join("")).not.toMatch(/\b20\d\d-\d\d-\d\d/);
  });

  it("links only to files and anchors that exist", () => {
    let checked = 0;
    for (const [path, html] of site) {
      if (!path.endsWith(".html")) continue;
      for (const href of hrefsOf(html)) {
        expect(href, `${path}: ${href}`).not.toMatch(/^[a-z]+:/i);
        const [file = "", fragment] = href.split("#");
        const target = file === "" ? path : posix.normalize(posix.join(posix.dirname(path), file));
        const targetHtml = site.get(target);
        expect(targetHtml, `${path} links to missing ${target}`).toBeDefined();
        if (fragment !== undefined && fragment !== "") {
          expect(idsOf(targetHtml!).has(fragment), `${path} links to missing #${fragment} in ${target}`).toBe(
            true,
          );
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("needs no server, network or module scripts", () => {
    for (const [path, raw] of site) {
      // SVG namespace names are identifiers, not addresses; the search library is vendored as shipped.
      const text = raw.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, "");
      if (path !== "minisearch.js") {
        expect(text, path).not.toMatch(/type="module"|\bfetch\(|https?:\/\/|\bimport\s*\(/);
      }
      if (path.endsWith(".html")) {
        const root = path.startsWith("t/") ? "../" : "";
        expect([...text.matchAll(/<script\b[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1])).toEqual(
          ["minisearch.js", "search-data.js", "site.js"].map((f) => root + f),
        );
        expect(text).toContain(path.startsWith("t/") ? 'href="../style.css"' : 'href="style.css"');
      }
    }
  });
});

describe("index page", () => {
  const index = page("index.html");

  it("groups named laws and lemmas and lists every theorem once", () => {
    const laws = index.slice(index.indexOf('id="laws"'), index.indexOf('id="lemmas"'));
    const lemmas = index.slice(index.indexOf('id="lemmas"'), index.indexOf('id="unproved"'));
    for (const t of graph.theorems) {
      const head = `<div class="entry-head"><a class="thm-link" href="${theoremPath(t.id)}"`;
      expect(index.split(`data-search-item data-id="${t.id}"`), t.id).toHaveLength(2);
      if (t.name !== null) {
        expect(laws.split(head), t.id).toHaveLength(2);
        expect(lemmas, t.id).not.toContain(head);
      }
    }
    expect(laws).toContain("add_comm");
    expect(laws).toContain(esc("(a + b) + c = a + (b + c)"));
    expect(laws).toContain(esc("a·(b + c) = a·b + a·c"));
  });

  it("marks mirrors and shows method, steps and burst", () => {
    const t5 = theorem("T5");
    expect(t5.mirrorOf).toBe("T4");
    expect(index).toMatch(
      /<span class="thm-id">T5<\/span> <span class="badge mirror">mirror of <a class="thm-link" href="t\/T4\.html" data-tip="[^"]*">add_comm<\/a> <span class="thm-id">T4<\/span><\/span>/,
    );
    expect(index).toContain(`induction on b · ${theorem("T4").steps.length} steps`);
  });

  it("lists unproved conjectures separately, and the run summary", () => {
    const unproved = section(index, "unproved", "section");
    expect(unproved).toContain("mul_cancel");
    expect(unproved).toContain("(unnamed)");
    expect(index).toContain(`fixpoint after ${graph.run.bursts} bursts`);
    expect(index).toContain(`${graph.run.facts} facts`);
    expect(index).toContain('href="definitions.html"');
  });

  it("ships one search record per searchable entry, with its name, statement and link", () => {
    const script = page("search-data.js");
    const json = /^window\.glSearchData = (.*);$/m.exec(script)?.[1];
    const data = JSON.parse(json ?? "null") as {
      constants: string[];
      items: { id: string; name: string; statement: string; href: string; kind: string }[];
    };
    const items = index.match(/data-search-item/g) ?? [];
    expect(data.items).toHaveLength(items.length);
    expect(data.items).toHaveLength(graph.theorems.length + graph.unproved.length);
    const law = graph.theorems.find((t) => t.name === "add_comm")!;
    const record = data.items.find((x) => x.id === law.id)!;
    expect(record).toMatchObject({
      name: "add_comm",
      statement: law.readable,
      href: `t/${law.id}.html`,
      kind: "target",
    });
    expect(data.constants).toEqual(graph.theory.constants.map((c) => c.name));
  });
});

/** The number each step gets on its page: shown order is set-up, base case, step case. */
function pageNumbers(t: TheoremJson): Map<number, number> {
  const order = ["main", "base", "step"].flatMap((sec) =>
    t.steps.filter((s) => s.section === sec).sort((a, b) => a.n - b.n),
  );
  return new Map(order.map((s, i) => [s.n, i + 1]));
}

describe("theorem pages", () => {
  it("numbers the steps in reading order with anchors, and links premises to their steps", () => {
    const t = theorem("T4");
    const html = page("t/T4.html");
    const num = pageNumbers(t);
    const rows = [...html.matchAll(/<tr id="s(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(t.steps.map((_, i) => i + 1));
    for (const s of t.steps) {
      const row = section(html, `s${num.get(s.n)}`, "tr");
      const links = [...row.matchAll(/class="premise-link" href="#s(\d+)"/g)].map((m) => Number(m[1]));
      expect(links, `step ${s.n}`).toEqual(s.premises.map((p) => num.get(p)));
      expect(row).toContain(`data-deps="${s.premises.map((p) => num.get(p)).join(" ")}"`);
      expect(row).toContain(`href="../rules.html#${s.kind}"`);
    }
  });

  it("links the reference of each step: axiom, theorem or hypothesis", () => {
    const t = theorem("T4");
    const html = page("t/T4.html");
    const kinds = new Set(t.steps.map((s) => s.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(["premise", "rule", "witness", "theorem", "hypothesis", "succ"]),
    );
    const num = pageNumbers(t);
    for (const s of t.steps) {
      const row = section(html, `s${num.get(s.n)}`, "tr");
      if (s.kind === "rule" || s.kind === "axiom" || s.kind === "witness") {
        expect(row).toContain(`class="ref" href="../definitions.html#${s.ref}"`);
      } else if (s.kind === "theorem") {
        expect(row).toContain(`class="ref" href="../t/${s.ref}.html"`);
      } else if (s.kind === "hypothesis") {
        expect(row).toContain('class="ref" href="#hypothesis"');
      } else {
        expect(row).not.toContain('class="ref"');
      }
    }
  });

  it("shows the binding against the referenced entity's variables, without identities", () => {
    const html = page("t/T4.html");
    const t = theorem("T4");
    const num = pageNumbers(t);
    const step = t.steps.find((s) => s.kind === "witness")!;
    const axiom = graph.axioms.find((a) => a.id === step.ref)!;
    const expected = axiom.vars
      .map((v, i) => [v, step.binding![i]!] as const)
      .filter(([v, c]) => v !== c)
      .map(([v, c]) => `<span class="bind"><var>${esc(v)}</var> := ${esc(c)}</span>`)
      .join(", ");
    expect(expected).not.toBe("");
    expect(section(html, `s${num.get(step.n)}`, "tr")).toContain(`<td class="col-binding">${expected}</td>`);
    // A binding of a variable to itself is not shown.
    for (const m of html.matchAll(/<var>([^<]*)<\/var> := ([^<]*)<\/span>/g)) expect(m[1]).not.toBe(m[2]);
  });

  it("shows induction cases in open details, with the hypothesis in the step case", () => {
    const t = theorem("T4");
    const num = pageNumbers(t);
    const html = page("t/T4.html");
    expect(html).toContain('<details class="case" id="case-base" open>');
    expect(html).toContain('<details class="case" id="case-step" open>');
    const step = section(html, "case-step", "details");
    expect(step).toContain('id="hypothesis"');
    expect(step).toContain(esc("a + p = p + a"));
    for (const s of t.steps.filter((x) => x.section === "step"))
      expect(step).toContain(`id="s${num.get(s.n)}"`);
    const base = section(html, "case-base", "details");
    for (const s of t.steps.filter((x) => x.section === "base"))
      expect(base).toContain(`id="s${num.get(s.n)}"`);
    expect(page("t/T2.html")).not.toContain("<details");
  });

  it("renders a case split (no hypothesis used) and a negated-head induction's assumptions", async () => {
    const pages = await renderSite(shapesGraph());
    const split = pages.get("t/T10.html")!;
    expect(split).toContain("case split on b");
    expect(section(split, "case-base", "details")).toContain(esc("Case b := zero"));
    const succCase = section(split, "case-step", "details");
    expect(succCase).toContain(esc("Case b = s(p)"));
    expect(succCase).not.toContain('id="hypothesis"');
    const negated = pages.get("t/T9.html")!;
    expect(negated).toContain("induction on a");
    for (const id of ["case-base", "case-step"]) {
      const body = section(negated, id, "details");
      expect(body).toContain(">assume<");
      expect(body).toContain(">contradiction<");
    }
    expect(section(negated, "case-step", "details")).toContain('id="hypothesis"');
  });

  it("lists the theorems that cite it, or (none)", () => {
    const usedBy = section(page("t/T4.html"), "used-by", "section");
    const citing = graph.theorems.filter((x) => x.steps.some((s) => s.kind === "theorem" && s.ref === "T4"));
    expect(citing.length).toBeGreaterThan(1);
    const linked = [...usedBy.matchAll(/class="thm-link" href="\.\.\/t\/(T\d+)\.html"/g)].map((m) => m[1]);
    expect(linked).toEqual(citing.map((x) => x.id));
    const last = graph.theorems.at(-1)!;
    expect(section(page(`t/${last.id}.html`), "used-by", "section")).toContain("(none)");
  });

  it("lists the axioms and definitions it rests on, through cited theorems", () => {
    // Independent closure over `uses`, for a mirror that has no axiom of its own.
    const closure = (id: string, seen = new Set<string>()): Set<string> => {
      const t = theorem(id);
      for (const a of t.axioms) seen.add(a);
      for (const u of t.uses) closure(u, seen);
      return seen;
    };
    const t5 = theorem("T5");
    expect(t5.axioms).toEqual([]);
    const restsOn = section(page("t/T5.html"), "rests-on", "section");
    const shown = [...restsOn.matchAll(/class="axiom-link" href="\.\.\/definitions\.html#(A\d+)"/g)].map(
      (m) => m[1],
    );
    const order = graph.axioms.map((a) => a.id);
    expect(shown).toEqual([...closure("T5")].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(shown.length).toBeGreaterThan(0);
    expect(restsOn).toContain(">NaturalNumbers</a>");
    expect(restsOn).toContain(">fXYZ</a>");
  });

  it("links previous, next and the index", () => {
    const html = page("t/T4.html");
    expect(html).toContain('rel="prev" href="../t/T3.html"');
    expect(html).toContain('rel="next" href="../t/T5.html"');
    expect(html).toContain('href="../index.html"');
    expect(page("t/T1.html")).toContain('class="prev disabled"');
  });

  it("shows a contradiction proof and marks goal steps", () => {
    const t = graph.theorems.find((x) => x.method === "contradiction")!;
    const html = page(`t/${t.id}.html`);
    expect(html).toContain("Proof by contradiction");
    expect(section(html, `s${t.goals.main}`, "tr")).toContain('class="step goal"');
    expect(html).toContain('href="../rules.html#contradiction"');
  });
});

describe("definitions and rules pages", () => {
  it("anchors every axiom and definition", () => {
    const html = page("definitions.html");
    const ids = idsOf(html);
    for (const a of graph.axioms) expect(ids.has(slug(a.id)), a.id).toBe(true);
    expect(ids.has("def-1") && ids.has(`def-${graph.definitions.length}`)).toBe(true);
    expect(html).toContain('fXYZ[<span class="param">f: <span class="type">operation</span></span>');
    expect(html).toContain(esc("x + y = z ⇒ x ∈ N"));
    expect(html).toContain(esc("x ∈ N ∧ y ∈ N ⇒ ∃ z: z ∈ N ∧ x + y = z"));
    expect(html).toContain("examples/peano/peano.mpl");
  });

  it("explains every step kind under its own anchor", () => {
    const html = page("rules.html");
    const ids = idsOf(html);
    expect(STEP_KIND_ORDER).toHaveLength(17);
    for (const k of STEP_KIND_ORDER) expect(ids.has(k), k).toBe(true);
  });
});

describe("unusual ids", () => {
  it("builds file names and links from a safe form of the id", async () => {
    const g: ProofGraph = structuredClone(graph);
    const odd = '../T"1 x';
    for (const t of g.theorems) {
      if (t.id === "T1") t.id = odd;
      t.uses = t.uses.map((u) => (u === "T1" ? odd : u));
      if (t.mirrorOf === "T1") t.mirrorOf = odd;
      for (const s of t.steps) if (s.kind === "theorem" && s.ref === "T1") s.ref = odd;
    }
    const out = await renderSite(g);
    const path = theoremPath(odd);
    expect(path).toMatch(/^t\/_[0-9a-f]+\.html$/);
    expect(out.has(path)).toBe(true);
    expect(out.get("t/T2.html")).toContain(`href="../${path}"`);
    expect([...out.keys()].every((k) => !k.includes(".."))).toBe(true);
  });
});

describe("a ground model's site", () => {
  it("is titled as a model and lists its facts, not target laws", async () => {
    const g: ProofGraph = structuredClone(graph);
    g.theorems = g.theorems
      .filter((t) => t.method === "direct")
      .map((t) => ({ ...t, statement: { ...t.statement, vars: [] } }));
    const out = await renderSite(g);
    const index = out.get("index.html")!;
    expect(index).toContain(`<title>${esc(g.theory.anchor)}: ground model</title>`);
    expect(index).toContain("ground model facts</h1>");
    expect(index).toContain("Model facts");
    expect(index).not.toContain("Target laws");
    expect(index).not.toContain("proved theorems");
  });
});
