/**
 * Single corruptions of a valid proof graph, for testing that the verifier rejects broken
 * proofs. Generic over any ProofGraph (hand-written or written by the engine) and
 * deterministic: candidates are enumerated theorem by theorem, step by step, and each kind of
 * corruption is capped by taking evenly spaced candidates.
 *
 * Every corruption is chosen so that it is wrong on its own terms (for example, an argument is
 * never replaced by a name an equality step could legitimately produce), so the verifier's first
 * failure must name `expectedTheorem`, and `expectedStep` when it is not null (null: the
 * failure concerns the theorem as a whole, or may be reported at its goal).
 */
import type { AtomJson, ProofGraph, StatementJson, StepJson, TheoremJson } from "../../export/schema.js";

export interface Mutation {
  description: string;
  graph: ProofGraph;
  expectedTheorem: string;
  expectedStep: number | null;
}

export interface MutationOptions {
  /** At most this many mutations of each kind (default: all). */
  perKind?: number;
}

interface Candidate {
  description: string;
  expectedTheorem: string;
  expectedStep: number | null;
  /** Applies the corruption to a fresh copy of theorem `t` (it may change nothing else). */
  apply: (t: TheoremJson) => void;
  theorem: number;
}

/** The mutator's own instantiation (the generator must not borrow the verifier's). */
function instance(a: AtomJson, vars: readonly string[], binding: readonly string[]): string {
  const args = a.args.map((x) => {
    const i = vars.indexOf(x);
    return i >= 0 ? binding[i] : x;
  });
  return `${a.neg ? "!" : ""}${a.pred}[${args.join(",")}]`;
}

const show = (a: AtomJson) => instance(a, [], []);

/** The atom with the induction variable replaced by zero (a base section's goal). */
function replaceZero(a: AtomJson, v: string, zero: string): AtomJson {
  return { ...a, args: a.args.map((x) => (x === v ? zero : x)) };
}

function stepAt(t: TheoremJson, n: number): StepJson | undefined {
  return t.steps.find((s) => s.n === n);
}

/** Every name a theorem's proof mentions, sorted: the pool replacements are drawn from. */
function namesOf(t: TheoremJson): string[] {
  const names = new Set<string>(t.statement.vars);
  for (const a of [...t.statement.premises, t.statement.head, ...t.steps.map((s) => s.fact)]) {
    for (const x of a.args) names.add(x);
  }
  return [...names].sort();
}

function otherName(pool: readonly string[], avoid: readonly string[], fallback: string): string {
  return pool.find((x) => !avoid.includes(x)) ?? fallback;
}

function freshName(g: ProofGraph): string {
  const text = JSON.stringify(g);
  let name = "mutant";
  for (let i = 1; text.includes(`"${name}"`); i++) name = `mutant${i}`;
  return name;
}

function renameInTheorem(t: TheoremJson, from: string, to: string): void {
  const r = (x: string) => (x === from ? to : x);
  for (const s of t.steps) {
    s.fact.args = s.fact.args.map(r);
    if (s.binding) s.binding = s.binding.map(r);
    if (s.witness !== undefined) s.witness = r(s.witness);
  }
}

/** The statement-like pattern a step instantiates, if any. */
function patternOf(g: ProofGraph, t: TheoremJson, s: StepJson): StatementJson | null {
  if (s.kind === "hypothesis") return t.induction?.hypothesis ?? null;
  if (s.kind === "theorem") return g.theorems.find((x) => x.id === s.ref)?.statement ?? null;
  const e = g.axioms.find((x) => x.id === s.ref);
  return e?.head ? { vars: e.vars, premises: e.premises, head: e.head } : null;
}

/** Would citing `other` instead of the step's own reference give a different conclusion? */
function differs(s: StepJson, vars: readonly string[], heads: readonly AtomJson[]): boolean {
  const binding = s.binding ?? [];
  return binding.length !== vars.length || !heads.some((h) => instance(h, vars, binding) === show(s.fact));
}

