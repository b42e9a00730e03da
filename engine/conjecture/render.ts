/**
 * Turns a normalised premise chain into a `Conjecture`: variable names by first occurrence
 * (a, b, c, …, never clashing with a theory constant's name), the MPL text in the reference
 * syntax with each variable bound at the first premise that mentions it, and the order the
 * premises are listed in (definitional: an intermediate result is defined before it is used).
 */
import type { Conjecture, PatternAtom, Term, Theory } from "../../mpl/theory.js";
import { type ChainForm, canonicalChain, type OrderConstraint } from "./canonical.js";

/** Where discovered conjectures say they come from. */
export const DISCOVERY_SOURCE = { path: "<discovery>", line: 0, col: 0 } as const;

/** `count` variable names a, b, …, z, a1, b1, …, skipping names the theory already uses. */
export function variableNames(count: number, theory: Theory): string[] {
  const taken = new Set(theory.constants.map((c) => c.name));
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const letter = String.fromCharCode(97 + (i % 26));
    const round = Math.floor(i / 26);
    const name = round === 0 ? letter : `${letter}${round}`;
    if (!taken.has(name)) names.push(name);
  }
  return names;
}

/**
 * Admits next only premises whose inputs are all available: no input is the output of a premise
 * still to be placed. Needs the theory's operator metadata, hence a factory.
 */
export function definitionalOrder(theory: Theory, premises: readonly PatternAtom[]): OrderConstraint {
  const outputOf = (atom: PatternAtom): Term | null => {
    const op = theory.predicates[atom.pred]?.operator ?? null;
    if (op === null || atom.negated) return null;
    const out = atom.args[op.output];
    return out === undefined || out < 0 ? null : out;
  };
  const inputsOf = (atom: PatternAtom): Term[] => {
    const op = theory.predicates[atom.pred]?.operator ?? null;
    if (op === null) return atom.args.filter((t) => t >= 0);
    return op.inputs.map((i) => atom.args[i]!).filter((t) => t >= 0);
  };
  return (remaining) =>
    remaining.filter((i) => {
      const inputs = inputsOf(premises[i]!);
      return !remaining.some((j) => {
        const out = outputOf(premises[j]!);
        return j !== i && out !== null && inputs.includes(out);
      });
    });
}

function atomText(atom: PatternAtom, varNames: readonly string[], theory: Theory): string {
  const pred = theory.predicates[atom.pred];
  if (pred === undefined) throw new RangeError(`unknown predicate ${atom.pred}`);
  const args = atom.args.map((t) => {
    const name = t < 0 ? theory.constants[-t - 1]?.name : varNames[t];
    if (name === undefined) throw new RangeError(`unknown term ${t} in ${pred.name}`);
    return name;
  });
  const text = `(${pred.name}[${args.join(",")}])`;
  return atom.negated ? `!${text}` : text;
}

/**
 * MPL text of a chain whose variables are numbered by first occurrence: `(>[a,b,c](P1)(>[d](P2)(H)))`.
 * A chain without premises is its head atom alone.
 */
export function chainMpl(form: ChainForm, varNames: readonly string[], theory: Theory): string {
  let bound = 0;
  let open = "";
  let close = "";
  for (const premise of form.premises) {
    const fresh: string[] = [];
    for (const t of premise.args) {
      if (t >= bound) {
        for (let v = bound; v <= t; v++) fresh.push(varNames[v]!);
        bound = t + 1;
      }
    }
    open += `(>[${fresh.join(",")}]${atomText(premise, varNames, theory)}`;
    close += ")";
  }
  return `${open}${atomText(form.head, varNames, theory)}${close}`;
}

/** The conjecture for `premises → head`, normalised, listed in definitional order. */
export function buildConjecture(
  name: string,
  premises: readonly PatternAtom[],
  head: PatternAtom,
  theory: Theory,
): Conjecture {
  const form = canonicalChain(premises, head, definitionalOrder(theory, premises));
  const varNames = variableNames(form.varCount, theory);
  return {
    name,
    mpl: chainMpl(form, varNames, theory),
    varNames,
    premises: form.premises,
    head: form.head,
    source: DISCOVERY_SOURCE,
  };
}
