/**
 * The independent verifier: re-checks every step of an exported proof graph against the
 * schema's definition of each step kind, with its own small implementations of instantiation,
 * equality and the induction schema. It imports nothing from the engine, so a bug there
 * cannot hide itself here. See docs/verifier.md for what is checked and what is trusted.
 *
 * Order: shape, anchor (predicates, constants, axioms), the cross-check of the anchor against
 * the sources compiled again (when asked), then theorems in file order; a theorem may cite only
 * theorems before it that verified, so citations cannot form a cycle.
 */
import type { EntityJson, ImportJson, LinkJson } from "../export/schema.js";
import type { Theory } from "../mpl/theory.js";
import { readAnchor } from "./anchor.js";
import {
  type CheckedBatch,
  type GraphPart,
  importProblem,
  linkProblems,
  newConstantsOf,
  placeProblems,
} from "./batches.js";
import { compareAxioms, compareConstants } from "./expected-axioms.js";
import type { SourceNames } from "./fields.js";
import { GRAPH, ReportBuilder, type VerifyReport } from "./report.js";
import { readShape } from "./shape.js";
import { type BatchWanted, type ExpectedAnchor, recompileSources } from "./sources.js";
import { verifyTheorem } from "./theorem.js";

export type { AxiomCheck, VerifyFailure, VerifyReport } from "./report.js";

export interface VerifyOptions {
  /**
   * The axioms as compiled from the MPL sources; when given, the graph's axioms must equal
   * them exactly, so the graph cannot prove its theorems from axioms of its own making.
   */
  expectedAxioms?: readonly EntityJson[];
  /**
   * Compile the graph's `theory.sources` again and require its anchor, constants (with roles)
   * and axioms to be what they give (what `gl verify` does). `expectedAxioms` takes precedence.
   */
  recompileSources?: boolean;
  /**
   * The anchor, constants and axioms compiled from files the user names (`gl verify
   * --sources`), and what they were compiled from; or why they give none (a failure). Takes
   * precedence over both options above.
   */
  expected?:
    | { readonly anchor: ExpectedAnchor; readonly from: string; readonly link?: LinkJson | null | string }
    | { readonly failure: string };
  /**
   * For a graph of batches with `expected`: the same for each earlier batch, by name (a batch
   * without an entry fails its cross-check).
   */
  expectedEarlier?: ReadonlyMap<string, NonNullable<VerifyOptions["expected"]>>;
}

/** Axioms the sources do not give (steps citing them fail), and the sources' conjecture names. */
interface CrossChecked {
  readonly rejected: ReadonlySet<string>;
  readonly names: SourceNames | null;
  /** The theory compiled again, for the link of a later GL batch. */
  readonly theory: Theory | null;
  /** The link the sources give (undefined: not derived). */
  readonly link?: LinkJson | null | string;
}

type Expected = NonNullable<VerifyOptions["expected"]>;

/**
 * Compares a batch's anchor part with what it should be and records how; returns the ids of
 * the graph's axioms that the sources do not give (steps citing them fail).
 */
function crossCheck(
  g: GraphPart,
  options: VerifyOptions,
  expected: Expected | undefined,
  wanted: BatchWanted | null,
  r: ReportBuilder,
): CrossChecked {
  const none = { rejected: new Set<string>(), names: null, theory: null };
  if (expected && "failure" in expected) {
    r.axioms = { crossChecked: false, detail: expected.failure };
    r.fail(GRAPH, null, `axioms not cross-checked: ${expected.failure}`);
    return none;
  }
  if (expected) {
    compareConstants(g, expected.anchor, r);
    r.axioms = { crossChecked: true, detail: `compiled from ${expected.from}` };
    const rejected = compareAxioms(g.axioms, expected.anchor.axioms, r);
    return {
      rejected,
      names: expected.anchor.names ?? null,
      theory: null,
      ...(expected.link !== undefined ? { link: expected.link } : {}),
    };
  }
  if (options.expectedAxioms && wanted === null) {
    r.axioms = { crossChecked: true, detail: `${options.expectedAxioms.length} expected axioms given` };
    return { rejected: compareAxioms(g.axioms, options.expectedAxioms, r), names: null, theory: null };
  }
  if (!options.recompileSources) return none;
  const compiled = recompileSources(g.theory.sources, wanted);
  if (compiled.kind !== "compiled") {
    r.axioms = { crossChecked: false, detail: compiled.reason };
    r.fail(GRAPH, null, `axioms not cross-checked: ${compiled.reason}`);
    return none;
  }
  compareConstants(g, compiled.expected, r);
  r.axioms = { crossChecked: true, detail: `compiled again from ${compiled.from}` };
  const rejected = compareAxioms(g.axioms, compiled.expected.axioms, r);
  return { rejected, names: compiled.expected.names ?? null, theory: compiled.theory, link: compiled.link };
}

/** JSON text with object keys in a fixed order, for comparing links. */
const linkText = (l: LinkJson | null): string =>
  l === null ? "none" : JSON.stringify([l.earlier, l.constants, l.predicates, l.how]);

