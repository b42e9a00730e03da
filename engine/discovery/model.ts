/**
 * The ground model ("incubator"): values of the theory's functions on numerals, each a theorem
 * the engine proves from the axioms, and the numeral facts a refutation needs.
 *
 * Which values: the functions the theory defines are evaluated on the host from their defining
 * axioms (evaluate.ts, found by shape); with that guide every candidate is tried on the test
 * range 0..n, and the first counterexample of each false one (in the filter's order, all its
 * values within the bound) says exactly which values to prove: the cells it uses, the
 * distinctness of its two sides' values, the numerals of the constants it mentions. Without
 * candidates, every defined function on every input from 0..n is posed (values within the
 * bound). The guide is not trusted: only what the engine proves enters the model.
 *
 * How: all numerals at once. One conjecture per value, `s(0)=1 ∧ … ∧ s(V-1)=V → i op j = v`
 * with V the largest numeral any posed value needs, all in one logic block that holds the
 * whole successor chain (not one block per successor step), where the engine computes every
 * value in one saturation. Distinctness `¬(a = b)` is proved by contradiction on the chain up
 * to b, and an element constant other than zero gets the numeral it provably equals.
 * Theorems of an earlier batch can join as rules.
 */
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import { filterCandidates, type GroundModel } from "../conjecture/index.js";
import { Engine, type Executor, type LimitStop, type ProgressEvent, type RunResult } from "../run.js";
import type { Statement } from "../statement.js";
import { type GroundEvaluator, groundEvaluator } from "./evaluate.js";

/** A proved statement from outside the run (an earlier batch) and the id its citations use. */
export interface TheoremRule {
  readonly statement: Statement;
  /** How proofs cite it, e.g. `Peano:T14`. */
  readonly ref: string;
}

export interface ModelOptions {
  /** Largest numeral of the test range (the leaves' values). */
  readonly size: number;
  /** Largest numeral the model may use (default DEFAULT_MAX_VALUE). */
  readonly maxValue?: number;
  /** Candidates whose counterexamples decide which values are posed; without, the table on 0..size. */
  readonly candidates?: readonly Conjecture[];
  /**
   * Theorems proved elsewhere (an earlier batch): rules of the model's run too, when some
   * function of the theory has no defining axioms the model can compute with (otherwise the
   * axioms give every value, and the rules would only cost joins).
   */
  readonly theoremRules?: readonly TheoremRule[];
  readonly executor?: Executor;
  /** Asked between bursts and every few hundred posed values; a reason leaves the model partial. */
  readonly shouldStop?: () => LimitStop | null;
  readonly onProgress?: (e: ProgressEvent) => void;
}

/** The default bound on the numerals the model uses. */
export const DEFAULT_MAX_VALUE = 256;

export interface ModelCell {
  readonly op: number;
  readonly inputs: readonly number[];
  readonly value: number;
  /** Proof name of the ground theorem, e.g. `2 + 3 = 5`. */
  readonly name: string;
}

export interface ComputedModel {
  readonly model: GroundModel;
  readonly cells: readonly ModelCell[];
  readonly run: RunResult;
  /** Ground theorems proved: positive values, and negative ones refuted by contradiction. */
  readonly positives: number;
  readonly negatives: number;
  /** Element constants with a proved numeral value (zero excluded: it is numeral 0 by definition). */
  readonly constantValues: readonly { readonly id: number; readonly value: number; readonly name: string }[];
  /** The theorem that numerals a and b differ, or undefined when it was not proved. */
  readonly distinctName: (a: number, b: number) => string | undefined;
  /** Largest numeral of the model's successor chain. */
  readonly valueBound: number;
  /** Engine runs (1; 0 when nothing was posed). */
  readonly rounds: number;
  /** Whether some candidate could be evaluated only with values past `maxValue`. */
  readonly boundHit: boolean;
  /** Values posed (from the guide) that the engine did not prove. */
  readonly unprovedPosed: number;
  /** Imported theorems the model's run used as rules (0 when the axioms define every function). */
  readonly theoremRulesUsed: number;
  /** Functions and operations the model evaluates (theory constant ids), and those it cannot. */
  readonly functions: readonly number[];
  readonly unevaluated: readonly number[];
  /**
   * Candidates the guide could not decide on every assignment of the test range (some value
   * past the bound or unknown) and found no counterexample for: they reach the prover.
   */
  readonly undecided: ReadonlySet<Conjecture>;
  /**
   * The host evaluation that chose the posed values (not trusted): the exact-evaluation stage
   * after the filter (exact-filter.ts) reads its functions' readings.
   */
  readonly guide: GroundEvaluator;
}

const IN2 = 1;
const IN3 = 2;
const EQ = 3;

const cellKey = (op: number, inputs: readonly number[]): string => `${op}:${inputs.join(",")}`;

