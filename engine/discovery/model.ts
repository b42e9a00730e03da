/**
 * The ground model ("incubator"): the engine proves, from the axioms alone, the values of the
 * theory's operations on numerals. The numerals 0..V are introduced as a premise chain
 * `s(0)=1, s(1)=2, …, s(V-1)=V`; for an operation and inputs every value 0..V is posed as
 * `i op j = v`, and the engine proves the true one. The test range 0..n (the leaves the filter
 * tries) starts as V; given the candidates, the model then grows in rounds: it evaluates every
 * candidate on every assignment from 0..n, collects the values it lacks (2^3 needs 8 when 2 and
 * 3 are in range, and inputs beyond V need a longer chain), doubles V (up to `maxValue`) and
 * poses exactly those, until no candidate lacks a value or the bound is hit (reported, with the
 * count of values still unknown). The last round re-proves every value, so one engine run holds
 * the whole model. Numeral distinctness `¬(a = b)` is proved by contradiction for b ≤ n.
 * Element constants other than zero (e.g. a `one`) get the numeral they provably equal.
 */
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import { filterCandidates, type GroundModel } from "../conjecture/index.js";
import { Engine, type Executor, type LimitStop, type ProgressEvent, type RunResult } from "../run.js";
import type { Statement } from "../statement.js";

export interface ModelOptions {
  /** Largest numeral of the test range (the leaves' values). */
  readonly size: number;
  /** Largest numeral the model may grow to (default DEFAULT_MAX_VALUE). */
  readonly maxValue?: number;
  /** Candidates whose evaluation decides which values are needed; without, one round on 0..size. */
  readonly candidates?: readonly Conjecture[];
  readonly executor?: Executor;
  /** Theorems proved elsewhere (an earlier batch): rules of the model's run too. */
  readonly theoremRules?: readonly { readonly statement: Statement; readonly ref: string }[];
  /** Asked between bursts and every few hundred posed cells; a reason leaves the model partial. */
  readonly shouldStop?: () => LimitStop | null;
  readonly onProgress?: (e: ProgressEvent) => void;
}

/** The default bound on the numerals the model grows to. */
export const DEFAULT_MAX_VALUE = 10;

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
  /** The theorem that numerals a and b differ. */
  readonly distinctName: (a: number, b: number) => string;
  /** Largest numeral of the final round, the rounds run, and whether `maxValue` stopped the growth. */
  readonly valueBound: number;
  readonly rounds: number;
  readonly boundHit: boolean;
  /** Values some candidate still needs after the last round (0 unless the bound was hit). */
  readonly unknownNeeded: number;
}

const IN2 = 1;
const IN3 = 2;
const EQ = 3;

const cellKey = (op: number, inputs: readonly number[]): string => `${op}:${inputs.join(",")}`;

interface Round {
  readonly run: RunResult;
  readonly values: Map<string, ModelCell>;
  readonly constantValues: { id: number; value: number; name: string }[];
  readonly negatives: number;
  readonly distinct: Map<string, string>;
}

export async function computeModel(theory: Theory, opts: ModelOptions): Promise<ComputedModel> {
  const roles = theory.anchor?.roles;
  if (!roles) throw new Error("the ground model needs an anchor with carrier, zero and successor roles");
  const n = opts.size;
  const maxValue = Math.max(n, opts.maxValue ?? DEFAULT_MAX_VALUE);
  const ops = theory.constants.filter(
    (k) => k.type === "operation" || (k.type === "function" && k.id !== roles.successor),
  );
  // Round 1: every operation on every input from the test range.
  let needed: { op: number; inputs: number[] }[] = [];
  for (const op of ops) {
    for (let i = 0; i <= n; i++) {
      if (op.type !== "operation") needed.push({ op: op.id, inputs: [i] });
      else for (let j = 0; j <= n; j++) needed.push({ op: op.id, inputs: [i, j] });
    }
  }
  const known = new Map<string, ModelCell>();
  let V = n;
  let rounds = 0;
  let boundHit = false;
  let unknownNeeded = 0;
  for (;;) {
    rounds++;
    const round = await poseRound(theory, roles, V, n, [...known.values()], needed, opts);
    for (const [k, c] of round.values) known.set(k, c);
    const model = groundModel(theory, roles, n, V, known, round.constantValues);
    const limited = round.run.stopReason === "timeout" || round.run.stopReason === "max-memory";
    const misses = opts.candidates && !limited ? missingValues(opts.candidates, theory, model) : [];
    if (misses.length === 0 || V >= maxValue) {
      boundHit = misses.length > 0;
      unknownNeeded = misses.length;
      return finish(theory, roles, n, V, round, rounds, boundHit, unknownNeeded);
    }
    const widest = Math.max(...misses.flatMap((m) => m.inputs));
    V = Math.min(maxValue, Math.max(2 * V, widest));
    needed = misses.filter((m) => m.inputs.every((x) => x <= V));
  }
}

