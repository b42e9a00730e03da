/**
 * z3 never confirms a false statement: theorems of the peano-quick graph (proved by the engine
 * with one worker) get two arguments of their statement swapped, in the head or in a premise,
 * together with the steps that state that atom (so the graph still looks like a proof of the
 * new statement). Only mutants that a brute-force judge on ℕ finds false are counted: ℕ is a
 * model of the axioms and of every cited (unmutated) theorem, so a confirmation would be a
 * bug in the encoding. The per-problem timeout is short to keep the test fast; as a control,
 * the same timeout confirms many of the unmutated theorems, so it is not too short to confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProver } from "../cli/run-engine.js";
import { crosscheckGraph } from "../crosscheck/crosscheck.js";
import { Z3Session } from "../crosscheck/z3.js";
import type { AtomJson, ProofGraph, TheoremJson } from "../export/schema.js";
import { loadPaths } from "../mpl/index.js";
import { judgeStatement } from "./support/statement-judge.js";

const TIMEOUT_MS = 500;

async function provePeanoQuick(): Promise<ProofGraph> {
  const { theory } = loadPaths(["examples/peano-quick"]);
  if (!theory) throw new Error("examples/peano-quick does not compile");
  const options = { workers: 1, settings: {}, phase: "test", quiet: true };
  return (await runProver(theory, theory.conjectures, options)).graph;
}

interface Mutant {
  readonly description: string;
  readonly graph: ProofGraph;
  readonly theorem: string;
}

const show = (a: AtomJson) => `${a.pred}[${a.args.join(",")}]`;
const sameAtom = (a: AtomJson, b: AtomJson) => show(a) === show(b) && (a.neg === true) === (b.neg === true);

function swapped(a: AtomJson, i: number, j: number): AtomJson {
  const args = [...a.args];
  [args[i], args[j]] = [args[j]!, args[i]!];
  return { ...a, args };
}

/** Every swap of two different element arguments in the head or a premise of `t`. */
function mutantsOf(graph: ProofGraph, index: number): Mutant[] {
  const t = graph.theorems[index]!;
  const atoms: { where: "head" | number; atom: AtomJson }[] = [
    { where: "head", atom: t.statement.head },
    ...t.statement.premises.map((atom, i) => ({ where: i, atom })),
  ];
  const out: Mutant[] = [];
  for (const { where, atom } of atoms) {
    const elements = atom.pred === "=" ? 2 : atom.args.length - 1;
    for (let i = 0; i < elements; i++)
      for (let j = i + 1; j < elements; j++) {
        if (atom.args[i] === atom.args[j]) continue;
        const g = structuredClone(graph);
        const m: TheoremJson = g.theorems[index]!;
        const next = swapped(atom, i, j);
        if (where === "head") m.statement.head = next;
        else m.statement.premises[where] = next;
        // The steps stating the old atom (the goal, or the premise steps) state the new one.
        for (const step of m.steps) if (sameAtom(step.fact, atom)) step.fact = swapped(step.fact, i, j);
        out.push({
          description: `${t.id} ${where === "head" ? "head" : `premise ${where + 1}`} ${show(atom)} → ${show(next)}`,
          graph: g,
          theorem: t.id,
        });
      }
  }
  return out;
}

const graph = await provePeanoQuick();
const candidates = graph.theorems.flatMap((_, i) => mutantsOf(graph, i));
const allFalse = candidates.filter((m) => {
  const t = m.graph.theorems.find((x) => x.id === m.theorem)!;
  return !judgeStatement(m.graph, t.statement, 4).holds;
});
/** Evenly spaced, so every theorem is represented while the test stays short. */
const SAMPLE = 56;
const falseMutants =
  allFalse.length <= SAMPLE
    ? allFalse
    : Array.from({ length: SAMPLE }, (_, k) => allFalse[Math.floor((k * allFalse.length) / SAMPLE)]!);

describe("z3 on false statements", () => {
  let z3: Z3Session;
  beforeAll(async () => {
    z3 = await Z3Session.start();
  });
  afterAll(() => z3.close());

  it("has at least 50 mutants that the judge finds false", () => {
    expect(candidates.length).toBeGreaterThan(allFalse.length);
    expect(falseMutants.length).toBeGreaterThanOrEqual(50);
  });

  it("never confirms one of them", { timeout: 300_000 }, async () => {
    const confirmed: string[] = [];
    for (const m of falseMutants) {
      const report = await crosscheckGraph(m.graph, z3, {
        timeoutMs: TIMEOUT_MS,
        only: new Set([m.theorem]),
      });
      if (report.theorems[0]!.verdict === "confirmed") confirmed.push(m.description);
    }
    expect(confirmed).toEqual([]);
  });

  it("confirms many unmutated theorems with the same timeout (the control)", {
    timeout: 120_000,
  }, async () => {
    const mutated = new Set(falseMutants.map((m) => m.theorem));
    const report = await crosscheckGraph(graph, z3, { timeoutMs: TIMEOUT_MS, only: mutated });
    expect(report.counts.refuted).toBe(0);
    // 16 of the 23 are confirmed with the default 5 s; a loaded machine may lose a few here.
    expect(report.counts.confirmed).toBeGreaterThanOrEqual(Math.ceil(mutated.size / 3));
  });
});
