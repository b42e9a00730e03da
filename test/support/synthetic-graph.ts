/**
 * Synthetic proof graphs for the HTML export's tests and benchmark: a Peano-like theory with
 * any number of theorems of every method (direct, induction, contradiction), mirrors, lemmas
 * cited by later theorems, witnesses and equality steps. The proofs look like the engine's
 * (every premise is an earlier step, every reference exists) but are not meant to verify.
 * Deterministic: the same options give the same graph.
 */
import { mplStatement } from "../../export/mpl-text.js";
import { readableStatement } from "../../export/readable.js";
import type {
  AtomJson,
  DefinitionJson,
  EntityJson,
  InductionJson,
  ProofGraph,
  Section,
  StatementJson,
  StepJson,
  StepKind,
  TheoremJson,
  UnprovedJson,
} from "../../export/schema.js";

/** The theory's constant names; a test may rename them (to hostile strings, say). */
export interface SyntheticNames {
  anchor: string;
  carrier: string;
  zero: string;
  successor: string;
  add: string;
  mul: string;
}

export interface SyntheticGraphOptions {
  /** How many theorems (at least 1). */
  theorems: number;
  /** How many unproved conjectures (default 2). */
  unproved?: number;
  names?: Partial<SyntheticNames>;
  /**
   * Names for the named laws, in order; the first six name the classic laws (add_comm,
   * add_assoc, mul_comm, mul_assoc, left_distrib, right_distrib by default).
   */
  lawNames?: readonly string[];
}

export const DEFAULT_NAMES: SyntheticNames = {
  anchor: "NaturalNumbers",
  carrier: "N",
  zero: "i0",
  successor: "s",
  add: "+",
  mul: "*",
};

const CLASSIC_LAWS = ["add_comm", "add_assoc", "mul_comm", "mul_assoc", "left_distrib", "right_distrib"];

const at = (pred: string, ...args: string[]): AtomJson => ({ pred, args });
const neg = (a: AtomJson): AtomJson => ({ ...a, neg: true });

/** Atom constructors bound to the theory's names. */
class Vocabulary {
  constructor(readonly n: SyntheticNames) {}
  mem = (x: string): AtomJson => at("in", x, this.n.carrier);
  succ = (x: string, y: string): AtomJson => at("in2", x, y, this.n.successor);
  add = (x: string, y: string, z: string): AtomJson => at("in3", x, y, z, this.n.add);
  mul = (x: string, y: string, z: string): AtomJson => at("in3", x, y, z, this.n.mul);
  op = (which: "add" | "mul", x: string, y: string, z: string): AtomJson =>
    which === "add" ? this.add(x, y, z) : this.mul(x, y, z);
  eq = (x: string, y: string): AtomJson => at("=", x, y);
}

const PREDICATES: ProofGraph["predicates"] = [
  { name: "in", arity: 2, operator: null },
  { name: "in2", arity: 3, operator: { inputs: [0], output: 1 } },
  { name: "in3", arity: 4, operator: { inputs: [0, 1], output: 2 } },
  { name: "=", arity: 2, operator: null },
];

/** Axiom ids of the anchor, by what they say (see `axioms`). */
const AX = {
  zeroIn: "A1",
  succTypeIn: "A2",
  succTypeOut: "A3",
  addTypeLeft: "A4",
  addTypeRight: "A5",
  addTypeOut: "A6",
  addTotal: "A7",
  succSingle: "A8",
  addSingle: "A9",
  addZero: "A10",
  addZeroBack: "A11",
  addSucc: "A12",
  addSuccBack: "A13",
  mulTotal: "A14",
  mulZero: "A15",
  mulSucc: "A16",
  succNotZero: "A17",
} as const;

function rule(
  id: string,
  vars: string[],
  premises: AtomJson[],
  head: AtomJson,
  definition: string,
  via: string,
): EntityJson {
  return { id, kind: "rule", vars, premises, head, origin: { definition, via } };
}

