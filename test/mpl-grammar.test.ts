/**
 * The committed parser is generated from mpl/grammar.ne: regenerating it must give the same
 * bytes (a stale or hand-edited grammar.generated.ts fails here).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./support/mpl-helpers.js";

it("mpl/grammar.generated.ts is what nearleyc makes of mpl/grammar.ne", () => {
  const dir = mkdtempSync(join(tmpdir(), "gl-grammar-"));
  try {
    const out = join(dir, "grammar.generated.ts");
    const nearleyc = join(REPO_ROOT, "node_modules", "nearley", "bin", "nearleyc.js");
    const r = spawnSync(process.execPath, [nearleyc, join(REPO_ROOT, "mpl", "grammar.ne"), "-o", out], {
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(
      readFileSync(join(REPO_ROOT, "mpl", "grammar.generated.ts"), "utf8"),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
