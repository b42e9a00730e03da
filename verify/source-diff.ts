/**
 * The graph's copies of its sources (`theory.sources`) against files the user names: which are
 * identical, which differ (and from which line), which only one side has. A file is paired with
 * the graph's source of the same path, else with the one source of the same file name. This is
 * information for the reader; whether the axioms agree is decided by compiling the user's files.
 */
import { basename, normalize } from "node:path";

export interface SourceComparison {
  /** The user's file, or null for a source only the graph carries. */
  readonly path: string | null;
  /** The graph's source it was paired with, or null. */
  readonly graphPath: string | null;
  readonly status: "same" | "differs" | "not in the graph" | "only in the graph";
  /** `differs`: the first line (1-based) that is not the same. */
  readonly line?: number;
}

function firstDifferentLine(a: string, b: string): number {
  const [x, y] = [a.split("\n"), b.split("\n")];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

export function compareSourceTexts(
  given: ReadonlyMap<string, string>,
  carried: readonly { path: string; text: string }[],
): SourceComparison[] {
  const left = new Map(carried.map((s) => [normalize(s.path), s]));
  const out: SourceComparison[] = [];
  const take = (path: string) => {
    const exact = left.get(normalize(path));
    if (exact) return exact;
    const named = [...left.values()].filter((s) => basename(s.path) === basename(path));
    return named.length === 1 ? named[0] : undefined;
  };
  for (const [path, text] of given) {
    const s = take(path);
    if (!s) {
      out.push({ path, graphPath: null, status: "not in the graph" });
      continue;
    }
    left.delete(normalize(s.path));
    out.push(
      s.text === text
        ? { path, graphPath: s.path, status: "same" }
        : { path, graphPath: s.path, status: "differs", line: firstDifferentLine(s.text, text) },
    );
  }
  for (const s of left.values()) out.push({ path: null, graphPath: s.path, status: "only in the graph" });
  return out;
}

/** `differs  examples/p/peano.mpl (the graph's copy peano.mpl differs from line 12)`. */
export function formatComparison(c: SourceComparison): string {
  switch (c.status) {
    case "same":
      return `same               ${c.path}`;
    case "differs":
      return `differs            ${c.path} (the graph's copy ${c.graphPath} differs from line ${c.line})`;
    case "not in the graph":
      return `not in the graph   ${c.path}`;
    case "only in the graph":
      return `only in the graph  ${c.graphPath}`;
  }
}