function axioms(v: Vocabulary): EntityJson[] {
  const n = v.n;
  const anchorVia = n.anchor;
  const fxy = `${n.anchor} > fXY[${n.successor},${n.carrier},${n.carrier}]`;
  const fxyzAdd = `${n.anchor} > fXYZ[${n.add},${n.carrier},${n.carrier},${n.carrier}]`;
  const fxyzMul = `${n.anchor} > fXYZ[${n.mul},${n.carrier},${n.carrier},${n.carrier}]`;
  return [
    {
      id: AX.zeroIn,
      kind: "fact",
      vars: [],
      premises: [],
      head: v.mem(n.zero),
      origin: { definition: n.anchor, via: anchorVia },
    },
    rule(AX.succTypeIn, ["x", "y"], [v.succ("x", "y")], v.mem("x"), "fXY", fxy),
    rule(AX.succTypeOut, ["x", "y"], [v.succ("x", "y")], v.mem("y"), "fXY", fxy),
    rule(AX.addTypeLeft, ["x", "y", "z"], [v.add("x", "y", "z")], v.mem("x"), "fXYZ", fxyzAdd),
    rule(AX.addTypeRight, ["x", "y", "z"], [v.add("x", "y", "z")], v.mem("y"), "fXYZ", fxyzAdd),
    rule(AX.addTypeOut, ["x", "y", "z"], [v.add("x", "y", "z")], v.mem("z"), "fXYZ", fxyzAdd),
    {
      id: AX.addTotal,
      kind: "exists",
      vars: ["x", "y", "z"],
      premises: [v.mem("x"), v.mem("y")],
      witnesses: ["z"],
      body: [v.mem("z"), v.add("x", "y", "z")],
      origin: { definition: "fXYZ", via: fxyzAdd },
    },
    rule(AX.succSingle, ["x", "y", "z"], [v.succ("x", "y"), v.succ("x", "z")], v.eq("y", "z"), "fXY", fxy),
    rule(
      AX.addSingle,
      ["x", "y", "z", "w"],
      [v.add("x", "y", "z"), v.add("x", "y", "w")],
      v.eq("z", "w"),
      "fXYZ",
      fxyzAdd,
    ),
    rule(AX.addZero, ["a", "b"], [v.mem("a"), v.add("a", n.zero, "b")], v.eq("a", "b"), n.anchor, anchorVia),
    rule(
      AX.addZeroBack,
      ["a", "b"],
      [v.eq("a", "b"), v.mem("a"), v.mem("b")],
      v.add("a", n.zero, "b"),
      n.anchor,
      anchorVia,
    ),
    rule(
      AX.addSucc,
      ["a", "b", "c", "d", "e"],
      [v.mem("b"), v.succ("b", "c"), v.add("a", "b", "d"), v.add("a", "c", "e")],
      v.succ("d", "e"),
      n.anchor,
      anchorVia,
    ),
    rule(
      AX.addSuccBack,
      ["a", "b", "c", "d", "e"],
      [v.mem("b"), v.succ("b", "c"), v.add("a", "b", "d"), v.succ("d", "e")],
      v.add("a", "c", "e"),
      n.anchor,
      anchorVia,
    ),
    {
      id: AX.mulTotal,
      kind: "exists",
      vars: ["x", "y", "z"],
      premises: [v.mem("x"), v.mem("y")],
      witnesses: ["z"],
      body: [v.mem("z"), v.mul("x", "y", "z")],
      origin: { definition: "fXYZ", via: fxyzMul },
    },
    rule(
      AX.mulZero,
      ["a", "b"],
      [v.mem("a"), v.mul("a", n.zero, "b")],
      v.eq("b", n.zero),
      n.anchor,
      anchorVia,
    ),
    rule(
      AX.mulSucc,
      ["a", "b", "c", "d", "e"],
      [v.mem("b"), v.succ("b", "c"), v.mul("a", "b", "d"), v.mul("a", "c", "e")],
      v.add("d", "a", "e"),
      n.anchor,
      anchorVia,
    ),
    rule(AX.succNotZero, ["x"], [v.succ("x", n.zero)], neg(v.mem("x")), n.anchor, anchorVia),
  ];
}

