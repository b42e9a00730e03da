/**
 * Proof extraction: from a proved goal, the derivations reachable from it (crossing into
 * ancestor blocks for inherited facts), numbered in topological order, with constants named
 * for the reader. The result is a TheoremJson of export/schema.ts.
 */
import type { AtomJson, Section, StatementJson, StepJson, TheoremJson } from "../export/schema.js";
import { type BlockState, D, F_ALIVE, factCount, REFL_PREMISE, readDeriv, readFact } from "./block.js";
import { atomJson, statementJson, statementMpl } from "./names.js";
import { withoutDetours } from "./proof-detours.js";
import { axiomRules, isComprehension, type RAtom, type Rule } from "./rules.js";
import type { Attempt, ConjectureRun, RunResult } from "./run.js";
import { EQ_BY_CLASSES, EX_FALSO } from "./saturate.js";

const UNBOUND = -2147483648;

export function extractTheorem(
  run: RunResult,
  c: ConjectureRun,
  readable: (s: StatementJson) => string,
): TheoremJson {
  const proved = c.proved!;
  const attempt = c.attempts[proved.attempt]!;
  const b = new ProofBuilder(run, c, attempt);
  const theory = run.theory;
  const constNames = theory.constants.map((k) => k.name);
  const statement = statementJson(c.statement, theory.predicates, constNames);
  const goals: TheoremJson["goals"] = {};
  let induction: TheoremJson["induction"];
  /** The step proving a goal of the attempt: its fact, or a contradiction step concluding `want`. */
  const goalStep = (i: number, want: AtomJson, scope: Section): number => {
    const block = attempt.goalBlocks[i]!;
    const g = run.blocks[block]!.meta.goals.find((x) => x.key === attempt.goalKeys[i])!;
    return g.atom === null || g.fact === EX_FALSO
      ? b.contradiction(block, want, scope)
      : b.literal(block, g.fact, g.atom, scope);
  };
  if (attempt.method !== "induction") {
    goals.main = goalStep(0, statement.head, "main");
  } else {
    const cg = run.blocks[attempt.main]!.meta.goals.find((x) => x.key === attempt.goalKeys[2])!;
    const carrierStep =
      cg.fact >= 0
        ? b.literal(attempt.main, cg.fact, cg.atom!, "main")
        : b.find(attempt.main, cg.atom!, "main");
    const v = c.statement.varNames[attempt.var]!;
    goals.step = goalStep(1, statement.head, "step");
    const zero = constNames[theory.anchor!.roles!.zero]!;
    const atZero = (a: AtomJson): AtomJson => ({ ...a, args: a.args.map((x) => (x === v ? zero : x)) });
    goals.base = goalStep(0, atZero(statement.head), "base");
    const pred = b.predecessorName;
    const fixed = attempt.fixed.map((x) => c.statement.varNames[x]!);
    const rename = (a: AtomJson): AtomJson => ({ ...a, args: a.args.map((x) => (x === v ? pred : x)) });
    const hypothesis: StatementJson = {
      vars: statement.vars.filter((x) => x !== v && !fixed.includes(x)),
      premises: statement.premises.map(rename),
      head: rename(statement.head),
    };
    induction = { var: v, predecessor: pred, fixed, hypothesis, carrierStep };
  }
  const clean = withoutDetours(b.steps, goals, induction?.carrierStep);
  const steps = clean.steps;
  if (induction && clean.carrierStep !== undefined) induction.carrierStep = clean.carrierStep;
  const uses = [...new Set(steps.filter((s) => s.kind === "theorem").map((s) => s.ref!))].sort();
  const axioms = [
    ...new Set(
      steps
        .filter((s) => ["axiom", "rule", "definition", "witness", "comprehension"].includes(s.kind))
        .map((s) => s.ref!),
    ),
  ].sort();
  const t: TheoremJson = {
    id: `T${proved.theorem + 1}`,
    name: c.name,
    statement,
    mpl: c.mpl || statementMpl(statement),
    readable: readable(statement),
    method: attempt.method,
    burst: proved.burst,
    uses,
    axioms,
    goals: clean.goals,
    steps,
  };
  if (induction) t.induction = induction;
  if (c.mirrorOf !== null) t.mirrorOf = `T${c.mirrorOf + 1}`;
  return t;
}

