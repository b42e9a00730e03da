/**
 * z3 through its official WebAssembly build (the `z3-solver` package): one context for the
 * whole run, a fresh solver per problem, parsed from the very SMT-LIB text that `--smt2-dir`
 * writes, so the exported files are exactly what z3 decided.
 *
 * The build runs z3 on Emscripten threads (workers over a SharedArrayBuffer); `close()`
 * terminates them so that they cannot keep Node alive after the last problem.
 */
import { type Context, init } from "z3-solver";
import type { ProblemSolver, SolverResult } from "./crosscheck.js";
import type { Obligation } from "./obligations.js";

/**
 * Options beyond z3's defaults, applied to every problem (and listed in docs/verifier.md,
 * since the exported files do not carry them). A higher eager threshold lets the weighted
 * witness instances (see obligations.ts) be made eagerly up to about two levels deep.
 */
export const SOLVER_OPTIONS: readonly (readonly [string, number])[] = [["smt.qi.eager_threshold", 15.5]];

type Z3 = Awaited<ReturnType<typeof init>>;

export class Z3Session implements ProblemSolver {
  readonly name = "z3";

  private constructor(
    private readonly z3: Z3,
    private readonly context: Context<"main">,
    readonly version: string,
  ) {}

  static async start(): Promise<Z3Session> {
    const z3 = await init();
    const session = new Z3Session(z3, z3.Context("main"), z3.Z3.get_full_version());
    // The first solve starts z3's threads (about a second); done here, so that it is not
    // charged to the first problem's timeout.
    await session.checkText("(declare-const warm Bool) (assert warm)", 5000);
    return session;
  }

  /** Decides one obligation from its SMT-LIB text. */
  check(o: Obligation, timeoutMs: number): Promise<SolverResult> {
    return this.checkText(o.smt2, timeoutMs);
  }

  /** Decides one SMT-LIB problem; `(check-sat)` in the text is left to this call. */
  async checkText(smt2: string, timeoutMs: number): Promise<SolverResult> {
    const started = performance.now();
    const solver = new this.context.Solver();
    try {
      solver.set("timeout", Math.max(1, Math.round(timeoutMs)));
      for (const [key, value] of SOLVER_OPTIONS) solver.set(key, value);
      solver.fromString(smt2.replace(/^\(check-sat\)\s*$/m, ""));
      const answer = await solver.check();
      const reason = answer === "unknown" ? solver.reasonUnknown() || "no reason given" : null;
      return { answer, reason, ms: performance.now() - started };
    } catch (e) {
      return {
        answer: "unknown",
        reason: `z3 error: ${(e as Error).message}`,
        ms: performance.now() - started,
      };
    } finally {
      solver.release();
    }
  }

  /**
   * Stops z3's worker threads; the session cannot be used afterwards. A thread that was just
   * winding down (a solve's timer) may still post a message after it is terminated, which
   * Emscripten would print on stderr: the session is over, so such messages are dropped.
   */
  async close(): Promise<void> {
    type Worker = { onmessage: unknown };
    const em = this.z3.em as {
      PThread?: { runningWorkers?: Worker[]; unusedWorkers?: Worker[]; terminateAllThreads?: () => void };
    };
    const workers = [...(em.PThread?.runningWorkers ?? []), ...(em.PThread?.unusedWorkers ?? [])];
    em.PThread?.terminateAllThreads?.();
    for (const w of workers) w.onmessage = () => {};
  }
}