function candidates(g: ProofGraph): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  const fresh = freshName(g);
  const zero = g.theory.constants.find((c) => c.role === "zero")?.name;
  const constants = g.theory.constants.map((c) => c.name);
  const add = (kind: string, c: Candidate) => out.set(kind, [...(out.get(kind) ?? []), c]);

  g.theorems.forEach((t, ti) => {
    const id = t.id;
    const pool = namesOf(t);
    const ind = t.induction;
    const at = (n: number | null) => ({ expectedTheorem: id, expectedStep: n, theorem: ti });
    const onStep = (n: number, f: (s: StepJson) => void) => (tt: TheoremJson) => f(stepAt(tt, n)!);

    for (const s of t.steps) {
      const { n } = s;
      const where = `${id} step ${n} (${s.kind})`;
      const factOf = (k: number) => stepAt(t, k)?.fact;

      if (s.fact.args.length > 0) {
        const k = n % s.fact.args.length;
        const old = s.fact.args[k]!;
        const to = s.kind === "eq-subst" || s.kind === "witness" ? fresh : otherName(pool, [old], fresh);
        add("fact-arg", {
          description: `${where}: argument ${k + 1} of ${show(s.fact)} changed to ${to}`,
          ...at(n),
          apply: onStep(n, (x) => {
            x.fact.args[k] = to;
          }),
        });
      }
      add("fact-negation", {
        description: `${where}: negation of ${show(s.fact)} flipped`,
        ...at(n),
        apply: onStep(n, (x) => {
          if (x.fact.neg) delete x.fact.neg;
          else x.fact.neg = true;
        }),
      });

      if (s.premises.length >= 2 && s.kind !== "contradiction" && s.kind !== "eq-subst") {
        const i = s.premises.findIndex(
          (p, j) => j > 0 && show(factOf(p)!) !== show(factOf(s.premises[j - 1]!)!),
        );
        if (i > 0) {
          add("swap-premises", {
            description: `${where}: premises ${i} and ${i + 1} swapped`,
            ...at(n),
            apply: onStep(n, (x) => {
              [x.premises[i - 1], x.premises[i]] = [x.premises[i]!, x.premises[i - 1]!];
            }),
          });
        }
      }

      if (s.kind === "eq-subst") {
        if (s.premises.length > 1 && show(factOf(s.premises[0]!)!) !== show(s.fact)) {
          add("drop-premise", {
            description: `${where}: its equalities dropped`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.premises = x.premises.slice(0, 1);
            }),
          });
        }
      } else if (s.premises.length > 0) {
        // Keep the premise that cannot close a contradiction alone.
        const reflexive = (k: number) => {
          const f = factOf(k);
          return f?.pred === "=" && f.neg === true && f.args[0] === f.args[1];
        };
        const drop =
          s.kind === "contradiction" && s.premises.length === 2 && reflexive(s.premises[0]!)
            ? 0
            : s.premises.length - 1;
        if (!(s.kind === "contradiction" && s.premises.length === 2 && reflexive(s.premises[1 - drop]!))) {
          add("drop-premise", {
            description: `${where}: premise ${drop + 1} dropped`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.premises.splice(drop, 1);
            }),
          });
        }
      }

      if (s.kind === "axiom" || s.kind === "rule" || s.kind === "witness") {
        const want = s.kind === "axiom" ? "fact" : s.kind === "rule" ? "rule" : "exists";
        const own = g.axioms.findIndex((e) => e.id === s.ref);
        const others = [...g.axioms.slice(own + 1), ...g.axioms.slice(0, Math.max(own, 0))];
        const other = others.find(
          (e) => e.kind === want && differs(s, e.vars, e.head ? [e.head] : (e.body ?? [])),
        );
        if (other) {
          add("other-axiom", {
            description: `${where}: cites ${other.id} instead of ${s.ref}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.ref = other.id;
            }),
          });
        }
      }

      if (s.kind === "rule" && s.binding) {
        // Another rule with the same conclusion under the same binding, but other premises: only
        // the premise check can tell the citation is wrong.
        const binding = s.binding;
        const cited = s.premises.map((k) => show(factOf(k) ?? s.fact)).join(";");
        const other = g.axioms.find(
          (e) =>
            e.kind === "rule" &&
            e.id !== s.ref &&
            e.head !== undefined &&
            e.vars.length === binding.length &&
            instance(e.head, e.vars, binding) === show(s.fact) &&
            e.premises.map((p) => instance(p, e.vars, binding)).join(";") !== cited,
        );
        if (other) {
          add("same-head-rule", {
            description: `${where}: cites ${other.id}, whose head is the same but whose premises differ, instead of ${s.ref}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.ref = other.id;
            }),
          });
        }
      }

      if (s.kind === "theorem") {
        const other = g.theorems
          .slice(0, ti)
          .find((o) => o.id !== s.ref && differs(s, o.statement.vars, [o.statement.head]));
        if (other) {
          add("other-theorem", {
            description: `${where}: cites ${other.id} instead of ${s.ref}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.ref = other.id;
            }),
          });
        }
        const later = [id, ...(g.theorems[ti + 1] ? [g.theorems[ti + 1]!.id] : [])];
        for (const ref of later) {
          add("later-theorem", {
            description: `${where}: cites ${ref === id ? "itself" : `the later ${ref}`}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.ref = ref;
            }),
          });
        }
      }

      const pattern = s.binding && patternOf(g, t, s);
      if (s.binding && (pattern || s.kind === "witness")) {
        const e = g.axioms.find((x) => x.id === s.ref);
        const vars = s.kind === "witness" ? (e?.vars ?? []) : pattern!.vars;
        const used =
          s.kind === "witness"
            ? (e?.witnesses ?? [])
            : [pattern!.head, ...pattern!.premises].flatMap((a) => a.args);
        const k = vars.findIndex((v) => used.includes(v));
        if (k >= 0 && k < s.binding.length) {
          const to = otherName(pool, [s.binding[k]!], fresh);
          add("binding", {
            description: `${where}: binding of ${vars[k]} changed from ${s.binding[k]} to ${to}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.binding![k] = to;
            }),
          });
        }
      }

      const last = Math.max(...s.premises);
      if (s.premises.length > 0 && stepAt(t, last)) {
        add("reorder", {
          description: `${where}: swapped in order with its premise ${last}`,
          ...at(last),
          apply: (tt) => {
            const map = (k: number) => (k === n ? last : k === last ? n : k);
            for (const x of tt.steps) {
              x.n = map(x.n);
              x.premises = x.premises.map(map);
              if (x.scope) x.scope = { ...x.scope, intro: map(x.scope.intro) };
            }
            tt.steps.sort((a, b) => a.n - b.n);
            for (const key of ["main", "base", "step"] as const) {
              const goal = tt.goals[key];
              if (goal !== undefined) tt.goals[key] = map(goal);
            }
            if (tt.induction) tt.induction.carrierStep = map(tt.induction.carrierStep);
          },
        });
      }

      const forbidden: Record<string, string[]> = { main: ["base", "step"], base: ["main"], step: ["base"] };
      const outside = t.steps.find((o) => o.n < n && forbidden[s.section]!.includes(o.section));
      if (s.premises.length > 0 && outside) {
        add("scope", {
          description: `${where}: cites step ${outside.n} of the ${outside.section} section`,
          ...at(n),
          apply: onStep(n, (x) => {
            x.premises[0] = outside.n;
          }),
        });
      }

      if (s.kind === "premise" && s.section !== "base" && s.index !== undefined) {
        const other = (s.index + 1) % t.statement.premises.length;
        const p = t.statement.premises[other];
        if (p && show(p) !== show(s.fact)) {
          add("premise-index", {
            description: `${where}: index ${s.index} changed to ${other}`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.index = other;
            }),
          });
        }
      }

      if (ind && zero && s.section === "base" && s.kind === "premise" && s.fact.args.includes(zero)) {
        add("induction-base", {
          description: `${where}: ${zero} in ${show(s.fact)} put back to ${ind.var}`,
          ...at(n),
          apply: onStep(n, (x) => {
            x.fact.args[x.fact.args.indexOf(zero)] = ind.var;
          }),
        });
      }

      // Induction with a negated head: its assumptions belong to the base and step sections.
      if (s.kind === "assume" && ind) {
        add("case-assumption", {
          description: `${where}: assumption moved to the main section`,
          ...at(n),
          apply: onStep(n, (x) => {
            x.section = "main";
          }),
        });
      }
      // Ex falso: the contradiction concludes the section's goal, nothing else.
      if (s.kind === "contradiction" && s.section !== "main" && zero && ind) {
        const other = s.section === "base" ? t.statement.head : replaceZero(t.statement.head, ind.var, zero);
        if (show(other) !== show(s.fact))
          add("case-assumption", {
            description: `${where}: concludes ${show(other)}, another section's goal`,
            ...at(n),
            apply: onStep(n, (x) => {
              x.fact = structuredClone(other);
            }),
          });
      }

      if (s.kind === "succ" && s.fact.args[0] !== s.fact.args[1]) {
        add("induction-step", {
          description: `${where}: predecessor and variable swapped in ${show(s.fact)}`,
          ...at(n),
          apply: onStep(n, (x) => {
            [x.fact.args[0], x.fact.args[1]] = [x.fact.args[1]!, x.fact.args[0]!];
          }),
        });
      }
    }

    const witnessSteps = t.steps.filter((s) => s.kind === "witness" && s.witness !== undefined);
    for (const w of [...new Set(witnessSteps.map((s) => s.witness!))]) {
      const first = witnessSteps.find((s) => s.witness === w)!.n;
      for (const to of [t.statement.vars[0], constants[0]]) {
        if (to === undefined) continue;
        add("witness-not-fresh", {
          description: `${id}: witness ${w} renamed to ${to}`,
          ...at(first),
          apply: (tt) => renameInTheorem(tt, w, to),
        });
      }
    }

    if (ind) {
      const { base, step } = t.goals;
      if (base !== undefined && step !== undefined) {
        add("induction-base", {
          description: `${id}: base goal moved to the step goal ${step}`,
          ...at(step),
          apply: (tt) => {
            tt.goals.base = step;
          },
        });
        add("induction-step", {
          description: `${id}: step goal moved to the carrier step ${ind.carrierStep}`,
          ...at(ind.carrierStep),
          apply: (tt) => {
            tt.goals.step = ind.carrierStep;
          },
        });
      }
      add("induction-step", {
        description: `${id}: predecessor renamed to the induction variable`,
        ...at(null),
        apply: (tt) => {
          tt.induction!.predecessor = ind.var;
        },
      });
      const h = ind.hypothesis;
      add("hypothesis", {
        description: `${id}: hypothesis head argument 1 changed`,
        ...at(null),
        apply: (tt) => {
          const head = tt.induction!.hypothesis.head;
          head.args[0] = otherName(pool, [head.args[0]!], fresh);
        },
      });
      if (h.vars.length > 0) {
        add("hypothesis", {
          description: `${id}: hypothesis variable ${h.vars[0]} silently held fixed`,
          ...at(null),
          apply: (tt) => {
            tt.induction!.hypothesis.vars.shift();
          },
        });
      }
      if (ind.fixed.length > 0) {
        add("hypothesis", {
          description: `${id}: fixed ${ind.fixed[0]} silently generalised in the hypothesis`,
          ...at(null),
          apply: (tt) => {
            tt.induction!.hypothesis.vars.push(ind.fixed[0]!);
          },
        });
      }
      const unfixed = t.statement.vars.find((v) => v !== ind.var && !ind.fixed.includes(v));
      if (unfixed) {
        add("hypothesis", {
          description: `${id}: ${unfixed} added to fixed without changing the hypothesis`,
          ...at(null),
          apply: (tt) => {
            tt.induction!.fixed.push(unfixed);
          },
        });
      }
      const carrier = t.steps.find((s) => s.section === "main" && s.n !== ind.carrierStep);
      if (carrier && show(carrier.fact) !== show(stepAt(t, ind.carrierStep)?.fact ?? carrier.fact)) {
        add("goal", {
          description: `${id}: carrier step moved to step ${carrier.n}`,
          ...at(carrier.n),
          apply: (tt) => {
            tt.induction!.carrierStep = carrier.n;
          },
        });
      }
    } else if (t.goals.main !== undefined) {
      const goal = stepAt(t, t.goals.main);
      const other = t.steps.find((s) => s.n !== t.goals.main && goal && show(s.fact) !== show(goal.fact));
      if (other) {
        add("goal", {
          description: `${id}: main goal moved to step ${other.n}`,
          ...at(other.n),
          apply: (tt) => {
            tt.goals.main = other.n;
          },
        });
      }
      add("goal", {
        description: `${id}: main goal removed`,
        ...at(null),
        apply: (tt) => {
          delete tt.goals.main;
        },
      });
    }

    // A different statement: an argument replaced by another variable or constant that stays
    // different after the base case's substitution.
    const avoid = (x: string) => [x, ...(zero ? [zero] : []), ...(ind ? [ind.var] : [])];
    const names = [...t.statement.vars, ...constants];
    const head = t.statement.head;
    if (head.args.length > 0) {
      const to = otherName(names, avoid(head.args[0]!), fresh);
      add("statement", {
        description: `${id}: statement head ${show(head)} argument 1 changed to ${to}`,
        ...at(null),
        apply: (tt) => {
          tt.statement.head.args[0] = to;
        },
      });
    }
    t.statement.premises.forEach((p, i) => {
      if (p.args.length === 0 || !t.steps.some((s) => s.kind === "premise" && s.index === i)) return;
      const to = otherName(names, avoid(p.args[0]!), fresh);
      add("statement", {
        description: `${id}: statement premise ${show(p)} argument 1 changed to ${to}`,
        ...at(null),
        apply: (tt) => {
          tt.statement.premises[i]!.args[0] = to;
        },
      });
    });

    add("mirror", {
      description: `${id}: mirrorOf names itself`,
      ...at(null),
      apply: (tt) => {
        tt.mirrorOf = id;
      },
    });
    add("lists", {
      description: `${id}: ${t.uses.length > 0 ? `uses without ${t.uses.at(-1)}` : "uses lists itself"}`,
      ...at(null),
      apply: (tt) => {
        if (tt.uses.length > 0) tt.uses.pop();
        else tt.uses.push(id);
      },
    });
    if (t.axioms.length > 0) {
      add("lists", {
        description: `${id}: axioms without ${t.axioms[0]}`,
        ...at(null),
        apply: (tt) => {
          tt.axioms.shift();
        },
      });
    }
  });
  return out;
}