class ProofBuilder {
  readonly steps: StepJson[] = [];
  private readonly memo = new Map<string, number>();
  private readonly names = new Map<number, string>();
  /** The base path numbers its constants independently of the main path. */
  private readonly baseNames = new Map<number, string>();
  private scope: Section = "main";
  private readonly used = new Set<string>();
  private witnessCount = 0;
  /** Steps of an implication introduction's child derivation: step number → child block. */
  private readonly inChild = new Map<number, number>();
  readonly predecessorName: string;

  constructor(
    private readonly run: RunResult,
    readonly c: ConjectureRun,
    private readonly attempt: Attempt,
  ) {
    run.theory.constants.forEach((k) => {
      this.names.set(k.id, k.name);
      this.used.add(k.name);
    });
    const vn = c.statement.varNames;
    for (const [v, k] of c.vars) this.names.set(k, vn[v]!);
    for (const [v, k] of attempt.baseVars) this.baseNames.set(k, vn[v]!);
    for (const n of vn) this.used.add(n);
    this.predecessorName = this.fresh("p");
    if (attempt.method === "induction") this.names.set(attempt.predecessor, this.predecessorName);
  }

  private fresh(base: string): string {
    let n = base;
    for (let i = 1; this.used.has(n); i++) n = `${base}${i}`;
    this.used.add(n);
    return n;
  }

  private name(k: number): string {
    if (k === UNBOUND) return "?";
    const names =
      this.scope === "base" && k >= this.run.theory.constants.length ? this.baseNames : this.names;
    let n = names.get(k);
    if (n === undefined) {
      do n = `w${++this.witnessCount}`;
      while (this.used.has(n));
      this.used.add(n);
      names.set(k, n);
    }
    return n;
  }

  private section(at: number, scope: Section): Section {
    if (scope === "base") return "base";
    // An implication introduction's child derivation lies in its block's section.
    const m = this.run.blocks[at]!.meta;
    const block = m.kind === "intro" ? m.parent : at;
    // The step block, and the child that assumes a negated head's atom in it.
    const step = this.attempt.step;
    if (
      this.attempt.method === "induction" &&
      (block === step || this.run.blocks[block]!.meta.parent === step)
    )
      return "step";
    return "main";
  }

  private resolve(block: number, f: number): [number, number] {
    let b = block;
    let x = f;
    for (;;) {
      const d = readDeriv(this.run.blocks[b]!.data, x);
      if (d.kind !== D.inherited) return [b, x];
      x = d.ref;
      b = this.run.blocks[b]!.meta.parent;
    }
  }

  private atom(block: number, f: number): AtomJson {
    const a = readFact(this.run.blocks[block]!.data, this.run.width, f);
    return atomJson(
      this.run.theory.predicates[a.pred]!.name,
      a.args.map((k) => this.name(k)),
      a.neg,
    );
  }

