/** Assembles the proof-graph JSON (export/schema.ts) of a finished run. */
import { PROOF_SCHEMA, PROOF_SCHEMA_VERSION, type ProofGraph, type StatementJson } from "../export/schema.js";
import { anchorJson } from "../mpl/entity-json.js";
import { factCount } from "./block.js";
import { entityJson, statementJson, statementMpl } from "./names.js";
import { extractTheorem } from "./proof.js";
import type { RunResult } from "./run.js";

export function buildProofGraph(run: RunResult, readable: (s: StatementJson) => string): ProofGraph {
  const th = run.theory;
  const anchor = anchorJson(th);
  const names = th.constants.map((c) => c.name);
  const proved = run.theorems.map((t) => run.conjectures[t.conjecture]!);
  const theorems = proved.map((c) => extractTheorem(run, c, readable));
  const unproved = run.conjectures
    .filter((c) => !c.proved)
    .map((c) => {
      const statement = statementJson(c.statement, th.predicates, names);
      return {
        name: c.name,
        statement,
        mpl: c.mpl || statementMpl(statement),
        readable: readable(statement),
      };
    });
  return {
    schema: PROOF_SCHEMA,
    version: PROOF_SCHEMA_VERSION,
    theory: {
      anchor: anchor.anchor,
      constants: anchor.constants,
      sources: th.sources.map((s) => ({ path: s.path, text: s.text })),
    },
    predicates: th.predicates.map((p) => ({
      name: p.name,
      arity: p.arity,
      operator: p.operator ? { inputs: [...p.operator.inputs], output: p.operator.output } : null,
    })),
    definitions: th.definitions.map((d) => ({
      name: d.name,
      params: d.params.map((p) => ({ name: p.name, type: p.type })),
      mpl: d.mpl,
      uses: [...d.uses],
      entities: d.entities.map((e) =>
        entityJson(
          e,
          th.predicates,
          d.params.map((p) => p.name),
        ),
      ),
    })),
    axioms: anchor.axioms,
    theorems,
    unproved,
    run: {
      stopReason: run.stopReason,
      bursts: run.bursts,
      blocks: run.blocks.length,
      facts: run.blocks.reduce((s, b) => s + factCount(b.data), 0),
      witnesses: run.blocks.reduce((s, b) => s + b.meta.witnessConsts.length, 0),
      limits: {
        maxBursts: run.settings.maxBursts,
        maxWitnessDepth: run.settings.maxWitnessDepth,
        maxFactsPerBlock: run.settings.maxFactsPerBlock,
      },
      blocksAtFactLimit: run.blocks.filter((b) => b.meta.atLimit).length,
    },
  };
}
