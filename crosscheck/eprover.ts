/**
 * The E theorem prover as a third opinion: each obligation's TPTP text (tptp.ts, the very text
 * `--tptp-dir` writes) goes to `eprover` on its standard input, and E's SZS status becomes the
 * answer: `Theorem` (the goal follows) and `ContradictoryAxioms` (the assumptions alone are
 * inconsistent, so the goal follows too) are unsat, `CounterSatisfiable` (E saturated the
 * assumptions with the negated goal without a contradiction) is sat, anything else unknown.
 *
 * E is a native program (Debian's `eprover` package); `EProver.find()` looks for it on the
 * PATH, or at `$EPROVER` when set, and says where it looked when it is absent.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { ProblemSolver, SolverAnswer, SolverResult } from "./crosscheck.js";
import type { Obligation } from "./obligations.js";

/** Where `eprover` is: `$EPROVER` if set, else the first on the PATH; or why it is not there. */
export function findEprover(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const fromEnv = env.EPROVER;
  if (fromEnv !== undefined && fromEnv !== "")
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { missing: `E (eprover) not found: EPROVER is set to ${fromEnv}, which does not exist` };
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "eprover");
    if (existsSync(candidate)) return { path: candidate };
  }
  return {
    missing:
      "E (eprover) not found on the PATH: install it (Debian: apt-get install eprover, or scripts/ensure-eprover.sh) or set EPROVER to its path",
  };
}

/**
 * SZS statuses as answers. `ContradictoryAxioms`: the assumptions alone are inconsistent, so
 * the goal follows from them too; it is how E reports a case that the premises rule out (the
 * successor case of `a + b = 0 → a = 0`, where `a + succ(p) = 0` contradicts the axioms).
 */
const STATUS: Readonly<Record<string, SolverAnswer>> = {
  Theorem: "unsat",
  ContradictoryAxioms: "unsat",
  Unsatisfiable: "unsat",
  CounterSatisfiable: "sat",
  Satisfiable: "sat",
};

/** E's answer from its output: the SZS status line, else why there is none. */
export function parseEOutput(stdout: string): { answer: SolverAnswer; reason: string | null } {
  const status = /^# SZS status (\w+)/m.exec(stdout)?.[1];
  if (status === undefined) return { answer: "unknown", reason: "no SZS status in E's output" };
  const answer = STATUS[status] ?? "unknown";
  const reason = answer !== "unknown" ? null : status === "ResourceOut" ? "timeout" : status;
  return { answer, reason };
}

function run(
  path: string,
  args: readonly string[],
  input: string,
  timeoutMs: number,
): Promise<{ stdout: string; error: string | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(
      path,
      [...args],
      { timeout: timeoutMs, maxBuffer: 64 << 20, encoding: "utf8" },
      (error, stdout, stderr) => {
        const killed = error !== null && (error as { killed?: boolean }).killed === true;
        const message = error && !killed ? stderr.trim().split("\n")[0] || error.message : null;
        resolve({ stdout, error: message, timedOut: killed });
      },
    );
    // E may exit before reading all of its input (e.g. `--version`): not an error here.
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });
}

export class EProver implements ProblemSolver {
  readonly name = "E";

  private constructor(
    private readonly path: string,
    readonly version: string,
  ) {}

  /** Finds eprover and reads its version; or why it cannot be used. */
  static async find(env: NodeJS.ProcessEnv = process.env): Promise<EProver | { missing: string }> {
    const found = findEprover(env);
    if ("missing" in found) return found;
    const v = await run(found.path, ["--version"], "", 10_000);
    const version = v.stdout.trim().split("\n")[0] ?? "";
    if (!/^E \d/.test(version))
      return {
        missing: `${found.path} is not the E prover: --version printed '${version}'${v.error ? ` (${v.error})` : ""}`,
      };
    return new EProver(found.path, version);
  }

  async check(o: Obligation, timeoutMs: number): Promise<SolverResult> {
    const started = performance.now();
    // E's own limit is whole CPU seconds; the wall-clock kill below is the exact one.
    const cpu = Math.max(1, Math.ceil(timeoutMs / 1000));
    const args = ["--auto", "--silent", "--tstp-format", `--cpu-limit=${cpu}`];
    const r = await run(this.path, args, o.tptp, timeoutMs);
    const ms = performance.now() - started;
    if (r.timedOut) return { answer: "unknown", reason: "timeout", ms };
    const parsed = parseEOutput(r.stdout);
    if (parsed.answer === "unknown" && r.error !== null && !/SZS status/.test(r.stdout))
      return { answer: "unknown", reason: `E error: ${r.error}`, ms };
    return { ...parsed, ms };
  }
}
