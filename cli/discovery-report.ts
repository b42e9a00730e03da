/**
 * The discovery report the HTML site shows (export/html/discovery-report.ts), built from a
 * discovery run: its stage counts, every candidate's outcome, the ground model's values with
 * the model theorems proving them, and the essential theorems.
 */
import { closedFormTexts } from "../engine/discovery/exact-filter.js";
import type { DiscoveryResult } from "../engine/discovery/pipeline.js";
import type { DiscoveryReport } from "../export/html/discovery-report.js";
import type { ProofGraph } from "../export/schema.js";
import type { Theory } from "../mpl/theory.js";
import type { CandidateOutcome } from "./commands/discover.js";

export function siteDiscoveryReport(
  result: DiscoveryResult,
  outcomes: readonly CandidateOutcome[],
  modelGraph: ProofGraph,
  theory: Theory,
  stages: Readonly<Record<string, number | null>>,
  candidatesFrom: string,
  modelSize: number,
): DiscoveryReport {
  const modelTheorem = new Map<string, string>();
  for (const t of modelGraph.theorems)
    if (t.name !== null && !modelTheorem.has(t.name)) modelTheorem.set(t.name, t.id);
  return {
    stages,
    candidatesFrom,
    candidates: outcomes,
    model: {
      size: modelSize,
      values: result.model.cells
        .filter((c) => c.op >= 0)
        .map((c) => ({
          op: theory.constants[c.op]?.name ?? `#${c.op}`,
          inputs: [...c.inputs],
          value: c.value,
          fact: c.name,
          theorem: modelTheorem.get(c.name) ?? null,
        })),
      distinctness: result.model.negatives,
    },
    closedForms: Object.values(closedFormTexts(theory, result.exact.forms)),
    essential: [...result.compression.essential],
  };
}
