/**
 * `gl check` as users run it: the built CLI in a child process, its output and exit codes
 * (0 success, 1 input errors, 2 usage errors).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

const CLI = join(REPO_ROOT, "dist", "cli", "main.js");

function gl(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let scratch = "";

/** The newest modification time of the TypeScript sources the CLI is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ["mpl", "cli"]) walk(join(REPO_ROOT, dir));
  return newest;
}

beforeAll(() => {
  // The CLI runs from dist/: rebuild when a source is newer than the build (`npm test` builds first).
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource()) {
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  scratch = mkdtempSync(join(tmpdir(), "gl-check-"));
});

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

describe("gl check", () => {
  it("summarises examples/peano", () => {
    const r = gl("check", "examples/peano");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "files        3",
        "definitions  3  Function, Operation, Peano",
        "anchor       Peano[Nat, zero, succ, +, *]  (carrier Nat, zero zero, successor succ)",
        "constants    5  Nat: set, zero: element, succ: function, +: operation, *: operation",
        "predicates   4  in, in2, in3, =",
        "entities     23  1 fact, 19 rules, 3 exists",
        "conjectures  6  add_comm, add_assoc, mul_comm, mul_assoc, left_distrib, right_distrib",
        "ok",
        "",
      ].join("\n"),
    );
  });

  it("--json prints one JSON object on stdout", () => {
    const r = gl("check", "examples/peano", "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary.ok).toBe(true);
    expect(summary.files).toEqual([
      "examples/peano/functions.mpl",
      "examples/peano/laws.mpl",
      "examples/peano/peano.mpl",
    ]);
    expect(summary.entities).toEqual({ total: 23, fact: 1, rule: 19, exists: 3 });
    expect((summary.conjectures as string[]).length).toBe(6);
    expect(summary.diagnostics).toEqual([]);
  });

  it("input errors: rendered on stderr, exit 1, no stack trace", () => {
    const bad = join(scratch, "bad.mpl");
    writeFileSync(bad, "definition D[x: element] :=\n  (in[x,x])\n");
    const r = gl("check", bad, "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${bad}:2:9: error MPL103: type mismatch: 'x' is an element, but argument 2 of 'in' must be a set\n` +
        "    (in[x,x])\n" +
        "          ^\n",
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, errors: 1 });
    expect(gl("check", join(scratch, "missing.mpl")).code).toBe(1);
    const invalid = join(scratch, "latin1.mpl");
    writeFileSync(invalid, Buffer.from([0x2d, 0x2d, 0x20, 0xe9, 0x0a]));
    const r2 = gl("check", invalid);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${invalid}:1:4: error MPL001:`);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });

  it("usage errors exit 2; --help and --version exit 0", () => {
    expect(gl().code).toBe(2);
    expect(gl("check").code).toBe(2);
    expect(gl("check", "--frobnicate", "examples/peano").code).toBe(2);
    expect(gl("prove-everything").code).toBe(2);
    const depth = gl("discover", "examples/peano", "--max-witness-depth", "0");
    expect(depth.code).toBe(2);
    expect(depth.stderr).toBe(
      "gl discover: error: --max-witness-depth must be an integer of at least 1, got '0'\n",
    );
    // GL conjecture lists are read only with a GL config; never ignored silently.
    for (const cmd of ["prove", "discover"]) {
      const r = gl(cmd, "examples/peano-quick", "--conjectures", "list.txt");
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `gl ${cmd}: error: --conjectures reads GL conjecture files and needs --gl-config\n`,
      );
    }
    const help = gl("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("check [options] <paths...>");
    const version = gl("--version");
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});

warnIfNoGlFixtures("gl check --gl-config");

describe.skipIf(!haveGlFixtures)("gl check --gl-config", () => {
  it("checks GL's v0.7 folder with its Peano config", () => {
    const v07 = join(GL_FIXTURES, "v0.7");
    const r = gl("check", "--json", "--gl-config", join(v07, "config", "ConfigPeano.json"), v07);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { anchor: { name: string }; parsedOnly: string[] };
    expect(summary.anchor.name).toBe("AnchorPeano");
    expect(summary.parsedOnly).toHaveLength(21);
  });
});