function definitions(v: Vocabulary, anchorAxioms: readonly EntityJson[]): DefinitionJson[] {
  const n = v.n;
  const fxy: DefinitionJson = {
    name: "fXY",
    params: [
      { name: "f", type: "function" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
    ],
    mpl: "(&(>[x,y](in2[x,y,f])(&(in[x,X])(in[y,Y])))(>[x,y,z](in2[x,y,f])(>[](in2[x,z,f])(=[y,z]))))",
    uses: [],
    entities: [
      rule("fXY#1", ["x", "y"], [at("in2", "x", "y", "f")], at("in", "x", "X"), "fXY", "fXY"),
      rule("fXY#2", ["x", "y"], [at("in2", "x", "y", "f")], at("in", "y", "Y"), "fXY", "fXY"),
      rule(
        "fXY#3",
        ["x", "y", "z"],
        [at("in2", "x", "y", "f"), at("in2", "x", "z", "f")],
        at("=", "y", "z"),
        "fXY",
        "fXY",
      ),
    ],
  };
  const fxyz: DefinitionJson = {
    name: "fXYZ",
    params: [
      { name: "f", type: "operation" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
      { name: "Z", type: "set" },
    ],
    mpl: "(&(>[x,y,z](in3[x,y,z,f])(&(in[x,X])(&(in[y,Y])(in[z,Z]))))(>[x,y](in[x,X])(>[](in[y,Y])!(>[z](in[z,Z])!(in3[x,y,z,f])))))",
    uses: [],
    entities: [
      rule("fXYZ#1", ["x", "y", "z"], [at("in3", "x", "y", "z", "f")], at("in", "x", "X"), "fXYZ", "fXYZ"),
      {
        id: "fXYZ#2",
        kind: "exists",
        vars: ["x", "y", "z"],
        premises: [at("in", "x", "X"), at("in", "y", "Y")],
        witnesses: ["z"],
        body: [at("in", "z", "Z"), at("in3", "x", "y", "z", "f")],
        origin: { definition: "fXYZ", via: "fXYZ" },
      },
    ],
  };
  const anchor: DefinitionJson = {
    name: n.anchor,
    params: [
      { name: n.carrier, type: "set" },
      { name: n.zero, type: "element" },
      { name: n.successor, type: "function" },
      { name: n.add, type: "operation" },
      { name: n.mul, type: "operation" },
    ],
    mpl: `(&(in[${n.zero},${n.carrier}])(&(fXY[${n.successor},${n.carrier},${n.carrier}])(&(fXYZ[${n.add},${n.carrier},${n.carrier},${n.carrier}])(fXYZ[${n.mul},${n.carrier},${n.carrier},${n.carrier}]))))`,
    uses: ["fXY", "fXYZ"],
    entities: anchorAxioms.map((a, i) => ({ ...a, id: `${n.anchor}#${i + 1}` })),
  };
  return [fxy, fxyz, anchor];
}

/** Collects the numbered steps of one theorem. */
class Steps {
  readonly list: StepJson[] = [];
  add(
    section: Section,
    fact: AtomJson,
    kind: StepKind,
    premises: number[] = [],
    extra: Partial<Pick<StepJson, "ref" | "binding" | "index" | "witness">> = {},
  ): number {
    const n = this.list.length + 1;
    for (const p of premises) {
      if (!(p >= 1 && p < n)) throw new Error(`synthetic step ${n} cites step ${p}`);
    }
    this.list.push({ n, section, fact, kind, premises, ...extra });
    return n;
  }
  fact(n: number): AtomJson {
    const s = this.list[n - 1];
    if (s === undefined) throw new Error(`no step ${n}`);
    return s.fact;
  }
}

/** A small deterministic generator (LCG), so graphs never depend on Math.random. */
class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(bound: number): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state % bound;
  }
}

interface Shape {
  statement: StatementJson;
  /** The head variable an induction runs over, and the statement's other variables. */
  inductionVar: string;
}

