/**
 * Proofs without detours. The extractor follows each fact's recorded derivation, so a fact
 * can be derived twice in one proof (once as itself, once again by way of equalities back to
 * the literal goal). This pass keeps the first derivation of each fact, points every later
 * use at it, drops what no goal needs any more and renumbers the rest, premises before use.
 *
 * A later step is replaced by an earlier one only where every citation stays one the
 * verifier accepts: within a section, or a step-section use of a main-section fact; goal steps
 * stay in their own section. Pure and deterministic.
 */
import type { Section, StepJson, TheoremJson } from "../export/schema.js";

function factKey(s: StepJson): string {
  return `${s.fact.neg ? "!" : ""}${s.fact.pred}[${s.fact.args.join(",")}]`;
}

/** Whether a use of a step in section `of` may instead cite a step of section `by`. */
function mayStandIn(by: Section, of: Section): boolean {
  return by === of || (by === "main" && of === "step");
}

export interface DetourFree {
  steps: StepJson[];
  goals: TheoremJson["goals"];
  carrierStep: number | undefined;
}

export function withoutDetours(
  steps: readonly StepJson[],
  goals: TheoremJson["goals"],
  carrierStep: number | undefined,
): DetourFree {
  const byN = new Map(steps.map((s) => [s.n, s]));
  // Scopes of implication introductions (export/schema.ts): a step may stand in for a use
  // only where that use sees it.
  const scopes = (s: StepJson): string[] => {
    const out: string[] = [];
    for (let at: StepJson | undefined = s; at?.scope; at = byN.get(at.scope.intro))
      out.push(`${at.scope.intro}:${at.scope.case}`);
    return out;
  };
  const visible = (by: StepJson, of: StepJson): boolean => {
    const [inner, outer] = [scopes(of), scopes(by)];
    const off = inner.length - outer.length;
    return off >= 0 && outer.every((k, i) => inner[off + i] === k);
  };
  const goalSteps = new Set([goals.main, goals.base, goals.step, carrierStep].filter((g) => g !== undefined));
  // First derivation of each fact, by section.
  const first = new Map<string, StepJson>();
  const replaced = new Map<number, number>();
  const resolve = (n: number): number => replaced.get(n) ?? n;
  const ordered = [...steps].sort((a, b) => a.n - b.n);
  for (const s of ordered) {
    const key = factKey(s);
    let earlier: StepJson | undefined;
    for (const sec of ["main", s.section] as const) {
      const e = first.get(`${sec}|${key}`);
      if (
        e !== undefined &&
        mayStandIn(e.section, s.section) &&
        visible(e, s) &&
        (!goalSteps.has(s.n) || e.section === s.section)
      ) {
        earlier = e;
        break;
      }
    }
    if (earlier !== undefined) {
      replaced.set(s.n, earlier.n);
      continue;
    }
    first.set(`${s.section}|${key}`, s);
  }
  const newGoals: TheoremJson["goals"] = {};
  if (goals.main !== undefined) newGoals.main = resolve(goals.main);
  if (goals.base !== undefined) newGoals.base = resolve(goals.base);
  if (goals.step !== undefined) newGoals.step = resolve(goals.step);
  const carrier = carrierStep === undefined ? undefined : resolve(carrierStep);
  // Renumber in the extractor's order (carrier, step, base; premises first), keeping only what is used.
  const number = new Map<number, number>();
  const out: StepJson[] = [];
  const visit = (root: number): void => {
    const stack: [number, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [n, expanded] = stack.pop()!;
      if (number.has(n)) continue;
      const s = byN.get(n);
      if (s === undefined) continue;
      if (expanded) {
        const premises = s.premises.map((p) => number.get(resolve(p)) ?? p);
        number.set(n, out.length + 1);
        out.push({ ...s, n: out.length + 1, premises });
        continue;
      }
      stack.push([n, true]);
      // A refl premise (`=[w,w]`) after its siblings: one of them introduces w when w is a witness.
      const order = s.premises.map((p) => resolve(p));
      const refl = (p: number) => byN.get(p)?.kind === "refl";
      const visitOrder = [...order.filter((p) => !refl(p)), ...order.filter(refl)];
      for (let i = visitOrder.length - 1; i >= 0; i--) {
        const p = visitOrder[i]!;
        if (!number.has(p)) stack.push([p, false]);
      }
    }
  };
  for (const root of [carrier, newGoals.main, newGoals.step, newGoals.base])
    if (root !== undefined) visit(root);
  const renumber = (n: number | undefined): number | undefined =>
    n === undefined ? undefined : number.get(n);
  for (const st of out) if (st.scope) st.scope = { ...st.scope, intro: number.get(st.scope.intro)! };
  const finalGoals: TheoremJson["goals"] = {};
  for (const k of ["main", "base", "step"] as const) {
    const g = renumber(newGoals[k]);
    if (g !== undefined) finalGoals[k] = g;
  }
  return { steps: out, goals: finalGoals, carrierStep: renumber(carrier) };
}
