/**
 * The table rows of refuted and rejected candidates (the refuted pages and the discovery page):
 * the candidate, its counterexample, and the facts it cites, each model fact linked to its cell
 * where it has one. Rendered as strings, not through handlebars: a discovery run refutes tens
 * of thousands of candidates, and a template's loops and helpers per row cost most of the
 * site's time. Every text from the report goes through `escapeHtml`; anchors and hrefs are
 * built from indices only (`links.ts`).
 */
import type { CandidateRecord } from "./discovery-report.js";
import { escapeHtml } from "./escape-html.js";
import { candidateAnchor } from "./links.js";

/** Where a cited fact links to, or null for a fact shown without a link. */
export type FactHref = (fact: string) => string | null;

/**
 * The rows of the candidates at `indices` of `candidates`, in that order, one line each; `rowClass` marks them (`refuted-candidate`, `rejected-candidate`).
 */
export function candidateRows(
  candidates: readonly CandidateRecord[],
  indices: readonly number[],
  rowClass: string,
  factHref: FactHref,
): string {
  const out: string[] = [];
  for (const i of indices) out.push(candidateRow(candidates[i]!, i, rowClass, factHref));
  return out.join("");
}

function candidateRow(c: CandidateRecord, index: number, rowClass: string, factHref: FactHref): string {
  const ce = c.counterexample;
  let counterexample = "(none recorded)";
  let facts = "";
  if (ce !== null) {
    const instance = Object.entries(ce.instance)
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ");
    // Neutral: the head's computed value may be either side of the statement as it reads.
    counterexample = `${instance}: its two sides are ${ce.lhs} and ${ce.rhs}`;
    facts = ce.facts
      .map((f) => {
        const href = factHref(f);
        return href === null ? escapeHtml(f) : `<a href="${escapeHtml(href)}">${escapeHtml(f)}</a>`;
      })
      .join("; ");
  }
  return (
    `      <tr id="${candidateAnchor(index)}" class="${escapeHtml(rowClass)}">` +
    `<td><div class="readable">${escapeHtml(c.readable)}</div><code class="mpl">${escapeHtml(c.mpl)}</code></td>` +
    `<td class="counterexample">${escapeHtml(counterexample)}</td>` +
    `<td class="facts">${facts}</td></tr>\n`
  );
}