interface Posed {
  /** Largest numeral the successor steps of the counterexamples use. */
  readonly numerals: number;
  readonly cells: { op: number; inputs: number[]; value: number }[];
  /**
   * Values computed on the way to the posed ones: demanded in the model's block, so that each
   * step the engine takes starts from numerals, but not theorems of their own.
   */
  readonly support: { op: number; inputs: number[]; value: number }[];
  readonly constants: Map<number, number | null>;
  readonly distinct: [number, number][];
  readonly undecided: Set<Conjecture>;
  readonly boundHit: boolean;
}

export async function computeModel(theory: Theory, opts: ModelOptions): Promise<ComputedModel> {
  const roles = theory.anchor?.roles;
  if (!roles) throw new Error("the ground model needs an anchor with carrier, zero and successor roles");
  const n = opts.size;
  const maxValue = Math.max(n, opts.maxValue ?? DEFAULT_MAX_VALUE);
  // Functions the axioms do not define may be defined through imported theorems.
  const axiomsOnly = groundEvaluator(theory, maxValue);
  const defined = new Set(axiomsOnly.functions);
  const undefinedByAxioms = theory.constants.some(
    (k) =>
      (k.type === "operation" || k.type === "function") && k.id !== roles.successor && !defined.has(k.id),
  );
  const imports = undefinedByAxioms ? (opts.theoremRules ?? []) : [];
  const guide =
    imports.length === 0
      ? axiomsOnly
      : groundEvaluator(
          theory,
          maxValue,
          imports.map((t) => ({ id: t.ref, ...t.statement })),
        );
  const posed = opts.candidates
    ? fromCounterexamples(theory, guide, n, opts.candidates)
    : table(theory, guide, n);
  const evaluated = new Set(guide.functions);
  const unevaluated = theory.constants
    .filter((k) => (k.type === "operation" || k.type === "function") && k.id !== roles.successor)
    .map((k) => k.id)
    .filter((id) => !evaluated.has(id));
  // Imported theorems only help where the axioms define nothing to compute with; where they
  // define every function, the values follow from them, and theorem rules in a block holding
  // every numeral only multiply the joins.
  const run = await proveValues(theory, roles, n, posed, { ...opts, theoremRules: imports });
  return {
    ...run,
    theoremRulesUsed: imports.length,
    functions: guide.functions,
    unevaluated,
    undecided: posed.undecided,
    boundHit: posed.boundHit,
    guide,
  };
}

/** The guide as a model: every value it computes, sourced by cell key. */
function guideModel(theory: Theory, guide: GroundEvaluator, n: number): GroundModel {
  const constants = new Map<number, number>();
  for (const k of theory.constants) {
    const v = k.type === "element" ? guide.constant(k.id) : undefined;
    if (v !== undefined) constants.set(k.id, v);
  }
  return {
    domain: Array.from({ length: n + 1 }, (_, i) => i),
    constants,
    apply: (op, inputs) => guide.value(op, inputs),
    source: (op, inputs) => cellKey(op, inputs),
    constantSource: (id) => `const:${id}`,
  };
}

