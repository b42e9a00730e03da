/**
 * GL's v0.1 theory, consistently renamed (every definition, parameter and bound variable, and
 * the two sides of every conjunction swapped), written without `anchor_name`, gives the same
 * results as the original: the anchor is found from the folder's structure, not its name, and
 * the same conjecture lines are proved and refuted. Generated here from GL's files in
 * ../shared (skipped, with a printed reason, where they are absent).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Formula, Name } from "../mpl/ast.js";
import { parseFormula } from "../mpl/parse.js";
import { printFormula } from "../mpl/print.js";
import { ensureBuilt } from "./support/built-cli.js";
import { glAsync, type Outcome } from "./support/cli-async.js";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

warnIfNoGlFixtures("gl-renamed");

const V01 = join(GL_FIXTURES, "v0.1");
const CONFIG = join(REPO_ROOT, "test", "fixtures", "gl-v0.1-config.json");
const DEFINITIONS: Record<string, string> = {
  NaturalNumbers: "Zahlen",
  fXY: "Abbildung2",
  fXYZ: "Abbildung3",
};
const BUILT_IN = new Set(["in", "in2", "in3", "="]);
/** Conjecture lines compared (the first ones: a mix of true and false candidates). */
const LINES = 60;

/** One renaming for every name in every file, so the copy stays consistent. */
function renamer(): (f: Formula) => Formula {
  const names = new Map<string, string>();
  const text = (t: string): string => {
    if (BUILT_IN.has(t)) return t;
    const d = DEFINITIONS[t];
    if (d !== undefined) return d;
    if (!names.has(t)) names.set(t, `r${names.size}v`);
    return names.get(t)!;
  };
  const name = (n: Name): Name => ({ ...n, text: text(n.text) });
  const go = (f: Formula): Formula => {
    switch (f.kind) {
      case "atom":
        return { ...f, name: name(f.name), args: f.args.map(name) };
      case "not":
        return { ...f, body: go(f.body) };
      case "and":
        return { ...f, left: go(f.right), right: go(f.left) };
      case "implies":
        return { ...f, vars: f.vars.map(name), premise: go(f.premise), conclusion: go(f.conclusion) };
    }
  };
  return go;
}

let work = "";
const original = { config: CONFIG, defs: "", list: "" };
const renamed = { config: "", defs: "", list: "" };
let withList = "";

beforeAll(() => {
  if (!haveGlFixtures) return;
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), "gl-renamed-"));
  const rename = renamer();
  const convert = (t: string): string => {
    const parsed = parseFormula(t);
    if (parsed.formula === undefined) throw new Error(`GL fixture does not parse: ${t.slice(0, 80)}`);
    return printFormula(rename(parsed.formula));
  };
  original.defs = join(work, "original");
  renamed.defs = join(work, "renamed");
  mkdirSync(original.defs);
  mkdirSync(renamed.defs);
  for (const [from, to] of Object.entries(DEFINITIONS)) {
    const text = readFileSync(join(V01, `${from}.txt`), "utf8");
    writeFileSync(join(original.defs, `${from}.txt`), text);
    writeFileSync(join(renamed.defs, `${to}.txt`), `${convert(text)}\n`);
  }
  // The renamed config names no anchor: it must be inferred.
  const config = JSON.parse(readFileSync(CONFIG, "utf8")) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(config)) {
    if (key === "anchor_name") continue;
    const e = entry as { short_mpl: string };
    out[DEFINITIONS[key]!] = { ...e, short_mpl: convert(e.short_mpl) };
  }
  renamed.config = join(work, "renamed-config.json");
  writeFileSync(renamed.config, JSON.stringify(out, null, 1));
  const lines = readFileSync(join(V01, "conjectures.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, LINES);
  original.list = join(work, "original.txt");
  renamed.list = join(work, "renamed.txt");
  writeFileSync(original.list, `${lines.join("\n")}\n`);
  writeFileSync(renamed.list, `${lines.map(convert).join("\n")}\n`);
  // A second copy with its own list, where every line quantifies over the anchor: the anchor
  // is found that way there; without a list, as the definition no other one uses.
  withList = join(work, "renamed-with-list");
  mkdirSync(withList);
  for (const to of Object.values(DEFINITIONS))
    writeFileSync(join(withList, `${to}.txt`), readFileSync(join(renamed.defs, `${to}.txt`)));
  writeFileSync(join(withList, "conjectures.txt"), readFileSync(renamed.list));
});
afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