/** The cells the candidates' evaluation asked for and the model could not answer. */
export function missingValues(
  candidates: readonly Conjecture[],
  theory: Theory,
  model: GroundModel,
): { op: number; inputs: number[] }[] {
  const missed = new Map<string, { op: number; inputs: number[] }>();
  const recording: GroundModel = {
    ...model,
    apply(op, inputs) {
      const v = model.apply(op, inputs);
      if (v === undefined) missed.set(cellKey(op, inputs), { op, inputs: [...inputs] });
      return v;
    },
  };
  filterCandidates(candidates, theory, recording);
  const roles = theory.anchor?.roles;
  // Successor values past the chain come with a longer chain, not as posed cells.
  return [...missed.values()]
    .filter((m) => m.op !== roles?.successor || m.inputs.length !== 1)
    .sort((a, b) => (cellKey(a.op, a.inputs) < cellKey(b.op, b.inputs) ? -1 : 1));
}

/** One engine run: known values re-proved, needed cells with every value 0..V, constants, distinctness. */
async function poseRound(
  theory: Theory,
  roles: NonNullable<NonNullable<Theory["anchor"]>["roles"]>,
  V: number,
  n: number,
  known: readonly ModelCell[],
  needed: readonly { op: number; inputs: number[] }[],
  opts: ModelOptions,
): Promise<Round> {
  const c = (k: number): number => -k - 1;
  // Numeral k > 0 is statement variable k-1; numeral 0 is the zero constant.
  const num = (k: number): number => (k === 0 ? c(roles.zero) : k - 1);
  const varNames = Array.from({ length: V }, (_, i) => `${i + 1}`);
  const chain: PatternAtom[] = [];
  for (let k = 0; k < V; k++)
    chain.push({ pred: IN2, args: [num(k), num(k + 1), c(roles.successor)], negated: false });
  // Facts travel down the chain's blocks one level per burst.
  const engine = new Engine(theory, {
    induction: false,
    mirrors: false,
    maxBursts: V + 12,
    maxFactsPerBlock: 400_000,
  });
  for (const r of opts.theoremRules ?? []) engine.addTheoremRule(r.statement, r.ref);
  const symbol = (id: number) => theory.constants[id]!.name;
  const posed: { cell: ModelCell; index: number }[] = [];
  // Posing can itself be long (cells × values): check the limits as it goes.
  let posedCount = 0;
  let stopped: LimitStop | null = null;
  const limitHit = (): boolean => {
    if (stopped === null && ++posedCount % 256 === 0) stopped = opts.shouldStop?.() ?? null;
    return stopped !== null;
  };
  const pose = (op: number, ins: readonly number[], v: number): void => {
    if (limitHit()) return;
    const binary = ins.length === 2;
    const args = binary ? [num(ins[0]!), num(ins[1]!), num(v), c(op)] : [num(ins[0]!), num(v), c(op)];
    const text = binary ? `${ins[0]} ${symbol(op)} ${ins[1]} = ${v}` : `${symbol(op)}(${ins[0]}) = ${v}`;
    const st: Statement = {
      varNames,
      premises: chain,
      head: { pred: binary ? IN3 : IN2, args, negated: false },
    };
    const index = engine.addConjecture({ name: text, mpl: "", statement: st, mirrorOf: null });
    if (index !== null) posed.push({ cell: { op, inputs: [...ins], value: v, name: text }, index });
  };
  const knownKeys = new Set(known.map((k) => cellKey(k.op, k.inputs)));
  // Cells in input order, then value order, so that the conjecture order does not depend on history.
  const cells = [
    ...known.map((k) => ({ op: k.op, inputs: [...k.inputs], only: k.value })),
    ...needed.filter((m) => !knownKeys.has(cellKey(m.op, m.inputs))).map((m) => ({ ...m, only: -1 })),
  ].sort((a, b) => a.op - b.op || compareInputs(a.inputs, b.inputs));
  for (const cell of cells) {
    if (cell.only >= 0) pose(cell.op, cell.inputs, cell.only);
    else for (let v = 0; v <= V; v++) pose(cell.op, cell.inputs, v);
  }
  // Other element constants: `c = k` for each numeral k (at most one can hold).
  const constantPosed: { id: number; value: number; name: string; index: number }[] = [];
  for (const k of theory.constants) {
    if (k.type !== "element" || k.id === roles.zero) continue;
    for (let v = 0; v <= Math.min(V, n); v++) {
      const name = `${k.name} = ${v}`;
      const st: Statement = {
        varNames,
        premises: chain,
        head: { pred: EQ, args: [c(k.id), num(v)], negated: false },
      };
      const index = engine.addConjecture({ name, mpl: "", statement: st, mirrorOf: null });
      if (index !== null) constantPosed.push({ id: k.id, value: v, name, index });
    }
  }
  // Distinct numerals: ¬(a = b), by contradiction, on the shortest premise chain that names b.
  const distinct = new Map<string, string>();
  const distinctPosed: number[] = [];
  for (let b = 1; b <= Math.min(V, n); b++) {
    for (let a = 0; a < b; a++) {
      const name = `¬(${a} = ${b})`;
      const st: Statement = {
        varNames: varNames.slice(0, b),
        premises: chain.slice(0, b),
        head: { pred: EQ, args: [num(a), num(b)], negated: true },
      };
      const index = engine.addConjecture({ name, mpl: "", statement: st, mirrorOf: null });
      if (index !== null) distinctPosed.push(index);
      distinct.set(`${a},${b}`, name);
    }
  }
  const run = await engine.run({
    ...(opts.executor ? { executor: opts.executor } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    shouldStop: () => stopped ?? opts.shouldStop?.() ?? null,
  });
  const values = new Map<string, ModelCell>();
  for (const p of posed)
    if (run.conjectures[p.index]!.proved) values.set(cellKey(p.cell.op, p.cell.inputs), p.cell);
  const constantValues = constantPosed
    .filter((p) => run.conjectures[p.index]!.proved)
    .map(({ id, value, name }) => ({ id, value, name }));
  const negatives = distinctPosed.filter((i) => run.conjectures[i]!.proved).length;
  return { run, values, constantValues, negatives, distinct };
}

function compareInputs(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function groundModel(
  theory: Theory,
  roles: NonNullable<NonNullable<Theory["anchor"]>["roles"]>,
  n: number,
  V: number,
  table: ReadonlyMap<string, ModelCell>,
  constantValues: readonly { id: number; value: number; name: string }[],
): GroundModel {
  const symbol = (id: number) => theory.constants[id]!.name;
  const constantName = new Map(constantValues.map((v) => [v.id, v.name]));
  return {
    domain: Array.from({ length: n + 1 }, (_, i) => i),
    constants: new Map([[roles.zero, 0], ...constantValues.map((v): [number, number] => [v.id, v.value])]),
    constantSource: (id) => constantName.get(id) ?? null,
    apply(op, inputs) {
      if (op === roles.successor) return inputs[0]! < V ? inputs[0]! + 1 : undefined;
      return table.get(cellKey(op, inputs))?.value;
    },
    source(op, inputs) {
      if (op === roles.successor) return `premise ${symbol(op)}(${inputs[0]}) = ${inputs[0]! + 1}`;
      return table.get(cellKey(op, inputs))?.name ?? "unknown";
    },
  };
}

function finish(
  theory: Theory,
  roles: NonNullable<NonNullable<Theory["anchor"]>["roles"]>,
  n: number,
  V: number,
  last: Round,
  rounds: number,
  boundHit: boolean,
  unknownNeeded: number,
): ComputedModel {
  // Only what the final run proved: the model's sources are its theorems.
  const model = groundModel(theory, roles, n, V, last.values, last.constantValues);
  const distinctName = (a: number, b: number): string =>
    last.distinct.get(a < b ? `${a},${b}` : `${b},${a}`) ?? "unknown";
  return {
    model,
    cells: [...last.values.values()],
    run: last.run,
    positives: last.values.size,
    negatives: last.negatives,
    constantValues: last.constantValues,
    distinctName,
    valueBound: V,
    rounds,
    boundHit,
    unknownNeeded,
  };
}
