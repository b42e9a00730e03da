/**
 * One theorem: its statement is well formed, its method's header holds (induction schema,
 * negated head for contradiction), every step checks, the goals prove the statement, and the
 * `uses` / `axioms` lists are exactly what the steps cite (sorted, no duplicates).
 */
import type { StepJson, StepKind, TheoremJson } from "../export/schema.js";
import { type Anchor, atomProblem, varsProblem } from "./anchor.js";
import { sameNames } from "./atoms.js";
import { mirrorProblem, mplProblem, nameProblem } from "./fields.js";
import { checkGoals } from "./goals.js";
import { inductionProblems } from "./induction.js";
import type { ReportBuilder } from "./report.js";
import type { GraphContext } from "./scope.js";
import { stepProblem } from "./steps.js";

type Fail = (step: number | null, reason: string) => void;

function statementProblem(t: TheoremJson, anchor: Anchor): string | null {
  const { vars, premises, head } = t.statement;
  const problem =
    varsProblem(vars, anchor) ?? [...premises, head].map((a) => atomProblem(a, anchor, vars)).find(Boolean);
  return problem ? `the statement is ill-formed: ${problem}` : null;
}

function headerProblems(t: TheoremJson, anchor: Anchor): string[] {
  if (t.method === "induction") {
    return t.induction
      ? inductionProblems(t.statement, t.induction, anchor)
      : ["an induction proof needs its induction"];
  }
  const problems = t.induction ? [`a ${t.method} proof has no induction`] : [];
  if (t.method === "contradiction" && t.statement.head.neg !== true) {
    problems.push("a proof by contradiction proves a negated head");
  }
  return problems;
}

function checkLists(t: TheoremJson, fail: Fail): void {
  const lists: [string, readonly string[], StepKind[]][] = [
    ["uses", t.uses, ["theorem"]],
    ["axioms", t.axioms, ["axiom", "rule", "definition", "witness", "comprehension"]],
  ];
  for (const [name, listed, kinds] of lists) {
    const cited = [
      ...new Set(t.steps.filter((s) => kinds.includes(s.kind)).map((s) => s.ref ?? "(none)")),
    ].sort();
    if (!sameNames(listed, cited))
      fail(null, `${name} lists [${listed.join(",")}] but the steps cite [${cited.join(",")}]`);
  }
}

/** Checks theorem number `position`, reports its failures and records whether it verified. */
export function verifyTheorem(position: number, ctx: GraphContext, r: ReportBuilder): void {
  const t = ctx.theorems[position]!;
  const before = r.failures.length;
  const fail: Fail = (step, reason) => r.fail(t.id, step, reason);

  if (ctx.positions.get(t.id) !== position) fail(null, `theorem id ${t.id} is used twice`);
  r.count("statement");
  const statement = statementProblem(t, ctx.anchor);
  if (statement) fail(null, statement);
  if (t.mirrorOf !== undefined) {
    r.count("mirror");
    const at = ctx.positions.get(t.mirrorOf);
    if (at === undefined || at >= position)
      fail(null, `mirrorOf ${t.mirrorOf} does not name an earlier theorem`);
  }
  r.count(t.method === "induction" ? "induction" : "method");
  for (const problem of headerProblems(t, ctx.anchor)) fail(null, problem);

  const steps = new Map<number, StepJson>();
  for (const step of t.steps) if (!steps.has(step.n)) steps.set(step.n, step);
  const scope = { ...ctx, theorem: t, position, steps, firstMention: new Map(), witnesses: new Map() };
  let previous = -1;
  for (const step of t.steps) {
    r.count(step.kind);
    const problem = stepProblem(step, scope);
    if (step.n <= previous)
      fail(step.n, `step numbers must increase (step ${step.n} follows step ${previous})`);
    else if (problem) fail(step.n, problem);
    previous = Math.max(previous, step.n);
  }

  r.count("goals");
  checkGoals(t, steps, ctx.anchor, fail);
  for (const g of [t.goals.main, t.goals.base, t.goals.step, t.induction?.carrierStep]) {
    const scope = g === undefined ? undefined : steps.get(g)?.scope;
    if (scope)
      fail(g!, `a goal step must lie outside every intro's scope, not in that of step ${scope.intro}`);
  }
  r.count("lists");
  checkLists(t, fail);
  // The fields people read come last, so a theorem's first failure is its first wrong step. A
  // wrong label does not make the proof wrong: theorems citing this one are judged by its proof.
  if (!ctx.verified.has(t.id)) ctx.verified.set(t.id, r.failures.length === before);
  const original = t.mirrorOf === undefined ? undefined : ctx.positions.get(t.mirrorOf);
  if (original !== undefined && original < position && !statement) {
    const problem = mirrorProblem(t, ctx.theorems[original]!);
    if (problem) fail(null, `mirrorOf ${t.mirrorOf}: ${problem}`);
  }
  r.count("mpl");
  const mpl = mplProblem(t, ctx.anchorName, ctx.constantNames);
  if (mpl) fail(null, mpl);
  if (t.name !== null) {
    const byId = new Map(ctx.theorems.slice(0, position).map((x) => [x.id, x]));
    const name = nameProblem({ ...t, name: t.name }, byId, ctx.names);
    if (name === "unvouched") r.unvouchedNames++;
    else {
      r.count("name");
      if (name) fail(null, name);
    }
  }
}
