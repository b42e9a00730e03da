/**
 * The verifier's report: how many checks ran (by kind) and every failure, each naming the
 * theorem, the step (when one step is at fault) and a reason in plain words.
 */

/** Failures that belong to no theorem (the JSON shape, the axioms) name this instead. */
export const GRAPH = "(graph)";

export interface VerifyFailure {
  theorem: string;
  step: number | null;
  reason: string;
}

/** Whether the graph's axioms were compared with an independent source of them, and how. */
export interface AxiomCheck {
  crossChecked: boolean;
  /** Against what (e.g. `3 source files`), or why not, in plain words. */
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: number;
  checksByKind: Record<string, number>;
  failures: VerifyFailure[];
  axioms: AxiomCheck;
  /** What the checks do not vouch for, field by field, in plain words. */
  notVouchedFor: string[];
}

/** The default: nothing to compare the axioms with was given. */
export const AXIOMS_UNCHECKED: AxiomCheck = {
  crossChecked: false,
  detail: "neither sources to compile nor expected axioms were given",
};

/** Collects checks and failures in the order they happen (which is deterministic). */
export class ReportBuilder {
  private readonly counts = new Map<string, number>();
  private total = 0;
  readonly failures: VerifyFailure[] = [];
  axioms: AxiomCheck = AXIOMS_UNCHECKED;
  /** Theorem names that name no conjecture of the sources (so nothing to check them against). */
  unvouchedNames = 0;

  count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.total += 1;
  }

  fail(theorem: string, step: number | null, reason: string): void {
    this.failures.push({ theorem, step, reason });
  }

  finish(): VerifyReport {
    const checksByKind: Record<string, number> = {};
    for (const kind of [...this.counts.keys()].sort()) checksByKind[kind] = this.counts.get(kind) ?? 0;
    const notVouchedFor = [
      "readable: the readable rendering of statements (gl export renders them again from the statements)",
    ];
    if (this.unvouchedNames > 0)
      notVouchedFor.push(
        `name: ${this.unvouchedNames} theorem names that name no conjecture of the sources (descriptive names)`,
      );
    return {
      ok: this.failures.length === 0,
      checks: this.total,
      checksByKind,
      failures: this.failures,
      axioms: this.axioms,
      notVouchedFor,
    };
  }
}

/** `T3 step 7: reason`, or `T3: reason` for a failure of the theorem as a whole. */
export function formatFailure(f: VerifyFailure): string {
  return f.step === null ? `${f.theorem}: ${f.reason}` : `${f.theorem} step ${f.step}: ${f.reason}`;
}