function shapes(v: Vocabulary): Record<string, (op: "add" | "mul") => Shape> {
  const z = v.n.zero;
  return {
    comm: (op) => ({
      statement: {
        vars: ["a", "b", "c"],
        premises: [v.op(op, "a", "b", "c")],
        head: v.op(op, "b", "a", "c"),
      },
      inductionVar: "b",
    }),
    assoc: (op) => ({
      statement: {
        vars: ["a", "b", "c", "d", "e", "f"],
        premises: [v.op(op, "a", "b", "d"), v.op(op, "d", "c", "e"), v.op(op, "b", "c", "f")],
        head: v.op(op, "a", "f", "e"),
      },
      inductionVar: "c",
    }),
    leftDist: () => ({
      statement: {
        vars: ["a", "b", "c", "d", "e", "f", "g"],
        premises: [v.add("b", "c", "d"), v.mul("a", "d", "e"), v.mul("a", "b", "f"), v.mul("a", "c", "g")],
        head: v.add("f", "g", "e"),
      },
      inductionVar: "c",
    }),
    rightDist: () => ({
      statement: {
        vars: ["a", "b", "c", "d", "e", "f", "g"],
        premises: [v.add("a", "b", "d"), v.mul("d", "c", "e"), v.mul("a", "c", "f"), v.mul("b", "c", "g")],
        head: v.add("f", "g", "e"),
      },
      inductionVar: "c",
    }),
    zeroLeft: (op) => ({
      statement: { vars: ["a", "c"], premises: [v.op(op, z, "a", "c")], head: v.op(op, "a", z, "c") },
      inductionVar: "a",
    }),
    succLeft: (op) => ({
      statement: {
        vars: ["a", "b", "c", "d", "e"],
        premises: [v.op(op, "a", "b", "c"), v.succ("a", "d"), v.succ("c", "e")],
        head: v.op(op, "d", "b", "e"),
      },
      inductionVar: "b",
    }),
  };
}

function mirrorStatement(st: StatementJson): StatementJson {
  // The symmetric variant: head and first premise swap roles.
  const first = st.premises[0];
  if (first === undefined) return st;
  return { vars: st.vars, premises: [st.head, ...st.premises.slice(1)], head: first };
}

interface Context {
  v: Vocabulary;
  graph: Pick<ProofGraph, "predicates">;
  theorems: TheoremJson[];
  rng: Lcg;
}

function finish(
  ctx: Context,
  id: string,
  name: string | null,
  statement: StatementJson,
  method: TheoremJson["method"],
  steps: Steps,
  goals: TheoremJson["goals"],
  burst: number,
  extra: { induction?: InductionJson; mirrorOf?: string } = {},
): TheoremJson {
  const uses = new Set<string>();
  const axiomIds = new Set<string>();
  for (const s of steps.list) {
    if (s.kind === "theorem" && s.ref !== undefined) uses.add(s.ref);
    if ((s.kind === "axiom" || s.kind === "rule" || s.kind === "witness") && s.ref !== undefined)
      axiomIds.add(s.ref);
  }
  const byNumber = (x: string, y: string): number => Number(x.slice(1)) - Number(y.slice(1));
  const t: TheoremJson = {
    id,
    name,
    statement,
    mpl: mplStatement(statement),
    readable: readableStatement(statement, ctx.graph),
    method,
    ...(extra.induction === undefined ? {} : { induction: extra.induction }),
    ...(extra.mirrorOf === undefined ? {} : { mirrorOf: extra.mirrorOf }),
    burst,
    uses: [...uses].sort(byNumber),
    axioms: [...axiomIds].sort(byNumber),
    goals,
    steps: steps.list,
  };
  ctx.theorems.push(t);
  return t;
}

/** The statement's premises as `premise` steps of one section. */
function premiseSteps(steps: Steps, section: Section, st: StatementJson): number[] {
  return st.premises.map((p, index) => steps.add(section, p, "premise", [], { index }));
}

