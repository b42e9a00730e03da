/**
 * Definitions with set, function or operation parameters, made first-order by specialisation.
 *
 * MPL lets a definition take a set or a function as a parameter: `HasPred[N: set, succ:
 * function, a: element] := ∃p ∈ N: succ(p) = a`. Its compiled axioms then have a variable in
 * the owner position of a membership (`in[p,N]`), which has no first-order relation. Such a
 * variable ranges over the theory's constants of its kind only where a problem can meet it:
 * every atom of a problem names a theory constant there. So:
 *
 * - a predicate position is _higher-order_ when some axiom puts there a variable that it also
 *   uses as an owner (the last argument of `in`/`in2`/`in3`: a set, a function, an operation),
 *   or one that stands in another predicate's higher-order position (to a fixpoint, so that a
 *   definition passing its set on to another is covered); its kind is that of the owner;
 * - an atom `P[c, d, x]` whose higher-order positions hold theory constants becomes the atom
 *   `P[c,d]`(x) of a predicate of its own (encode.ts);
 * - an axiom or cited theorem with higher-order variables is assumed through its instances:
 *   each such variable replaced by each theory constant of its kind.
 *
 * Why this is sound: instances of an axiom follow from it, so assuming them assumes no more
 * than the axiom; and reading `P[c,d](x)` as `P(c, d, x)` turns any model of the theory where
 * an obligation fails into a model of the specialised problem where it fails, so an unsat
 * specialised problem means the obligation holds. A variable of the theorem itself, or of an
 * atom, in a higher-order position is not specialised: the atom is refused (`not encoded`).
 */
import type { AtomJson, ProofGraph } from "../export/schema.js";

export type OwnerKind = "set" | "function" | "operation";

const OWNER: Readonly<Record<string, OwnerKind>> = { in: "set", in2: "function", in3: "operation" };

/** Predicate name → its higher-order positions and their kinds. */
export type HigherOrderPositions = ReadonlyMap<string, ReadonlyMap<number, OwnerKind>>;

interface Pattern {
  readonly vars: readonly string[];
  readonly atoms: readonly AtomJson[];
}

/** The variables of a pattern in owner or higher-order positions, with their kinds (null: clash). */
function higherOrderVars(p: Pattern, positions: HigherOrderPositions): Map<string, OwnerKind | null> {
  const kinds = new Map<string, OwnerKind | null>();
  const note = (x: string, kind: OwnerKind) => {
    if (!p.vars.includes(x)) return;
    const known = kinds.get(x);
    kinds.set(x, known === undefined || known === kind ? kind : null);
  };
  for (const a of p.atoms) {
    const owner = OWNER[a.pred];
    if (owner && a.args.length > 1) note(a.args[a.args.length - 1]!, owner);
    for (const [i, kind] of positions.get(a.pred) ?? []) if (a.args[i] !== undefined) note(a.args[i], kind);
  }
  return kinds;
}

const BUILT_IN = new Set(["in", "in2", "in3", "="]);

/** The higher-order positions of the graph's predicates, from its axioms. */
export function higherOrderPositions(graph: ProofGraph): HigherOrderPositions {
  const positions = new Map<string, Map<number, OwnerKind>>();
  const patterns = graph.axioms.map(patternOf);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of patterns) {
      const kinds = higherOrderVars(p, positions);
      for (const a of p.atoms) {
        if (BUILT_IN.has(a.pred)) continue;
        for (const [i, x] of a.args.entries()) {
          const kind = kinds.get(x);
          if (!kind) continue;
          const at = positions.get(a.pred) ?? new Map<number, OwnerKind>();
          if (at.has(i)) continue;
          at.set(i, kind);
          positions.set(a.pred, at);
          grew = true;
        }
      }
    }
  }
  return positions;
}

export function patternOf(e: {
  vars: readonly string[];
  premises: readonly AtomJson[];
  head?: AtomJson;
  body?: readonly AtomJson[];
}): Pattern {
  return { vars: e.vars, atoms: [...e.premises, ...(e.head ? [e.head] : []), ...(e.body ?? [])] };
}

/** At most this many instances of one axiom or theorem (the product over its variables). */
export const MAX_INSTANCES = 256;

/**
 * The substitutions that specialise a pattern: each higher-order variable replaced by each
 * theory constant of its kind (one empty substitution when it has none; none at all when a
 * variable's kind is unclear or no constant has it, which only leaves an assumption out).
 * Throws when there would be more than MAX_INSTANCES.
 */
export function specialisations(
  p: Pattern,
  positions: HigherOrderPositions,
  constants: readonly { name: string; type: string }[],
): Map<string, string>[] | { tooMany: number } {
  const kinds = higherOrderVars(p, positions);
  let out: Map<string, string>[] = [new Map()];
  for (const x of p.vars) {
    if (!kinds.has(x)) continue;
    const kind = kinds.get(x);
    const values = kind ? constants.filter((c) => c.type === kind).map((c) => c.name) : [];
    out = out.flatMap((s) => values.map((v) => new Map([...s, [x, v]])));
  }
  return out.length > MAX_INSTANCES ? { tooMany: out.length } : out;
}

export function substituteAtom(a: AtomJson, s: ReadonlyMap<string, string>): AtomJson {
  return { ...a, args: a.args.map((x) => s.get(x) ?? x) };
}
