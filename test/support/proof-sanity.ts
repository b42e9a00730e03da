/**
 * Structural checks of an exported proof (export/schema.ts), for engine tests: numbering,
 * premise order and sections, theorem citations, goals, the induction record, and for each
 * step kind that its fact follows from its premises and reference as the schema describes.
 * Returns the problems found as readable lines, so a failing test says which step and why.
 */
import type { AtomJson, ProofGraph, StatementJson, StepJson, TheoremJson } from "../../export/schema.js";

export const atomText = (a: AtomJson): string => `${a.neg ? "!" : ""}${a.pred}[${a.args.join(",")}]`;

export const stepText = (s: StepJson): string =>
  `${s.n} ${s.section} ${s.kind} ${atomText(s.fact)} <- [${s.premises.join(",")}]` +
  `${s.ref ? ` ${s.ref}` : ""}${s.binding ? ` {${s.binding.join(",")}}` : ""}`;

const sameAtom = (a: AtomJson, b: AtomJson): boolean => atomText(a) === atomText(b);

/** An atom of a pattern with `vars` replaced by `values` (other names are constants). */
export function instantiate(a: AtomJson, vars: readonly string[], values: readonly string[]): AtomJson {
  const args = a.args.map((x) => {
    const i = vars.indexOf(x);
    return i < 0 ? x : values[i]!;
  });
  return a.neg ? { pred: a.pred, args, neg: true } : { pred: a.pred, args };
}

/** The statement with one variable read as another name (the others stay). */
export function substitute(s: StatementJson, from: string, to: string): StatementJson {
  const r = (a: AtomJson) => instantiate(a, [from], [to]);
  return { vars: s.vars, premises: s.premises.map(r), head: r(s.head) };
}

const theoremNumber = (id: string): number => Number(id.slice(1));