/** A chain of equality reasoning ending in the head, citing `cited` once. */
function equalityTail(
  ctx: Context,
  steps: Steps,
  section: Section,
  from: number[],
  head: AtomJson,
  cited: TheoremJson | undefined,
  length: number,
): number {
  const v = ctx.v;
  const first = from[0] ?? steps.add(section, v.mem(v.n.zero), "axiom", [], { ref: AX.zeroIn });
  const base = steps.fact(first);
  const x = base.args[0] ?? "a";
  const y = base.args[1] ?? "b";
  const typing = steps.add(section, v.mem(x), "rule", [first], {
    ref: AX.addTypeLeft,
    binding: [x, y, base.args[2] ?? "c"],
  });
  const typing2 = steps.add(section, v.mem(y), "rule", [first], {
    ref: AX.addTypeRight,
    binding: [x, y, base.args[2] ?? "c"],
  });
  const w = "w1";
  const wit = steps.add(section, v.add(y, x, w), "witness", [typing2, typing], {
    ref: AX.addTotal,
    binding: [y, x, w],
    witness: w,
  });
  let last = wit;
  if (cited !== undefined) {
    const binding = cited.statement.vars.map((_, i) => [x, y, w, "d", "e", "f", "g"][i] ?? x);
    last = steps.add(section, v.add(x, y, w), "theorem", [wit], { ref: cited.id, binding });
  }
  const same = steps.add(section, v.eq(w, base.args[2] ?? "c"), "rule", [last, first], {
    ref: AX.addSingle,
    binding: [x, y, w, base.args[2] ?? "c"],
  });
  let eq = steps.add(section, v.eq(base.args[2] ?? "c", w), "eq-symm", [same]);
  for (let k = 0; k < length; k++) {
    const back = steps.add(section, v.eq(w, base.args[2] ?? "c"), "eq-symm", [eq]);
    eq = steps.add(section, v.eq(base.args[2] ?? "c", base.args[2] ?? "c"), "eq-trans", [eq, back]);
  }
  return steps.add(section, head, "eq-subst", [wit, eq]);
}

function direct(
  ctx: Context,
  id: string,
  name: string | null,
  st: StatementJson,
  burst: number,
  cite: TheoremJson | undefined,
  length: number,
): TheoremJson {
  const steps = new Steps();
  const prem = premiseSteps(steps, "main", st);
  const goal = equalityTail(ctx, steps, "main", prem, st.head, cite, length);
  return finish(ctx, id, name, st, "direct", steps, { main: goal }, burst);
}

function mirror(ctx: Context, id: string, of: TheoremJson, burst: number): TheoremJson {
  const st = mirrorStatement(of.statement);
  const steps = new Steps();
  const prem = premiseSteps(steps, "main", st);
  const cited = steps.add("main", st.head, "theorem", prem.slice(0, of.statement.premises.length), {
    ref: of.id,
    binding: of.statement.vars,
  });
  return finish(ctx, id, null, st, "direct", steps, { main: cited }, burst, { mirrorOf: of.id });
}

function contradiction(ctx: Context, id: string, name: string | null, burst: number): TheoremJson {
  const v = ctx.v;
  const st: StatementJson = { vars: ["a"], premises: [v.succ("a", v.n.zero)], head: neg(v.mem("a")) };
  const steps = new Steps();
  const p = steps.add("main", st.premises[0]!, "premise", [], { index: 0 });
  const assumed = steps.add("main", v.mem("a"), "assume");
  const notIn = steps.add("main", neg(v.mem("a")), "rule", [p], { ref: AX.succNotZero, binding: ["a"] });
  const closed = steps.add("main", neg(v.mem("a")), "contradiction", [assumed, notIn]);
  return finish(ctx, id, name, st, "contradiction", steps, { main: closed }, burst);
}

