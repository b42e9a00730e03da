/**
 * z3 through its official WebAssembly build (the `z3-solver` package), run in a worker thread
 * of its own: one z3 context for the whole run, a fresh solver per problem, parsed from the
 * very SMT-LIB text that `--smt2-dir` writes, so the exported files are exactly what z3
 * decided.
 *
 * Why a worker: inside an instantiation loop z3 does not always look at its timer (a problem
 * with a 5 s timeout was seen to run for 74 s, and one to grow to z3's 2 GB heap and abort the
 * process). A problem still running well past its timeout has its worker terminated, which
 * stops z3 and frees its memory at once, and the next problem gets a fresh worker; a worker
 * that dies (an abort inside z3) costs only its problem. Terminating the worker also ends z3's
 * own Emscripten threads, so nothing keeps Node alive after `close()`.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { ProblemSolver, SolverAnswer, SolverResult } from "./crosscheck.js";
import type { Obligation } from "./obligations.js";

/**
 * Options beyond z3's defaults, applied to every problem (and listed in docs/verifier.md,
 * since the exported files do not carry them). A higher eager threshold lets the weighted
 * witness instances (see obligations.ts) be made eagerly up to about two levels deep.
 */
export const SOLVER_OPTIONS: readonly (readonly [string, number])[] = [["smt.qi.eager_threshold", 15.5]];

/**
 * z3's own memory bound (MB), below the 2 GB heap of the WebAssembly build: a problem that
 * outgrows it ends as `unknown` (out of memory) instead of aborting.
 */
export const MEMORY_MAX_MB = 1024;

/** How long past its timeout a problem may run before its worker is terminated. */
export const overrunMs = (timeoutMs: number): number => Math.max(2000, timeoutMs);

/**
 * The worker's program (CommonJS, evaluated; it needs no file of its own, so the sources and
 * the build run it alike): start z3, warm it up, then decide each problem it is sent.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { init } = require(workerData.z3);
(async () => {
  const z3 = await init();
  z3.Z3.global_param_set("memory_max_size", String(workerData.memoryMb));
  const context = z3.Context("main");
  const check = async (smt2, timeoutMs) => {
    const solver = new context.Solver();
    try {
      solver.set("timeout", Math.max(1, Math.round(timeoutMs)));
      for (const [key, value] of workerData.options) solver.set(key, value);
      solver.fromString(smt2.replace(/^\\(check-sat\\)\\s*$/m, ""));
      const answer = await solver.check();
      return { answer, reason: answer === "unknown" ? solver.reasonUnknown() || "no reason given" : null };
    } catch (e) {
      return { answer: "unknown", reason: "z3 error: " + (e && e.message ? e.message : String(e)) };
    } finally {
      solver.release();
    }
  };
  // The first solve starts z3's threads (about a second): done here, not in a problem's time.
  await check("(declare-const warm Bool) (assert warm)", 5000);
  parentPort.on("message", async (m) => {
    parentPort.postMessage({ id: m.id, ...(await check(m.smt2, m.timeoutMs)) });
  });
  parentPort.postMessage({ ready: z3.Z3.get_full_version() });
})().catch((e) => parentPort.postMessage({ failed: String(e && e.message ? e.message : e) }));
`;

/** The reason of a problem whose worker died under it. */
const ENDED = "z3's thread ended";

type Reply =
  | { readonly ready: string }
  | { readonly failed: string }
  | { readonly id: number; readonly answer: SolverAnswer; readonly reason: string | null };

/** One worker running z3; `version` once it is ready. */
class Z3Worker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (r: { answer: SolverAnswer; reason: string | null }) => void>();
  private next = 0;
  private gone: string | null = null;
  readonly ready: Promise<string>;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        z3: createRequire(import.meta.url).resolve("z3-solver"),
        memoryMb: MEMORY_MAX_MB,
        options: SOLVER_OPTIONS,
      },
      // z3's abort message, should it abort, is its last word: the problem says what happened.
      stderr: true,
    });
    this.worker.stderr.resume();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (m: Reply) => {
        if ("ready" in m) resolve(m.ready);
        else if ("failed" in m) reject(new Error(`z3 did not start: ${m.failed}`));
        else this.settle(m.id, { answer: m.answer, reason: m.reason });
      });
      const end = (why: string) => {
        this.gone ??= why;
        reject(new Error(`z3 did not start: ${why}`));
        for (const id of [...this.waiting.keys()])
          this.settle(id, { answer: "unknown", reason: `${ENDED}: ${why}` });
      };
      this.worker.on("error", (e) => end(e.message));
      this.worker.on("exit", (code) => end(`its thread exited (${code})`));
    });
    // A start that fails is reported by whoever awaits `ready`.
    this.ready.catch(() => {});
  }

  private settle(id: number, r: { answer: SolverAnswer; reason: string | null }): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(r);
  }

  check(smt2: string, timeoutMs: number): Promise<{ answer: SolverAnswer; reason: string | null }> {
    if (this.gone !== null) return Promise.resolve({ answer: "unknown", reason: `${ENDED}: ${this.gone}` });
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, smt2, timeoutMs });
    });
  }

  async stop(): Promise<void> {
    this.gone ??= "stopped";
    await this.worker.terminate();
  }
}

export class Z3Session implements ProblemSolver {
  readonly name = "z3";

  private constructor(
    private worker: Z3Worker,
    readonly version: string,
  ) {}

  static async start(): Promise<Z3Session> {
    const worker = new Z3Worker();
    return new Z3Session(worker, await worker.ready);
  }

  /** Decides one obligation from its SMT-LIB text. */
  check(o: Obligation, timeoutMs: number): Promise<SolverResult> {
    return this.checkText(o.smt2, timeoutMs);
  }

  /** Decides one SMT-LIB problem; `(check-sat)` in the text is left to this call. */
  async checkText(smt2: string, timeoutMs: number): Promise<SolverResult> {
    // A replacement worker starts outside any problem's time.
    await this.worker.ready.catch(() => {});
    const started = performance.now();
    const limit = timeoutMs + overrunMs(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), limit);
    });
    const worker = this.worker;
    const result = await Promise.race([worker.check(smt2, timeoutMs), overrun]);
    clearTimeout(timer);
    const ms = performance.now() - started;
    if (result !== null) {
      if (result.reason?.startsWith(ENDED)) this.replace(worker);
      return { ...result, ms };
    }
    this.replace(worker);
    return { answer: "unknown", reason: `timeout (z3 stopped after ${(limit / 1000).toFixed(1)} s)`, ms };
  }

  /** Terminates a worker that overran or died and starts another for the next problem. */
  private replace(worker: Z3Worker): void {
    if (this.worker !== worker) return;
    void worker.stop();
    this.worker = new Z3Worker();
  }

  /** Stops z3; the session cannot be used afterwards. */
  async close(): Promise<void> {
    await this.worker.stop();
  }
}
