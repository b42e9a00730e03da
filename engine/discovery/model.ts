/**
 * The ground model ("incubator"): the engine proves, from the axioms alone, the values of the
 * theory's operations on the numerals 0..n. The numerals are introduced as a premise chain
 * `s(0)=1, s(1)=2, …, s(n-1)=n`; for every operation and inputs, every candidate value is posed
 * twice: as `i op j = v` (proved where true) and as `¬(i op j = v)` (proved by contradiction
 * where false). Values outside 0..n are never posed, so they stay unknown; the filter treats
 * them as such, never as refutations. Element constants other than zero (e.g. a `one`) get
 * the numeral they provably equal, when one of 0..n does.
 */
import type { PatternAtom, Theory } from "../../mpl/theory.js";
import type { GroundModel } from "../conjecture/index.js";
import { Engine, type Executor, type LimitStop, type ProgressEvent, type RunResult } from "../run.js";
import type { Statement } from "../statement.js";

export interface ModelOptions {
  /** Largest numeral. */
  readonly size: number;
  readonly executor?: Executor;
  /** Asked between bursts and every few hundred posed cells; a reason leaves the model partial. */
  readonly shouldStop?: () => LimitStop | null;
  readonly onProgress?: (e: ProgressEvent) => void;
}

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
}

const IN2 = 1;
const IN3 = 2;
const EQ = 3;

export async function computeModel(theory: Theory, opts: ModelOptions): Promise<ComputedModel> {
  const roles = theory.anchor?.roles;
  if (!roles) throw new Error("the ground model needs an anchor with carrier, zero and successor roles");
  const n = opts.size;
  const c = (k: number): number => -k - 1;
  // Numeral k > 0 is statement variable k-1; numeral 0 is the zero constant.
  const num = (k: number): number => (k === 0 ? c(roles.zero) : k - 1);
  const varNames = Array.from({ length: n }, (_, i) => `${i + 1}`);
  const chain: PatternAtom[] = [];
  for (let k = 0; k < n; k++)
    chain.push({ pred: IN2, args: [num(k), num(k + 1), c(roles.successor)], negated: false });
  const ops = theory.constants.filter(
    (k) => k.type === "operation" || (k.type === "function" && k.id !== roles.successor),
  );
  const engine = new Engine(theory, { induction: false, mirrors: false });
  const posed: { cell: ModelCell; index: number; positive: boolean }[] = [];
  const symbol = (id: number) => theory.constants[id]!.name;
  // Posing can itself be long (cells grow with size³ per operation): check the limits as it goes.
  let posedCount = 0;
  let stopped: LimitStop | null = null;
  const limitHit = (): boolean => {
    if (stopped === null && ++posedCount % 256 === 0) stopped = opts.shouldStop?.() ?? null;
    return stopped !== null;
  };
  for (const op of ops) {
    if (stopped !== null) break;
    const binary = op.type === "operation";
    const inputs: number[][] = [];
    for (let i = 0; i <= n; i++) {
      if (!binary) inputs.push([i]);
      else for (let j = 0; j <= n; j++) inputs.push([i, j]);
    }
    for (const ins of inputs) {
      if (limitHit()) break;
      for (let v = 0; v <= n; v++) {
        const args = binary
          ? [num(ins[0]!), num(ins[1]!), num(v), c(op.id)]
          : [num(ins[0]!), num(v), c(op.id)];
        const text = binary
          ? `${ins[0]} ${symbol(op.id)} ${ins[1]} = ${v}`
          : `${symbol(op.id)}(${ins[0]}) = ${v}`;
        const st: Statement = {
          varNames,
          premises: chain,
          head: { pred: binary ? IN3 : IN2, args, negated: false },
        };
        const index = engine.addConjecture({ name: text, mpl: "", statement: st, mirrorOf: null });
        if (index !== null)
          posed.push({ cell: { op: op.id, inputs: ins, value: v, name: text }, index, positive: true });
      }
    }
  }
  // Other element constants: `c = k` for each numeral k (at most one can hold).
  const constantPosed: { id: number; value: number; name: string; index: number }[] = [];
  for (const k of theory.constants) {
    if (k.type !== "element" || k.id === roles.zero) continue;
    for (let v = 0; v <= n; v++) {
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
  for (let b = 1; b <= n; b++) {
    for (let a = 0; a < b; a++) {
      const name = `¬(${a} = ${b})`;
      const st: Statement = {
        varNames: varNames.slice(0, b),
        premises: chain.slice(0, b),
        head: { pred: EQ, args: [num(a), num(b)], negated: true },
      };
      const index = engine.addConjecture({ name, mpl: "", statement: st, mirrorOf: null });
      if (index !== null)
        posed.push({ cell: { op: -1, inputs: [a, b], value: 0, name }, index, positive: false });
      distinct.set(`${a},${b}`, name);
    }
  }
  const run = await engine.run({
    ...(opts.executor ? { executor: opts.executor } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    shouldStop: () => stopped ?? opts.shouldStop?.() ?? null,
  });
  const table = new Map<string, ModelCell>();
  let positives = 0;
  let negatives = 0;
  for (const p of posed) {
    if (!run.conjectures[p.index]!.proved) continue;
    if (!p.positive) {
      negatives++;
      continue;
    }
    positives++;
    table.set(`${p.cell.op}:${p.cell.inputs.join(",")}`, p.cell);
  }
  const constantValues = constantPosed
    .filter((p) => run.conjectures[p.index]!.proved)
    .map(({ id, value, name }) => ({ id, value, name }));
  const constantName = new Map(constantValues.map((v) => [v.id, v.name]));
  const model: GroundModel = {
    domain: Array.from({ length: n + 1 }, (_, i) => i),
    constants: new Map([[roles.zero, 0], ...constantValues.map((v): [number, number] => [v.id, v.value])]),
    constantSource: (id) => constantName.get(id) ?? null,
    apply(op, inputs) {
      if (op === roles.successor) return inputs[0]! < n ? inputs[0]! + 1 : undefined;
      return table.get(`${op}:${inputs.join(",")}`)?.value;
    },
    source(op, inputs) {
      if (op === roles.successor) return `premise ${symbol(op)}(${inputs[0]}) = ${inputs[0]! + 1}`;
      return table.get(`${op}:${inputs.join(",")}`)?.name ?? "unknown";
    },
  };
  const distinctName = (a: number, b: number): string =>
    distinct.get(a < b ? `${a},${b}` : `${b},${a}`) ?? "unknown";
  return { model, cells: [...table.values()], run, positives, negatives, constantValues, distinctName };
}