function induction(
  ctx: Context,
  id: string,
  name: string | null,
  shape: Shape,
  burst: number,
  cites: readonly TheoremJson[],
  length: number,
): TheoremJson {
  const v = ctx.v;
  const st = shape.statement;
  const x = shape.inductionVar;
  const p = "p";
  const zero = v.n.zero;
  const steps = new Steps();
  const rename = (a: AtomJson, from: string, to: string): AtomJson => ({
    ...a,
    args: a.args.map((arg) => (arg === from ? to : arg)),
  });
  // Setup: the premises, and the carrier membership of the induction variable.
  const prem = premiseSteps(steps, "main", st);
  const holder = st.premises.findIndex((a) => a.args.includes(x));
  const carrier = steps.add("main", v.mem(x), "rule", prem.slice(holder, holder + 1), {
    ref: AX.addTypeRight,
    binding: st.premises[holder]?.args.slice(0, 3) ?? [x, x, x],
  });
  // Base: the statement at zero.
  const basePrem = st.premises.map((a, index) =>
    steps.add("base", rename(a, x, zero), "premise", [], { index }),
  );
  const baseGoal = equalityTail(ctx, steps, "base", basePrem, rename(st.head, x, zero), cites[0], 0);
  // Step: x = s(p), with the hypothesis for p.
  const succ = steps.add("step", v.succ(p, x), "succ");
  const stepPrem = premiseSteps(steps, "step", st);
  const fixed = st.vars.filter((u) => u !== x && st.head.args.includes(u) && u < x);
  const bound = st.vars.filter((u) => u !== x && !fixed.includes(u));
  const hypothesis: StatementJson = {
    vars: bound,
    premises: st.premises.map((a) => rename(a, x, p)),
    head: rename(st.head, x, p),
  };
  const pIn = steps.add("step", v.mem(p), "rule", [succ], { ref: AX.succTypeIn, binding: [p, x] });
  const hypPrem = hypothesis.premises.map((a, i) =>
    steps.add("step", a, "witness", i === 0 ? [pIn] : [pIn, carrier], {
      ref: AX.addTotal,
      binding: a.args.slice(0, 3),
      witness: a.args[2] ?? "w",
    }),
  );
  const hyp = steps.add("step", hypothesis.head, "hypothesis", hypPrem, {
    ref: "hypothesis",
    binding: bound.map((u) => `${u}'`),
  });
  const tail = equalityTail(ctx, steps, "step", [hyp, ...stepPrem], st.head, cites[1] ?? cites[0], length);
  const induction: InductionJson = { var: x, predecessor: p, fixed, hypothesis, carrierStep: carrier };
  return finish(ctx, id, name, st, "induction", steps, { base: baseGoal, step: tail }, burst, { induction });
}

function unprovedList(v: Vocabulary, ctx: Context, count: number): UnprovedJson[] {
  const candidates: { name: string | null; statement: StatementJson }[] = [
    {
      name: "mul_cancel",
      statement: {
        vars: ["a", "b", "c", "d"],
        premises: [v.mul("a", "c", "d"), v.mul("b", "c", "d")],
        head: v.eq("a", "b"),
      },
    },
    {
      name: null,
      statement: { vars: ["a", "b"], premises: [v.add("a", "b", v.n.zero)], head: v.eq("a", v.n.zero) },
    },
    {
      name: "succ_injective",
      statement: {
        vars: ["a", "b", "c"],
        premises: [v.succ("a", "c"), v.succ("b", "c")],
        head: v.eq("a", "b"),
      },
    },
  ];
  const out: UnprovedJson[] = [];
  for (let i = 0; i < count; i++) {
    const c = candidates[i % candidates.length]!;
    out.push({
      name: c.name === null ? null : i < candidates.length ? c.name : `${c.name}_${i}`,
      statement: c.statement,
      mpl: mplStatement(c.statement),
      readable: readableStatement(c.statement, ctx.graph),
    });
  }
  return out;
}