export function proofProblems(graph: ProofGraph, t: TheoremJson): string[] {
  const problems: string[] = [];
  const bad = (s: StepJson | null, why: string): void => {
    problems.push(`${t.id} ${t.name ?? ""}: ${s ? stepText(s) : ""}: ${why}`);
  };
  const zero = graph.theory.constants.find((c) => c.role === "zero")?.name;
  const succ = graph.theory.constants.find((c) => c.role === "successor")?.name;
  const carrier = graph.theory.constants.find((c) => c.role === "carrier")?.name;
  const axioms = new Map(graph.axioms.map((e) => [e.id, e]));
  const theorems = new Map(graph.theorems.map((x) => [x.id, x]));
  const steps = t.steps;
  const fact = (n: number): AtomJson | undefined => steps[n - 1]?.fact;
  const premisesAre = (s: StepJson, want: AtomJson[]) => {
    if (s.premises.length !== want.length) return bad(s, `expected ${want.length} premises`);
    want.forEach((w, i) => {
      const got = fact(s.premises[i]!);
      if (!got || !sameAtom(got, w))
        bad(s, `premise ${i + 1} should be ${atomText(w)}, is ${got ? atomText(got) : "?"}`);
    });
  };
  const headIs = (s: StepJson, want: AtomJson) => {
    if (!sameAtom(s.fact, want)) bad(s, `fact should be ${atomText(want)}`);
  };
  const ind = t.induction;
  const isBase = (s: StepJson) => s.section === "base";
  /** What the step's section proves: the head (at zero in a base); nothing in an induction's main. */
  const sectionGoal = (s: StepJson): AtomJson | null => {
    if (t.method !== "induction") return t.statement.head;
    if (!ind || !zero || s.section === "main") return null;
    return isBase(s) ? instantiate(t.statement.head, [ind.var], [zero]) : t.statement.head;
  };

  steps.forEach((s, i) => {
    if (s.n !== i + 1) bad(s, `numbered ${s.n} at position ${i + 1}`);
    for (const p of s.premises) {
      if (!(p >= 1 && p < s.n)) {
        bad(s, `premise ${p} is not an earlier step`);
        continue;
      }
      const ps = steps[p - 1]!;
      // Base and main paths are separate blocks; the step block sits under the main block.
      const ok = s.section === "step" ? ps.section !== "base" : ps.section === s.section;
      if (!ok) bad(s, `${s.section} step cites ${ps.section} step ${p}`);
    }
    if (t.method !== "induction" && s.section !== "main") bad(s, "section outside an induction proof");
    switch (s.kind) {
      case "premise": {
        const p = t.statement.premises[s.index ?? -1];
        if (!p) bad(s, "no such statement premise");
        else headIs(s, isBase(s) && ind && zero ? instantiate(p, [ind.var], [zero]) : p);
        if (s.premises.length) bad(s, "a premise step has premises");
        break;
      }
      case "axiom": {
        const e = axioms.get(s.ref ?? "");
        if (e?.kind !== "fact" || !e.head) bad(s, "not an axiom fact");
        else headIs(s, e.head);
        break;
      }
      case "rule":
      case "theorem":
      case "hypothesis": {
        let st: StatementJson | undefined;
        if (s.kind === "rule") {
          const e = axioms.get(s.ref ?? "");
          if (e?.kind === "rule" && e.head) st = { vars: e.vars, premises: e.premises, head: e.head };
        } else if (s.kind === "theorem") {
          st = theorems.get(s.ref ?? "")?.statement;
          if (!s.ref || theoremNumber(s.ref) >= theoremNumber(t.id))
            bad(s, `cites ${s.ref}, not an earlier theorem`);
        } else {
          st = ind?.hypothesis;
          if (s.section !== "step") bad(s, "hypothesis outside the step section");
        }
        if (!st) {
          bad(s, "unknown reference");
          break;
        }
        const b = s.binding ?? [];
        if (b.length !== st.vars.length)
          bad(s, `binding has ${b.length} values for ${st.vars.length} variables`);
        premisesAre(
          s,
          st.premises.map((p) => instantiate(p, st.vars, b)),
        );
        headIs(s, instantiate(st.head, st.vars, b));
        break;
      }
      case "witness": {
        const e = axioms.get(s.ref ?? "");
        if (e?.kind !== "exists" || !e.body || !e.witnesses) {
          bad(s, "not an existential axiom");
          break;
        }
        const b = s.binding ?? [];
        if (b.length !== e.vars.length) bad(s, "binding does not cover the entity's variables");
        if (!e.witnesses.some((w) => b[e.vars.indexOf(w)] === s.witness))
          bad(s, `witness ${s.witness} not bound to a witness variable`);
        if (!e.body.some((a) => sameAtom(instantiate(a, e.vars, b), s.fact))) bad(s, "fact is no body atom");
        premisesAre(
          s,
          e.premises.map((p) => instantiate(p, e.vars, b)),
        );
        break;
      }
      case "succ":
        if (!ind || s.section !== "step") bad(s, "succ outside an induction step");
        else headIs(s, { pred: "in2", args: [ind.predecessor, ind.var, succ ?? "?"] });
        break;
      case "refl":
        if (s.premises.length > 0) bad(s, "refl cites no premises");
        headIs(s, { pred: "=", args: [s.fact.args[0]!, s.fact.args[0]!] });
        break;
      case "eq-symm": {
        const p = fact(s.premises[0] ?? 0);
        if (s.premises.length !== 1 || !p || p.pred !== "=" || p.neg) bad(s, "premise is no equality");
        else headIs(s, { pred: "=", args: [p.args[1]!, p.args[0]!] });
        break;
      }
      case "eq-trans": {
        const [p, q] = s.premises.map(fact);
        if (s.premises.length !== 2 || !p || !q || p.args[1] !== q.args[0]) bad(s, "premises do not chain");
        else headIs(s, { pred: "=", args: [p.args[0]!, q.args[1]!] });
        break;
      }
      case "eq-subst": {
        const src = fact(s.premises[0] ?? 0);
        const eqs = s.premises.slice(1).map(fact);
        if (!src || eqs.length === 0) {
          bad(s, "needs a source and at least one equality");
          break;
        }
        if (eqs.some((e) => e?.pred !== "=" || e.neg)) bad(s, "a substitution premise is no equality");
        if (src.pred !== s.fact.pred || !!src.neg !== !!s.fact.neg || src.args.length !== s.fact.args.length)
          bad(s, "result is not the source's predicate");
        const ok = s.fact.args.every(
          (y, k) => y === src.args[k] || eqs.some((e) => e?.args[0] === src.args[k] && e?.args[1] === y),
        );
        if (!ok) bad(s, `not ${atomText(src)} with equals replaced`);
        if (sameAtom(src, s.fact)) bad(s, "substitution changes nothing");
        break;
      }
      case "assume": {
        const g = sectionGoal(s);
        if (!g?.neg) bad(s, "an assumption where the section's goal is not negated");
        else headIs(s, { pred: g.pred, args: g.args });
        if (s.premises.length) bad(s, "an assumption has premises");
        break;
      }
      case "contradiction": {
        const g = sectionGoal(s);
        if (!g) bad(s, "a contradiction where the section has no goal");
        else headIs(s, g);
        const [p, q] = s.premises.map(fact);
        const closes =
          s.premises.length === 1
            ? p?.pred === "=" && p.neg === true && p.args[0] === p.args[1]
            : s.premises.length === 2 &&
              !!p &&
              !!q &&
              p.pred === q.pred &&
              !p.neg !== !q.neg &&
              p.args.join() === q.args.join();
        if (!closes) bad(s, "premises are not an atom and its negation");
        break;
      }
      default:
        bad(s, `unexpected kind in a ${t.method} proof`);
    }
  });

  // Goals: the statement head, variables read as constants (base: var := zero).
  const goal = (n: number | undefined, want: AtomJson, section: string) => {
    const s = n === undefined ? undefined : steps[n - 1];
    if (!s) return bad(null, `${section} goal ${n} is no step`);
    if (!sameAtom(s.fact, want)) bad(s, `${section} goal should be ${atomText(want)}`);
  };
  if (t.method === "induction") {
    if (!ind || !zero || !carrier) return [...problems, `${t.id}: induction without its record or roles`];
    goal(t.goals.base, instantiate(t.statement.head, [ind.var], [zero]), "base");
    goal(t.goals.step, t.statement.head, "step");
    if (t.goals.base !== undefined && steps[t.goals.base - 1]?.section !== "base")
      bad(null, "base goal outside the base");
    const expected = substitute(t.statement, ind.var, ind.predecessor);
    const hyp = ind.hypothesis;
    if (JSON.stringify([hyp.premises, hyp.head]) !== JSON.stringify([expected.premises, expected.head]))
      bad(null, "hypothesis is not the statement with var := predecessor");
    const bound = t.statement.vars.filter((v) => v !== ind.var && !ind.fixed.includes(v));
    if (JSON.stringify(hyp.vars) !== JSON.stringify(bound))
      bad(null, `hypothesis binds ${hyp.vars}, expected ${bound}`);
    goal(ind.carrierStep, { pred: "in", args: [ind.var, carrier] }, "carrier");
  } else {
    goal(t.goals.main, t.statement.head, "main");
  }

  const cited = (kinds: string[]) => [
    ...new Set(steps.filter((s) => kinds.includes(s.kind)).map((s) => s.ref!)),
  ];
  // Plain string order, as the schema documents and the verifier checks.
  const sorted = (xs: string[]) => [...xs].sort();
  if (JSON.stringify(t.uses) !== JSON.stringify(sorted(cited(["theorem"]))))
    bad(null, `uses ${t.uses} differ from cited theorems`);
  if (JSON.stringify(t.axioms) !== JSON.stringify(sorted(cited(["axiom", "rule", "witness"]))))
    bad(null, `axioms ${t.axioms} differ from cited axioms`);
  return problems;
}
