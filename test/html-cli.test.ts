import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProofGraphInputError, parseProofGraph } from "../export/proof-graph-file.js";
import { CLI, ensureBuilt, gl as run } from "./support/built-cli.js";
import { syntheticGraph } from "./support/synthetic-graph.js";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "gl-html-cli-"));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the real `gl` (dist/cli/main.js) in a child process. */
async function gl(...args: string[]): Promise<Outcome> {
  const r = run(...args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

beforeAll(() => ensureBuilt());

function proofFile(content: unknown): string {
  const path = join(work, "proof.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("gl export", () => {
  it("writes the site and says what it wrote", async () => {
    const graph = syntheticGraph({ theorems: 6 });
    const dir = join(work, "html");
    const r = await gl("export", proofFile(graph), "--html", dir);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^wrote 14 files \([\d.]+ KiB\) to .*html: 6 theorems, 2 unproved conjectures\n$/);
    expect(readFileSync(join(dir, "t", "T6.html"), "utf8")).toContain("<!DOCTYPE html>");
  });

  it("leaves the site readable by others, as cp would (folders 0755, files 0644 under umask 022)", async () => {
    const dir = join(work, "modes");
    const r = spawnSync(
      "sh",
      [
        "-c",
        `umask 022 && exec "${process.execPath}" "${CLI}" export "${proofFile(syntheticGraph({ theorems: 3 }))}" --html "${dir}"`,
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, "t")).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, "index.html")).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, "t", "T1.html")).mode & 0o777).toBe(0o644);
  });

  it("never replaces a foreign directory, even with --force", async () => {
    const file = proofFile(syntheticGraph({ theorems: 3 }));
    const dir = join(work, "taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "keep.txt"), "x");
    const refused = await gl("export", file, "--html", dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^gl export: error: .*taken is not empty and was not written by gl \(1 entry\); give a new or empty folder, or one gl wrote before\n$/,
    );
    expect(existsSync(join(dir, "keep.txt"))).toBe(true);
    expect((await gl("export", file, "--html", dir, "--force")).code).toBe(1);
    expect(existsSync(join(dir, "keep.txt"))).toBe(true);
  });

  it("exits 2 without an output format", async () => {
    const r = await gl("export", proofFile(syntheticGraph({ theorems: 2 })));
    expect(r.code).toBe(2);
    expect(r.err).toContain("--html <dir>");
  });

  it("exits 1 with one clear line for unusable input", async () => {
    const cases: [unknown, RegExp][] = [
      ["{ not json", /proof\.json: not valid JSON/],
      [
        { schema: "something-else", version: 1 },
        /not a proof graph \(schema is "something-else", expected "gl-proof-graph"\)/,
      ],
      [
        { ...syntheticGraph({ theorems: 1 }), version: 1 },
        /proof-graph version 1 is not supported \(expected 2\)/,
      ],
      [[1, 2], /not a proof graph \(expected a JSON object\)/],
    ];
    for (const [content, message] of cases) {
      const r = await gl("export", proofFile(content), "--html", join(work, "out"));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(existsSync(join(work, "out"))).toBe(false);
    }
    const missing = await gl("export", join(work, "nope.json"), "--html", join(work, "out"));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toMatch(
      /^gl export: error: cannot read .*nope\.json: no such file or folder \(ENOENT\)\n$/,
    );
  });
});

describe("parseProofGraph", () => {
  it("accepts a well-formed graph as it is", () => {
    const graph = syntheticGraph({ theorems: 5 });
    expect(parseProofGraph(JSON.stringify(graph), "g.json")).toEqual(graph);
  });

  it("names the first malformed field", () => {
    const graph = syntheticGraph({ theorems: 5 }) as unknown as { theorems: { steps: { kind: string }[] }[] };
    graph.theorems[2]!.steps[1]!.kind = "magic";
    expect(() => parseProofGraph(JSON.stringify(graph), "g.json")).toThrow(ProofGraphInputError);
    expect(() => parseProofGraph(JSON.stringify(graph), "g.json")).toThrow(
      "g.json: theorems[2].steps[1].kind is not a known step kind",
    );
    const noVars = syntheticGraph({ theorems: 2 }) as unknown as {
      unproved: { statement: { vars: unknown } }[];
    };
    noVars.unproved[1]!.statement.vars = "a";
    expect(() => parseProofGraph(JSON.stringify(noVars), "g.json")).toThrow(
      "g.json: unproved[1].statement.vars must be an array",
    );
  });
});