/** A deterministic, valid-looking proof graph with `options.theorems` theorems. */
export function syntheticGraph(options: SyntheticGraphOptions): ProofGraph {
  const names: SyntheticNames = { ...DEFAULT_NAMES, ...options.names };
  const lawNames = [...(options.lawNames ?? []), ...CLASSIC_LAWS.slice(options.lawNames?.length ?? 0)];
  const v = new Vocabulary(names);
  const ctx: Context = { v, graph: { predicates: PREDICATES }, theorems: [], rng: new Lcg(options.theorems) };
  const sh = shapes(v);
  const total = Math.max(1, options.theorems);
  const nextId = (): string => `T${ctx.theorems.length + 1}`;
  const law = (i: number): string | null => lawNames[i] ?? null;
  const room = (): boolean => ctx.theorems.length < total;

  // The classic route: lemmas, their mirrors, then the laws that cite them.
  const plan: (() => void)[] = [
    () => induction(ctx, nextId(), null, sh.zeroLeft!("add"), 1, [], 1),
    () => mirror(ctx, nextId(), ctx.theorems[0]!, 2),
    () => induction(ctx, nextId(), null, sh.succLeft!("add"), 2, [ctx.theorems[1]!], 0),
    () => induction(ctx, nextId(), law(0), sh.comm!("add"), 3, [ctx.theorems[1]!, ctx.theorems[2]!], 1),
    () => mirror(ctx, nextId(), ctx.theorems[3]!, 4),
    () => induction(ctx, nextId(), law(1), sh.assoc!("add"), 4, [ctx.theorems[3]!, ctx.theorems[2]!], 2),
    () => induction(ctx, nextId(), null, sh.zeroLeft!("mul"), 4, [ctx.theorems[3]!], 0),
    () => induction(ctx, nextId(), law(2), sh.comm!("mul"), 5, [ctx.theorems[6]!, ctx.theorems[5]!], 1),
    () => induction(ctx, nextId(), law(3), sh.assoc!("mul"), 6, [ctx.theorems[7]!, ctx.theorems[5]!], 2),
    () => induction(ctx, nextId(), law(4), sh.leftDist!("add"), 6, [ctx.theorems[5]!, ctx.theorems[7]!], 3),
    () => direct(ctx, nextId(), law(5), sh.rightDist!("add").statement, 7, ctx.theorems[9], 1),
    () => contradiction(ctx, nextId(), null, 7),
  ];
  for (const step of plan) if (room()) step();

  // Beyond the classic route: a mix of every method, each citing earlier theorems.
  const kinds = Object.keys(sh).sort();
  let lawIndex = CLASSIC_LAWS.length;
  while (room()) {
    const i = ctx.theorems.length;
    const pick = (): TheoremJson => ctx.theorems[ctx.rng.next(i)]!;
    const shape = sh[kinds[ctx.rng.next(kinds.length)]!]!(ctx.rng.next(2) === 0 ? "add" : "mul");
    const name = i % 3 === 0 ? (law(lawIndex++) ?? `law_${i + 1}`) : null;
    const burst = 8 + Math.floor(i / 40);
    const length = ctx.rng.next(5);
    switch (i % 5) {
      case 0:
      case 3:
        direct(ctx, nextId(), name, shape.statement, burst, pick(), length);
        break;
      case 1:
        induction(ctx, nextId(), name, shape, burst, [pick(), pick()], length);
        break;
      case 2:
        mirror(ctx, nextId(), ctx.theorems[i - 1]!, burst);
        break;
      default:
        contradiction(ctx, nextId(), name, burst);
    }
  }

  const anchorAxioms = axioms(v);
  const theorems = ctx.theorems;
  const steps = theorems.reduce((sum, t) => sum + t.steps.length, 0);
  return {
    schema: "gl-proof-graph",
    version: 2,
    theory: {
      anchor: names.anchor,
      constants: [
        { name: names.carrier, type: "set", role: "carrier" },
        { name: names.zero, type: "element", role: "zero" },
        { name: names.successor, type: "function", role: "successor" },
        { name: names.add, type: "operation" },
        { name: names.mul, type: "operation" },
      ],
      sources: [
        {
          path: "examples/peano/peano.mpl",
          text: [
            `definition ${names.anchor}[${names.carrier}: set, ${names.zero}: element, ${names.successor}: function, ${names.add}: operation, ${names.mul}: operation] :=`,
            `  (&(in[${names.zero},${names.carrier}])(fXY[${names.successor},${names.carrier},${names.carrier}]))`,
            "",
          ].join("\n"),
        },
      ],
    },
    predicates: PREDICATES,
    definitions: definitions(v, anchorAxioms),
    axioms: anchorAxioms,
    theorems,
    unproved: unprovedList(v, ctx, options.unproved ?? 2),
    run: {
      stopReason: "fixpoint",
      bursts: theorems.reduce((m, t) => Math.max(m, t.burst), 0) + 1,
      blocks: theorems.length * 3,
      facts: steps * 7,
      witnesses: theorems.length * 2,
      limits: { maxBursts: 64, maxWitnessDepth: 2, maxFactsPerBlock: 50_000 },
      blocksAtFactLimit: 0,
    },
  };
}