  /** Emits the step for fact f of a block (and everything it rests on); returns its number. */
  emit(block: number, f: number, scope: Section): number {
    this.scope = scope;
    const [b, x] = this.resolve(block, f);
    const sec = this.section(b, scope);
    const key = `${sec === "base" ? "base" : "main"}:${b}:${x}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const d = readDeriv(this.run.blocks[b]!.data, x);
    // A reflexive premise has no fact: instance() gives it its refl step.
    const premises = d.premises.map((p) => (p === REFL_PREMISE ? -1 : this.emit(b, p, scope)));
    const step: StepJson = { n: 0, section: sec, fact: this.atom(b, x), kind: "premise", premises };
    const axiomCount = this.run.axiomCount;
    const axiomId = (i: number) => this.run.theory.anchor!.entities[i]!.id;
    switch (d.kind) {
      case D.premise:
        step.index = d.ref;
        break;
      case D.axiom:
        step.kind = "axiom";
        step.ref = axiomId(d.ref);
        return this.instance(b, x, step, this.axiomRule(d.ref).head!, [], d, key, scope);
      case D.rule: {
        let rule: Rule;
        if (d.ref < 0) {
          step.kind = "hypothesis";
          step.ref = "hypothesis";
          rule = this.run.blocks[b]!.meta.hypotheses[-1 - d.ref]!;
        } else if (d.ref < axiomCount) {
          const axiom = this.run.theory.anchor!.entities[d.ref]!;
          step.kind =
            axiom.origin.via === `${axiom.origin.definition} (introduction)` ? "definition" : "rule";
          step.ref = axiomId(d.ref);
          rule = this.axiomRule(d.ref);
        } else {
          step.kind = "theorem";
          // A theorem of this run, or one given from outside it (Engine.addTheoremRule).
          rule = this.run.theorems.find((t) => t.rule.index === d.ref)?.rule ?? this.run.rules[d.ref]!;
          step.ref = rule.ref;
        }
        step.binding = d.binding.map((k) => this.name(k));
        return this.instance(b, x, step, rule.head!, rule.premises, d, key, scope);
      }
      case D.witness: {
        step.kind = isComprehension(this.run.theory.anchor!.entities[d.ref]!) ? "comprehension" : "witness";
        step.ref = axiomId(d.ref);
        step.binding = d.binding.map((k) => this.name(k));
        step.witness = this.name(d.extra);
        const rule = this.axiomRule(d.ref);
        const have = readFact(this.run.blocks[b]!.data, this.run.width, x);
        const body = rule.exists!.body.find((a) => this.fits(a, d.binding, have));
        if (!body) throw new Error("internal: witness fact matches no body atom of its axiom");
        return this.instance(b, x, step, body, rule.premises, d, key, scope);
      }
      case D.succ:
        step.kind = "succ";
        break;
      case D.eqSubst:
        step.kind = "eq-subst";
        break;
      case D.eqSymm:
        step.kind = "eq-symm";
        break;
      case D.assume:
        step.kind = "assume";
        break;
      case D.suppose:
        step.kind = "suppose";
        step.index = d.ref;
        break;
      case D.intro:
        return this.intro(b, x, step, d.extra, key, scope);
      default:
        throw new Error(`internal: unexpected derivation kind ${d.kind}`);
    }
    return this.push(step, key, b);
  }

  /**
   * A clause by implication introduction: each case's goal from its child derivation (the
   * child's constants named after the rule's variables), then the intro step, and every step
   * of a child marked with the scope of its case.
   */
  private intro(b: number, x: number, step: StepJson, extra: number, key: string, scope: Section): number {
    const rec = this.run.blocks[b]!.meta.intros![extra]!;
    const entities = this.run.theory.anchor!.entities;
    step.kind = "intro";
    step.premises = [];
    const cases: NonNullable<StepJson["cases"]> = [];
    for (const c of rec.cases) {
      const e = entities[c.rule]!;
      const varNames = e.kind === "fact" ? [] : e.varNames;
      const clause = new Set(this.axiomRule(c.rule).premises[0]!.args);
      this.scope = scope;
      c.binding.forEach((k, v) => {
        if (!clause.has(v)) this.nameAs(k, varNames[v] ?? "x");
      });
      step.premises.push(this.literal(c.block, c.fact, c.goal, scope));
      this.scope = scope;
      cases.push({ ref: e.id, binding: c.binding.map((k) => this.name(k)) });
    }
    step.cases = cases;
    step.fact = this.atom(b, x);
    const n = this.push(step, key, b);
    rec.cases.forEach((c, j) => {
      for (const [m, child] of this.inChild)
        if (child === c.block) this.steps[m - 1]!.scope = { intro: n, case: j };
    });
    return n;
  }

  /** Names a constant first met here after `base` (fresh in this theorem). */
  private nameAs(k: number, base: string): void {
    const names =
      this.scope === "base" && k >= this.run.theory.constants.length ? this.baseNames : this.names;
    if (!names.has(k)) names.set(k, this.fresh(base));
  }

  private axiomRules: Rule[] | null = null;
  private axiomRule(i: number): Rule {
    this.axiomRules ??= axiomRules(this.run.theory);
    return this.axiomRules[i]!;
  }

  /** The atom's constants (pattern terms `-(id+1)`) and variables under `binding`. */
  private ground(a: RAtom, binding: readonly number[]): number[] {
    return a.args.map((t) => (t < 0 ? -t - 1 : binding[t]!));
  }

  /** Whether fact `have` is pattern `a` under `binding`, up to the pattern's constants. */
  private fits(a: RAtom, binding: readonly number[], have: { pred: number; neg: boolean; args: number[] }) {
    const want = this.ground(a, binding);
    return (
      a.pred === have.pred && a.neg === have.neg && want.every((c, i) => c === have.args[i] || a.args[i]! < 0)
    );
  }

  /**
   * An axiom, rule, theorem, hypothesis or witness step exactly as the verifier reads it: the
   * pattern's premises and conclusion under the binding, with the pattern's constants as
   * written. The matcher compares a pattern constant with a fact's argument through the
   * union-find classes, so a cited fact (or the stored conclusion) may hold another member of
   * the constant's class; recorded equality steps bridge each such difference.
   */
  private instance(
    b: number,
    x: number,
    step: StepJson,
    head: RAtom,
    patterns: readonly RAtom[],
    d: { binding: number[]; premises: number[] },
    key: string,
    scope: Section,
  ): number {
    const data = this.run.blocks[b]!.data;
    step.premises = step.premises.map((n, i) => {
      const want = this.ground(patterns[i]!, d.binding);
      if (d.premises[i] === REFL_PREMISE) return this.equality(b, want[0]!, want[0]!, scope);
      return this.bridge(b, n, readFact(data, this.run.width, d.premises[i]!), want, scope);
    });
    const stored = readFact(data, this.run.width, x);
    const literal = this.ground(head, d.binding);
    this.scope = scope;
    step.fact = atomJson(
      this.run.theory.predicates[stored.pred]!.name,
      literal.map((k) => this.name(k)),
      stored.neg,
    );
    const n = this.push(step, null, b);
    const last = this.bridge(b, n, { ...stored, args: literal }, stored.args, scope);
    this.memo.set(key, last);
    return last;
  }

  /**
   * Step `n` proves fact `have`; returns a step proving the same atom with arguments `want`,
   * through one eq-subst whose equalities come from the block's union-find edges.
   */
  private bridge(
    b: number,
    n: number,
    have: { pred: number; neg: boolean; args: number[] },
    want: readonly number[],
    scope: Section,
  ): number {
    if (have.args.every((c, i) => c === want[i])) return n;
    const eqs: number[] = [];
    const seen = new Set<string>();
    have.args.forEach((c, i) => {
      const k = `${c},${want[i]}`;
      if (c === want[i] || seen.has(k)) return;
      seen.add(k);
      eqs.push(this.equality(b, c, want[i]!, scope));
    });
    this.scope = scope;
    const fact = atomJson(
      this.run.theory.predicates[have.pred]!.name,
      want.map((k) => this.name(k)),
      have.neg,
    );
    return this.push(
      { n: 0, section: this.section(b, scope), fact, kind: "eq-subst", premises: [n, ...eqs] },
      null,
      b,
    );
  }

  private push(step: StepJson, key: string | null, block: number): number {
    step.n = this.steps.length + 1;
    this.steps.push(step);
    if (this.run.blocks[block]!.meta.kind === "intro") this.inChild.set(step.n, block);
    if (key) this.memo.set(key, step.n);
    return step.n;
  }

  /** Union-find edge of a constant in a block: [winner, equality fact]. */
  private edge(block: number, loser: number): [number, number] | null {
    const e = this.run.blocks[block]!.meta.ufEdges;
    for (let i = 0; i < e.length; i += 3) if (e[i] === loser) return [e[i + 1]!, e[i + 2]!];
    return null;
  }

  /**
   * Emits fact f (canonical) and, where the wanted atom names a constant that was merged
   * into another, substitution steps back to the literal atom.
   */
  literal(block: number, f: number, want: RAtom, scope: Section): number {
    if (f === EQ_BY_CLASSES) return this.equality(block, -want.args[0]! - 1, -want.args[1]! - 1, scope);
    let cur = this.emit(block, f, scope);
    this.scope = scope;
    const have = readFact(this.run.blocks[block]!.data, this.run.width, f).args;
    const sec = this.section(block, scope);
    want.args.forEach((t, i) => {
      const c = -t - 1;
      if (have[i] === c) return;
      // Path c → … → have[i] in the block's union-find forest.
      const path: [number, number, number][] = [];
      let x = c;
      while (x !== have[i]) {
        const e = this.edge(block, x);
        if (!e) throw new Error("internal: literal goal constant not joined to its representative");
        path.push([x, e[0], e[1]]);
        x = e[0];
      }
      for (let j = path.length - 1; j >= 0; j--) {
        const [loser, winner, eq] = path[j]!;
        const eqStep = this.emit(block, eq, scope);
        this.scope = scope;
        const symm = this.push(
          {
            n: 0,
            section: sec,
            fact: atomJson("=", [this.name(winner), this.name(loser)], false),
            kind: "eq-symm",
            premises: [eqStep],
          },
          null,
          block,
        );
        const prev = this.steps[cur - 1]!.fact;
        const args = prev.args.map((a, k) => (k === i && a === this.name(winner) ? this.name(loser) : a));
        cur = this.push(
          { n: 0, section: sec, fact: { ...prev, args }, kind: "eq-subst", premises: [cur, symm] },
          null,
          block,
        );
      }
    });
    return cur;
  }

  /**
   * A goal from the block's contradiction, an atom and its negation (or ¬ a = a): the negated
   * head of a proof by contradiction, or any goal of a block whose facts contradict each other.
   */
  contradiction(block: number, goal: AtomJson, scope: Section): number {
    const pair = this.run.blocks[block]!.meta.contradiction!;
    const premises = pair.filter((f) => f >= 0).map((f) => this.emit(block, f, scope));
    this.scope = scope;
    const section = this.section(block, scope);
    // A copy: the goal atom is also the statement's (or a section's), never to be shared.
    const fact = structuredClone(goal);
    return this.push({ n: 0, section, fact, kind: "contradiction", premises }, null, block);
  }

  /** Steps proving `=[a,c]` from the union-find edges joining a and c. */
  private equality(block: number, a: number, c: number, scope: Section): number {
    const sec = this.section(block, scope);
    if (a === c) {
      this.scope = scope;
      const fact = atomJson("=", [this.name(a), this.name(a)], false);
      return this.push({ n: 0, section: sec, fact, kind: "refl", premises: [] }, null, block);
    }
    const up = (x: number): [number, number, number][] => {
      const out: [number, number, number][] = [];
      for (let e = this.edge(block, x); e; e = this.edge(block, x)) {
        out.push([x, e[0], e[1]]);
        x = e[0];
      }
      return out;
    };
    const ua = up(a);
    const uc = up(c);
    const onA = new Set([a, ...ua.map((e) => e[1])]);
    const meetIdx = [c, ...uc.map((e) => e[1])].findIndex((x) => onA.has(x));
    const meet = [c, ...uc.map((e) => e[1])][meetIdx]!;
    const eqAtom = (x: number, y: number) => atomJson("=", [this.name(x), this.name(y)], false);
    const add = (fact: AtomJson, kind: "eq-symm" | "eq-trans", premises: number[]) =>
      this.push({ n: 0, section: sec, fact, kind, premises }, null, block);
    // x = meet along a chain of edges (each edge fact states =[loser,winner]).
    const chain = (from: number, edges: [number, number, number][]): number | null => {
      let cur: number | null = null;
      for (const [l, w, eq] of edges) {
        if (l === meet) break;
        const e = this.emit(block, eq, scope);
        this.scope = scope;
        cur = cur === null ? e : add(eqAtom(from, w), "eq-trans", [cur, e]);
        if (w === meet) break;
      }
      return cur;
    };
    const left = a === meet ? null : chain(a, ua);
    const right = c === meet ? null : chain(c, uc);
    // left: =[a,meet]; right: =[c,meet] → =[meet,c].
    const flipped = right === null ? null : add(eqAtom(meet, c), "eq-symm", [right]);
    if (left !== null && flipped !== null) return add(eqAtom(a, c), "eq-trans", [left, flipped]);
    return (left ?? flipped)!;
  }

  /** Emits the fact of a block equal to `want` up to equalities. */
  find(block: number, want: RAtom, scope: Section): number {
    const s: BlockState = this.run.blocks[block]!;
    const rep = (k: number): number => {
      let x = k;
      for (let e = this.edge(block, x); e; e = this.edge(block, x)) x = e[0];
      return x;
    };
    const args = want.args.map((t) => rep(-t - 1));
    const n = factCount(s.data);
    for (let f = 0; f < n; f++) {
      if (!(s.data.flags.get(f) & F_ALIVE)) continue;
      const a = readFact(s.data, this.run.width, f);
      if (a.pred === want.pred && a.neg === want.neg && a.args.every((x, i) => x === args[i]))
        return this.literal(block, f, want, scope);
    }
    throw new Error("internal: fact required by the proof is missing");
  }
}
