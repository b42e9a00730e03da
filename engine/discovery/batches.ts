/**
 * Discovery over batches (docs/mpl-format.md, "Batches"): the batches run in order, each with
 * the pipeline of engine/discovery/pipeline.ts. A later batch receives the essential theorems of
 * the batch it extends, and the theorems that batch received itself, mapped through the anchor
 * link: they are rules of the later batch's proofs and compressor (and of its ground model where
 * the axioms leave a function undefined, model.ts), cited as `<batch>:<theorem>`. Its conjecturer proposes only candidates that mention one of its
 * parameters outside the link's image (`requireSymbols`).
 */
import { type BatchLink, mapAtom } from "../../mpl/batch-link.js";
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import type { Executor } from "../run.js";
import { canonicalVars, type Statement } from "../statement.js";
import { type DiscoveryOptions, type DiscoveryResult, discover } from "./pipeline.js";

export interface BatchInput {
  /** The batch's name: its anchor's. */
  readonly name: string;
  readonly extends: string | null;
  readonly theory: Theory;
  readonly link: BatchLink | null;
  /** Candidates given instead of enumerated ones (e.g. a GL conjecture list). */
  readonly candidates?: readonly Conjecture[];
}

/** A theorem of an earlier batch, in this batch's ids. */
export interface ImportedTheorem {
  /** What steps cite: `<batch>:<theorem>`, e.g. `Peano:T22`. */
  readonly id: string;
  /** The batch that proved it, and its id there. */
  readonly batch: string;
  readonly theorem: string;
  readonly statement: Statement;
}

export interface BatchResult {
  readonly batch: BatchInput;
  readonly imports: readonly ImportedTheorem[];
  /** Earlier theorems not carried over: they use a predicate the link does not map. */
  readonly notImported: readonly string[];
  /** Theory constants a candidate must mention (empty for the first batch: no restriction). */
  readonly requireSymbols: readonly number[];
  readonly result: DiscoveryResult;
}

/** Threads for one batch: a pool is built for one theory. */
export interface BatchExecutors {
  readonly executor: () => Executor | undefined;
  close(): Promise<void>;
}

export interface BatchRunOptions
  extends Omit<DiscoveryOptions, "candidates" | "theoremRules" | "conjectureSettings" | "executor"> {
  readonly executors: (batch: BatchInput) => BatchExecutors;
  readonly onBatch?: (batch: BatchInput, index: number) => void;
}

export const importId = (batch: string, theorem: string): string => `${batch}:${theorem}`;

/**
 * Runs the batches in the given order (each after the one it extends). A batch cut short by a
 * limit ends the run: the later ones are not started.
 */
export async function discoverBatches(
  batches: readonly BatchInput[],
  o: BatchRunOptions,
): Promise<BatchResult[]> {
  const done = new Map<string, BatchResult>();
  const out: BatchResult[] = [];
  for (const [i, batch] of batches.entries()) {
    o.onBatch?.(batch, i);
    const parent = batch.extends === null ? undefined : done.get(batch.extends);
    if (batch.extends !== null && (parent === undefined || batch.link === null))
      throw new Error(`batch ${batch.name} runs before ${batch.extends}, the batch it extends`);
    const carried = parent ? carryOver(parent, batch.link!, batch.theory) : { imports: [], notImported: [] };
    const requireSymbols = parent ? ownSymbols(batch.theory, batch.link!) : [];
    const ex = o.executors(batch);
    let result: DiscoveryResult;
    try {
      result = await discover(batch.theory, {
        ...o,
        executor: ex.executor,
        ...(batch.candidates ? { candidates: batch.candidates } : {}),
        ...(parent ? { conjectureSettings: { requireSymbols } } : {}),
        theoremRules: carried.imports.map((t) => ({ statement: t.statement, ref: t.id })),
      });
    } finally {
      await ex.close();
    }
    const r: BatchResult = { batch, ...carried, requireSymbols, result };
    done.set(batch.name, r);
    out.push(r);
    if (result.stoppedBy !== null) break;
  }
  return out;
}

/** What a finished batch hands on: what it received, then its own essential theorems, in order. */
function exported(b: BatchResult): ImportedTheorem[] {
  const run = b.result.run;
  const byRef = new Map(run.theorems.map((t) => [t.rule.ref, t]));
  const own = b.result.compression.essential.map((ref): ImportedTheorem => {
    const t = byRef.get(ref)!;
    return {
      id: importId(b.batch.name, ref),
      batch: b.batch.name,
      theorem: ref,
      statement: run.conjectures[t.conjecture]!.statement,
    };
  });
  return [...b.imports, ...own];
}

/** The parent's exported theorems in the child's ids; variables renamed off its constant names. */
function carryOver(
  parent: BatchResult,
  link: BatchLink,
  theory: Theory,
): { imports: ImportedTheorem[]; notImported: string[] } {
  const imports: ImportedTheorem[] = [];
  const notImported: string[] = [];
  const taken = new Set(theory.constants.map((c) => c.name));
  for (const t of exported(parent)) {
    const atoms = [...t.statement.premises, t.statement.head].map((a) => mapAtom(link, a));
    if (atoms.some((a) => a === null)) {
      notImported.push(t.id);
      continue;
    }
    const mapped = atoms as PatternAtom[];
    const used = new Set<string>();
    const varNames = t.statement.varNames.map((v) => {
      let name = v;
      for (let k = 1; taken.has(name) || used.has(name); k++) name = `${v}${k}`;
      used.add(name);
      return name;
    });
    const statement = canonicalVars({
      varNames,
      premises: mapped.slice(0, -1),
      head: mapped[mapped.length - 1]!,
    });
    imports.push({ ...t, statement });
  }
  return { imports, notImported };
}

/** The later anchor's parameters outside the link's image: what the earlier batch did not have. */
export function ownSymbols(theory: Theory, link: BatchLink): number[] {
  const image = new Set(link.constants);
  return (theory.anchor?.params ?? []).filter((k) => !image.has(k));
}