/** What to pose so that every candidate the guide refutes is refuted by proved values. */
function fromCounterexamples(
  theory: Theory,
  guide: GroundEvaluator,
  n: number,
  candidates: readonly Conjecture[],
): Posed {
  const model = guideModel(theory, guide, n);
  const cells = new Map<string, { op: number; inputs: number[]; value: number }>();
  const support = new Map<string, { op: number; inputs: number[]; value: number }>();
  const constants = new Map<number, number | null>();
  const distinct = new Map<string, [number, number]>();
  const { refuted, survivors } = filterCandidates(candidates, theory, model);
  const successor = theory.anchor!.roles!.successor;
  let numerals = 0;
  for (const r of refuted) {
    for (const fact of r.facts) {
      if (fact.startsWith("const:")) {
        const id = Number(fact.slice(6));
        constants.set(id, model.constants.get(id) ?? null);
        continue;
      }
      if (cells.has(fact)) continue;
      const [op, ins] = fact.split(":") as [string, string];
      const inputs = ins.split(",").map(Number);
      const value = guide.value(Number(op), inputs)!;
      // Successor values are premises of every model theorem: the chain must only reach them.
      if (Number(op) === successor) {
        numerals = Math.max(numerals, value);
        continue;
      }
      cells.set(fact, { op: Number(op), inputs, value });
      // The values computed on the way are demanded too, so that every step the engine takes
      // starts from numerals (witnesses of witnesses stay within the depth bound).
      if (!support.has(fact))
        for (const [o, i, v] of guide.trace(Number(op), inputs))
          support.set(cellKey(o, i), { op: o, inputs: i, value: v });
    }
    const [a, b] = r.lhs < r.rhs ? [r.lhs, r.rhs] : [r.rhs, r.lhs];
    distinct.set(`${a},${b}`, [a, b]);
  }
  // A survivor the guide could not evaluate on some assignment may still be false.
  const undecided = new Set<Conjecture>();
  let boundHit = false;
  for (const c of survivors) {
    let missed = false;
    const recording: GroundModel = {
      ...model,
      apply(op, inputs) {
        const v = model.apply(op, inputs);
        if (v === undefined) missed = true;
        return v;
      },
    };
    filterCandidates([c], theory, recording);
    if (missed) {
      undecided.add(c);
      boundHit = true;
    }
  }
  for (const k of cells.keys()) support.delete(k);
  return {
    numerals,
    cells: sortCells([...cells.values()]),
    support: sortCells([...support.values()]),
    constants,
    distinct: [...distinct.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    undecided,
    boundHit,
  };
}

/** Every defined function on every input from 0..n whose value the guide computes. */
function table(theory: Theory, guide: GroundEvaluator, n: number): Posed {
  const cells = new Map<string, { op: number; inputs: number[]; value: number }>();
  const support = new Map<string, { op: number; inputs: number[]; value: number }>();
  for (const op of guide.functions) {
    const binary = theory.constants[op]!.type === "operation";
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= (binary ? n : 0); j++) {
        const inputs = binary ? [i, j] : [i];
        const value = guide.value(op, inputs);
        if (value === undefined) continue;
        cells.set(cellKey(op, inputs), { op, inputs, value });
        for (const [o, ins, v] of guide.trace(op, inputs))
          support.set(cellKey(o, ins), { op: o, inputs: ins, value: v });
      }
    }
  }
  const constants = new Map<number, number | null>();
  for (const k of theory.constants)
    if (k.type === "element" && k.id !== theory.anchor!.roles!.zero)
      constants.set(k.id, guide.constant(k.id) ?? null);
  const distinct: [number, number][] = [];
  for (let b = 1; b <= n; b++) for (let a = 0; a < b; a++) distinct.push([a, b]);
  for (const k of cells.keys()) support.delete(k);
  return {
    numerals: n,
    cells: sortCells([...cells.values()]),
    support: sortCells([...support.values()]),
    constants,
    distinct,
    undecided: new Set(),
    boundHit: false,
  };
}

function sortCells<T extends { op: number; inputs: number[] }>(cells: T[]): T[] {
  return cells.sort((a, b) => a.op - b.op || compareInputs(a.inputs, b.inputs));
}