function evenlySpaced<T>(items: readonly T[], cap: number): T[] {
  if (items.length <= cap) return [...items];
  return Array.from({ length: cap }, (_, i) => items[Math.floor((i * items.length) / cap)]!);
}

/**
 * Single corruptions of `graph`, grouped by kind in a fixed order; the graph is not modified.
 * Each mutant copies only the theorem it corrupts and shares everything else with `graph`
 * (copying a large graph hundreds of times would dominate the tests), so treat mutants as
 * read-only.
 */
export function mutations(graph: ProofGraph, options: MutationOptions = {}): Mutation[] {
  const cap = options.perKind ?? Number.POSITIVE_INFINITY;
  const result: Mutation[] = [];
  for (const [kind, list] of candidates(graph)) {
    for (const c of evenlySpaced(list, cap)) {
      const theorem = structuredClone(graph.theorems[c.theorem]!);
      c.apply(theorem);
      const g = { ...graph, theorems: graph.theorems.map((t, i) => (i === c.theorem ? theorem : t)) };
      result.push({
        description: `[${kind}] ${c.description}`,
        graph: g,
        expectedTheorem: c.expectedTheorem,
        expectedStep: c.expectedStep,
      });
    }
  }
  return result;
}

/** What a verifier must do with a mutation: fail, first at the expected theorem (and step). */
export interface Verdict {
  ok: boolean;
  failures: { theorem: string; step: number | null; reason: string }[];
}

/** The mutations a verifier got wrong, each with what it said instead (empty: all rejected). */
export function misjudged(list: readonly Mutation[], verify: (graph: ProofGraph) => Verdict): string[] {
  const wrong: string[] = [];
  for (const m of list) {
    const first = verify(m.graph).failures[0];
    const stepOk = m.expectedStep === null || first?.step === m.expectedStep;
    if (!first || first.theorem !== m.expectedTheorem || !stepOk) {
      const said = first ? `${first.theorem} step ${first.step}: ${first.reason}` : "accepted";
      wrong.push(`${m.description} → ${said}`);
    }
  }
  return wrong;
}
