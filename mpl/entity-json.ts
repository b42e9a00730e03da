/**
 * Compiled entities → the name-based JSON of export/schema.ts. Shared by the engine (which
 * exports a theory's axioms) and the verifier (which compiles the sources again and compares),
 * so it lives with the compiler rather than in either of them.
 */
import type { AtomJson, EntityJson, LinkJson, ProofGraph } from "../export/schema.js";
import type { BatchLink } from "./batch-link.js";
import { BUILTIN_PREDICATES } from "./builtins.js";
import type { Entity, PatternAtom, Predicate, Theory } from "./theory.js";

export function atomJson(pred: string, args: string[], neg: boolean): AtomJson {
  return neg ? { pred, args, neg: true } : { pred, args };
}

/** A pattern atom with variables named by `vars` and constants by `consts`. */
export function patternJson(
  a: PatternAtom,
  preds: readonly Predicate[],
  vars: readonly string[],
  consts: readonly string[],
): AtomJson {
  return atomJson(
    preds[a.pred]!.name,
    a.args.map((t) => (t < 0 ? consts[-t - 1]! : vars[t]!)),
    a.negated,
  );
}

export function entityJson(e: Entity, preds: readonly Predicate[], consts: readonly string[]): EntityJson {
  const pj = (a: PatternAtom) => patternJson(a, preds, e.kind === "fact" ? [] : e.varNames, consts);
  const origin = { definition: e.origin.definition, via: e.origin.via };
  switch (e.kind) {
    case "fact":
      return { id: e.id, kind: "fact", vars: [], premises: [], head: pj(e.atom), origin };
    case "rule":
      return {
        id: e.id,
        kind: "rule",
        vars: [...e.varNames],
        premises: e.premises.map(pj),
        head: pj(e.head),
        origin,
      };
    case "exists":
      return {
        id: e.id,
        kind: "exists",
        vars: [...e.varNames],
        premises: e.premises.map(pj),
        witnesses: e.witnesses.map((w) => e.varNames[w]!),
        body: e.body.map(pj),
        origin,
      };
  }
}

export type ConstantJson = ProofGraph["theory"]["constants"][number];

/**
 * The anchor part of a proof graph: its name, the theory constants with their induction roles,
 * and its axioms (the anchor's entities, named by the constants).
 */
export function anchorJson(theory: Theory): {
  anchor: string;
  constants: ConstantJson[];
  axioms: EntityJson[];
} {
  const names = theory.constants.map((c) => c.name);
  const roles = theory.anchor?.roles;
  const role = (id: number) =>
    roles?.carrier === id
      ? "carrier"
      : roles?.zero === id
        ? "zero"
        : roles?.successor === id
          ? "successor"
          : undefined;
  return {
    anchor: theory.anchor?.name ?? "",
    constants: theory.constants.map((c) => {
      const r = role(c.id);
      return r ? { name: c.name, type: c.type, role: r } : { name: c.name, type: c.type };
    }),
    axioms: (theory.anchor?.entities ?? []).map((e) => entityJson(e, theory.predicates, names)),
  };
}

/** An anchor link in names (export/schema.ts `LinkJson`): constants, then mapped defined predicates. */
export function linkJson(link: BatchLink, earlier: Theory, later: Theory): LinkJson {
  return {
    earlier: link.earlier,
    constants: link.constants.map((m, k): [string, string] => [
      earlier.constants[k]!.name,
      later.constants[m]!.name,
    ]),
    predicates: link.predicates.flatMap((q, p): [string, string][] =>
      q === null || p < BUILTIN_PREDICATES.length
        ? []
        : [[earlier.predicates[p]!.name, later.predicates[q]!.name]],
    ),
    how: link.how,
  };
}