function compareInputs(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

type ProvedValues = Omit<
  ComputedModel,
  "functions" | "unevaluated" | "undecided" | "boundHit" | "theoremRulesUsed" | "guide"
>;

/** One engine run proving the posed values, constants and distinctness facts. */
async function proveValues(
  theory: Theory,
  roles: NonNullable<NonNullable<Theory["anchor"]>["roles"]>,
  n: number,
  posed: Posed,
  opts: ModelOptions,
): Promise<ProvedValues> {
  const c = (k: number): number => -k - 1;
  // Numeral k > 0 is statement variable k-1; numeral 0 is the zero constant.
  const num = (k: number): number => (k === 0 ? c(roles.zero) : k - 1);
  const constantRange = [...posed.constants.values()].some((v) => v === null) ? n : 0;
  const V = Math.max(
    1,
    constantRange,
    posed.numerals,
    ...posed.distinct.map((p) => p[1]),
    ...[...posed.cells, ...posed.support].flatMap((x) => [...x.inputs, x.value]),
    ...[...posed.constants.values()].map((v) => v ?? 0),
  );
  const varNames = Array.from({ length: V }, (_, i) => `${i + 1}`);
  const chain: PatternAtom[] = [];
  for (let k = 0; k < V; k++)
    chain.push({ pred: IN2, args: [num(k), num(k + 1), c(roles.successor)], negated: false });
  // Every value is computed within one saturation of the flat block: a few bursts suffice
  // (the last ones only confirm that nothing changes).
  const engine = new Engine(theory, {
    induction: false,
    mirrors: false,
    maxBursts: 4,
    maxFactsPerBlock: 400_000,
    axiomDemands: false,
    theoremRules: false,
    rearrangeGoals: false,
  });
  for (const t of opts.theoremRules ?? []) engine.addTheoremRule(t.statement, t.ref);
  const symbol = (id: number) => theory.constants[id]!.name;
  let posedCount = 0;
  let stopped: LimitStop | null = null;
  const limitHit = (): boolean => {
    if (stopped === null && ++posedCount % 256 === 0) stopped = opts.shouldStop?.() ?? null;
    return stopped !== null;
  };
  const cellsPosed: { cell: ModelCell; index: number }[] = [];
  for (const cell of posed.cells) {
    if (limitHit()) break;
    const ins = cell.inputs;
    const binary = ins.length === 2;
    const args = binary
      ? [num(ins[0]!), num(ins[1]!), num(cell.value), c(cell.op)]
      : [num(ins[0]!), num(cell.value), c(cell.op)];
    const text = binary
      ? `${ins[0]} ${symbol(cell.op)} ${ins[1]} = ${cell.value}`
      : `${symbol(cell.op)}(${ins[0]}) = ${cell.value}`;
    const st: Statement = {
      varNames,
      premises: chain,
      head: { pred: binary ? IN3 : IN2, args, negated: false },
    };
    const index = engine.addConjecture({ name: text, mpl: "", statement: st, mirrorOf: null, flat: true });
    if (index !== null)
      cellsPosed.push({ cell: { op: cell.op, inputs: [...ins], value: cell.value, name: text }, index });
  }
  const hole = (arity: number): number => arity;
  engine.addFlatBlock(
    { varNames, premises: chain, head: chain[0]! },
    posed.support.map((x) => ({
      pred: x.inputs.length === 2 ? IN3 : IN2,
      args:
        x.inputs.length === 2
          ? [num(x.inputs[0]!), num(x.inputs[1]!), -1, c(x.op)]
          : [num(x.inputs[0]!), -1, c(x.op)],
      hole: hole(x.inputs.length),
    })),
  );
  // Element constants other than zero: `c = k` for the guide's value, or for each k in 0..n.
  const constantPosed: { id: number; value: number; name: string; index: number }[] = [];
  for (const [id, guess] of [...posed.constants].sort((x, y) => x[0] - y[0])) {
    if (id === roles.zero) continue;
    for (const v of guess === null ? Array.from({ length: n + 1 }, (_, i) => i) : [guess]) {
      const name = `${symbol(id)} = ${v}`;
      const st: Statement = {
        varNames,
        premises: chain,
        head: { pred: EQ, args: [c(id), num(v)], negated: false },
      };
      const index = engine.addConjecture({ name, mpl: "", statement: st, mirrorOf: null, flat: true });
      if (index !== null) constantPosed.push({ id, value: v, name, index });
    }
  }
  // Distinct numerals: ¬(a = b), by contradiction, on the chain up to b (its own small block).
  const distinctPosed: { a: number; b: number; name: string; index: number }[] = [];
  for (const [a, b] of posed.distinct) {
    const name = `¬(${a} = ${b})`;
    const st: Statement = {
      varNames: varNames.slice(0, b),
      premises: chain.slice(0, b),
      head: { pred: EQ, args: [num(a), num(b)], negated: true },
    };
    const index = engine.addConjecture({ name, mpl: "", statement: st, mirrorOf: null, flat: true });
    if (index !== null) distinctPosed.push({ a, b, name, index });
  }
  const run = await engine.run({
    ...(opts.executor ? { executor: opts.executor } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    shouldStop: () => stopped ?? opts.shouldStop?.() ?? null,
  });
  const values = new Map<string, ModelCell>();
  for (const p of cellsPosed)
    if (run.conjectures[p.index]!.proved) values.set(cellKey(p.cell.op, p.cell.inputs), p.cell);
  const constantValues = constantPosed
    .filter((p) => run.conjectures[p.index]!.proved)
    .map(({ id, value, name }) => ({ id, value, name }));
  const distinct = new Map<string, string>();
  for (const p of distinctPosed) if (run.conjectures[p.index]!.proved) distinct.set(`${p.a},${p.b}`, p.name);
  const distinctName = (a: number, b: number): string | undefined =>
    distinct.get(a < b ? `${a},${b}` : `${b},${a}`);
  const constantName = new Map(constantValues.map((v) => [v.id, v.name]));
  const model: GroundModel = {
    domain: Array.from({ length: n + 1 }, (_, i) => i),
    constants: new Map([[roles.zero, 0], ...constantValues.map((v): [number, number] => [v.id, v.value])]),
    constantSource: (id) => constantName.get(id) ?? null,
    apply(op, inputs) {
      if (op === roles.successor) return inputs[0]! < V ? inputs[0]! + 1 : undefined;
      return values.get(cellKey(op, inputs))?.value;
    },
    source(op, inputs) {
      if (op === roles.successor) return `premise ${symbol(op)}(${inputs[0]}) = ${inputs[0]! + 1}`;
      return values.get(cellKey(op, inputs))?.name ?? "unknown";
    },
    distinctSource: distinctName,
  };
  return {
    model,
    cells: [...values.values()],
    run,
    positives: values.size,
    negatives: distinct.size,
    constantValues,
    distinctName,
    valueBound: V,
    rounds: 1,
    unprovedPosed: cellsPosed.length - values.size,
  };
}