interface CheckJson {
  ok: boolean;
  anchor: { name: string; roles: { carrier: string; zero: string; successor: string } | null };
  entities: Record<string, number>;
  definitions: string[];
}

type Prove = { proved: number; conjectures: number; theorems: { name: string; status: string }[] };
type Discover = { candidates: { name: string; status: string }[] };

let runs: Outcome[] = [];

describe.skipIf(!haveGlFixtures)("GL's v0.1 theory, consistently renamed", () => {
  beforeAll(async () => {
    const common = ["--workers", "1", "-q", "--json"];
    runs = await Promise.all([
      glAsync(["check", "--json", "--gl-config", original.config, original.defs]),
      glAsync(["check", "--json", "--gl-config", renamed.config, renamed.defs]),
      glAsync(["check", "--json", "--gl-config", renamed.config, withList]),
      ...[original, renamed].map((t) =>
        glAsync([
          "prove",
          "--gl-config",
          t.config,
          t.defs,
          "--conjectures",
          t.list,
          "--allow-unproved",
          ...common,
        ]),
      ),
      ...[original, renamed].map((t) =>
        glAsync([
          "discover",
          "--gl-config",
          t.config,
          t.defs,
          "--conjectures",
          t.list,
          "--model-size",
          "3",
          ...common,
        ]),
      ),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it("loads the same theory, with the anchor inferred from structure", () => {
    const [co, cr, cl] = runs.slice(0, 3).map((r) => JSON.parse(r.stdout) as CheckJson);
    expect(co!.anchor.name).toBe("NaturalNumbers");
    // Without a conjecture list: the definition no other one uses.
    expect(cr!.anchor.name).toBe("Zahlen");
    // With one: the definition every line quantifies over.
    expect(cl!.anchor.name).toBe("Zahlen");
    expect(cr!.entities).toEqual(co!.entities);
    expect(cr!.definitions).toEqual(co!.definitions.map((d) => DEFINITIONS[d]));
    expect(cr!.anchor.roles).not.toBeNull();
  });

  it("gl prove proves the same lines", () => {
    const [po, pr] = runs.slice(3, 5).map((r) => JSON.parse(r.stdout) as Prove);
    // The given list replaces the folder's own (the copy with a list is not used here).
    expect(pr!.conjectures).toBe(LINES);
    expect(po!.proved).toBeGreaterThan(0);
    const status = (p: Prove) => p.theorems.map((t) => `${t.name} ${t.status}`).sort();
    expect(status(pr!)).toEqual(status(po!));
  });

  const outcome = (d: Discover, keep: (status: string) => boolean) =>
    d.candidates.filter((c) => keep(c.status)).map((c) => c.name);

  it("gl discover refutes the same candidates with the ground model", () => {
    const [dO, dR] = runs.slice(5, 7).map((r) => JSON.parse(r.stdout) as Discover);
    const refuted = (d: Discover) => outcome(d, (s) => s === "refuted");
    expect(refuted(dO!).length).toBeGreaterThan(0);
    expect(refuted(dR!)).toEqual(refuted(dO!));
  });

  // With the conjunctions of the anchor's definition swapped, the join meets its premises in
  // another order; the demands it files (and so what it proves) must not change.
  it("gl discover proves the same survivors", () => {
    const [dO, dR] = runs.slice(5, 7).map((r) => JSON.parse(r.stdout) as Discover);
    const proved = (d: Discover) => outcome(d, (s) => s === "proved");
    expect(proved(dR!)).toEqual(proved(dO!));
  });
});