/** Any JSON value gives a report; the verifier never throws on bad input. */
export function verifyGraph(graph: unknown, options: VerifyOptions = {}): VerifyReport {
  const r = new ReportBuilder();
  const shape = readShape(graph);
  if ("failures" in shape) {
    for (const f of shape.failures) r.fail(f.theorem, f.step, f.reason);
    return r.finish();
  }
  const g = shape.graph;
  // Earlier batches first, each checked in full; the graph's own batch last.
  const parts: GraphPart[] = [...(g.earlier ?? []), g];
  const batched = parts.length > 1 || g.batch !== undefined;
  const checked = new Map<string, CheckedBatch>();
  const theories = new Map<string, Theory>();
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const before = r.failures.length;
    const expected = last
      ? options.expected
      : options.expected
        ? (options.expectedEarlier?.get(part.theory.anchor) ?? {
            failure: `no sources were given for the batch ${part.theory.anchor}`,
          })
        : undefined;
    const parent = part.batch?.extends ?? null;
    const wanted = batched
      ? { anchor: part.theory.anchor, earlier: (parent && theories.get(parent)) || null }
      : null;
    const state = verifyPart(part, i, batched, checked, crossCheckOf(part, options, expected, wanted), r);
    if (state.theory) theories.set(part.theory.anchor, state.theory);
    // A failure of an earlier batch as a whole fails all its theorems, and so what it hands on.
    const own = r.failures.slice(before);
    if (!last) {
      const whole = own.some((f) => f.theorem === GRAPH);
      if (whole)
        for (const id of state.batch.verified.keys())
          (state.batch.verified as Map<string, boolean>).set(id, false);
      for (const f of own) f.theorem = `${part.theory.anchor}:${f.theorem}`;
    }
    checked.set(part.theory.anchor, state.batch);
  }
  return r.finish();
}

function crossCheckOf(
  part: GraphPart,
  options: VerifyOptions,
  expected: Expected | undefined,
  wanted: BatchWanted | null,
): (r: ReportBuilder) => CrossChecked {
  return (r) => crossCheck(part, options, expected, wanted, r);
}

/** One batch (or the whole graph of one theory): anchor, cross-check, link and imports, theorems. */
function verifyPart(
  part: GraphPart,
  index: number,
  batched: boolean,
  before: ReadonlyMap<string, CheckedBatch>,
  crossChecked: (r: ReportBuilder) => CrossChecked,
  r: ReportBuilder,
): { batch: CheckedBatch; theory: Theory | null } {
  const anchor = readAnchor(part, r);
  const checked = crossChecked(r);
  anchor.rejected = checked.rejected;
  const imports = new Map<string, { imp: ImportJson; ok: boolean }>();
  if (batched) checkBatch(part, index, before, anchor, checked, imports, r);
  const positions = new Map<string, number>();
  for (const [i, t] of part.theorems.entries()) if (!positions.has(t.id)) positions.set(t.id, i);
  const ctx = {
    anchor,
    theorems: part.theorems,
    positions,
    verified: new Map<string, boolean>(),
    anchorName: part.theory.anchor,
    constantNames: part.theory.constants.map((c) => c.name),
    names: checked.names,
    imports: new Map([...imports].map(([id, x]) => [id, { statement: x.imp.statement, ok: x.ok }])),
    definitions: new Map(
      (checked.theory?.definitions ?? []).map((d) => [
        d.name,
        { params: d.params.map((p) => p.name), mpl: d.mpl },
      ]),
    ),
  };
  for (let i = 0; i < part.theorems.length; i++) verifyTheorem(i, ctx, r);
  return { batch: { part, verified: ctx.verified, imports }, theory: checked.theory };
}

/** The batch header, the link (shape, containment, agreement with the sources) and every import. */
function checkBatch(
  part: GraphPart,
  index: number,
  before: ReadonlyMap<string, CheckedBatch>,
  anchor: ReturnType<typeof readAnchor>,
  checked: CrossChecked,
  imports: Map<string, { imp: ImportJson; ok: boolean }>,
  r: ReportBuilder,
): void {
  r.count("batch");
  for (const p of placeProblems(part, index, before))
    r.fail(GRAPH, null, `batch ${part.theory.anchor}: ${p}`);
  const b = part.batch;
  const link = b?.link ?? null;
  if (checked.link !== undefined) {
    r.count("link-source");
    if (typeof checked.link === "string")
      r.fail(GRAPH, null, `the link cannot be derived from the sources: ${checked.link}`);
    else if (linkText(checked.link) !== linkText(link))
      r.fail(
        GRAPH,
        null,
        `the link ${linkText(link)} is not the one the sources give (${linkText(checked.link)})`,
      );
  }
  const parent = b?.extends ? before.get(b.extends) : undefined;
  if (b === undefined || link === null || parent === undefined) {
    for (const imp of b?.imports ?? []) imports.set(imp.id, { imp, ok: false });
    return;
  }
  r.count("link");
  const { problems, maps } = linkProblems(link, parent.part, part);
  for (const p of problems) r.fail(GRAPH, null, `link from ${link.earlier}: ${p}`);
  const own = newConstantsOf(link, part);
  if (own.join(",") !== b.newConstants.join(","))
    r.fail(
      GRAPH,
      null,
      `newConstants lists [${b.newConstants.join(",")}], but the link leaves [${own.join(",")}]`,
    );
  for (const imp of b.imports) {
    r.count("imported-theorem");
    if (imports.has(imp.id)) {
      r.fail(GRAPH, null, `import ${imp.id} is listed twice`);
      continue;
    }
    const problem =
      maps === null || problems.length > 0
        ? "the link does not hold"
        : importProblem(imp, anchor, parent, maps);
    if (problem) r.fail(GRAPH, null, `import ${imp.id}: ${problem}`);
    imports.set(imp.id, { imp, ok: problem === null });
  }
}
