/**
 * The reference system's own inputs through the built CLI: its v0.1 definitions with our
 * config (test/fixtures/gl-v0.1-config.json), conjecture files with malformed lines (reported
 * with their line numbers, skipped, counted; the run goes on), both v0.7 configs through
 * `gl check`, and `gl prove` on the v0.7 Peano definitions with conjectures of our own.
 * Skipped, with a printed reason, where ../shared is absent.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

warnIfNoGlFixtures("GL input tests");

const V01 = join(GL_FIXTURES, "v0.1");
const V07 = join(GL_FIXTURES, "v0.7");
const V01_CONFIG = join(REPO_ROOT, "test", "fixtures", "gl-v0.1-config.json");

/** GL conjecture lines over AnchorPeano[N,i0,s,+,*,i1], anchor slots numbered 1..6. */
const PEANO_LINES = [
  // 0 + a = b → a + 0 = b
  "(>[2,4](AnchorPeano[1,2,3,4,5,6])(>[7,8](in3[2,7,8,4])(in3[7,2,8,4])))",
  // s(a) = b → a + i1 = b
  "(>[3,4,6](AnchorPeano[1,2,3,4,5,6])(>[7,8](in2[7,8,3])(in3[7,6,8,4])))",
  // a + b = c, s(a) = d, s(c) = e → d + b = e
  "(>[3,4](AnchorPeano[1,2,3,4,5,6])(>[7,8,9](in3[7,8,9,4])(>[10](in2[7,10,3])(>[11](in2[9,11,3])(in3[10,8,11,4])))))",
  // a + b = c → b + a = c
  "(>[4](AnchorPeano[1,2,3,4,5,6])(>[7,8,9](in3[7,8,9,4])(in3[8,7,9,4])))",
];

interface ProveSummary {
  proved: number;
  conjectures: number;
  skippedLines: number;
  stopReason: string;
  theorems: { name: string; status: string; method: string | null }[];
  proofGraph: string | null;
}

let scratch = "";
beforeAll(() => {
  if (!haveGlFixtures) return;
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "gl-inputs-"));
});
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!haveGlFixtures)("GL v0.1 from the command line", () => {
  it("loads with our config, the folder's 406 conjecture lines read once", () => {
    const r = gl("check", "--json", "--gl-config", V01_CONFIG, V01, join(V01, "conjectures.txt"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      anchor: { name: string; params: string[]; roles: Record<string, string> };
      constants: { name: string; type: string }[];
      conjectures: string[];
    };
    expect(s.anchor).toEqual({
      name: "NaturalNumbers",
      params: ["N", "i0", "i1", "s", "+", "*"],
      roles: { carrier: "N", zero: "i0", successor: "s" },
    });
    expect(s.constants.map((c) => `${c.name}:${c.type}`)).toEqual([
      "N:set",
      "i0:element",
      "i1:element",
      "s:function",
      "+:operation",
      "*:operation",
    ]);
    expect(s.conjectures).toHaveLength(406);
    expect(s.conjectures[393]).toBe("line394");
  });

  describe("a conjecture file with malformed lines", () => {
    let defs = "";
    let list = "";
    beforeAll(() => {
      if (scratch === "") return;
      // The definitions without GL's conjecture list, so only our file is read.
      defs = join(scratch, "v01-defs");
      mkdirSync(defs);
      for (const f of ["NaturalNumbers.txt", "fXY.txt", "fXYZ.txt"])
        copyFileSync(join(V01, f), join(defs, f));
      const lines = readFileSync(join(V01, "conjectures.txt"), "utf8").split("\n");
      list = join(scratch, "mixed.txt");
      writeFileSync(
        list,
        [
          lines[4], // line 5 of GL's list: 0 + a = b → a + 0 = b
          "(>[2,5](NaturalNumbers[1,2,3,4,5,6])(>[7,8](in3[2,7,8,5]) oops",
          "",
          "(>[5](Successor[1])(in3[1,1,1,5]))",
          lines[8], // line 9: s(a) = b → 1 + a = b
          "(>[5](NaturalNumbers[1,2,3,4,5])(in3[7,7,7,5]))",
        ].join("\n"),
      );
    });

    it("gl prove reports each one with its line, skips it, counts them and proves the rest", () => {
      const out = join(scratch, "mixed-out");
      const r = gl(
        "prove",
        "--gl-config",
        V01_CONFIG,
        defs,
        "--conjectures",
        list,
        "--json",
        "-q",
        "--out",
        out,
      );
      expect(r.code).toBe(0);
      const reported = [...r.stderr.matchAll(/mixed\.txt:(\d+):\d+: error (MPL\d+)/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      expect(reported).toEqual(["2 MPL007", "4 MPL205", "6 MPL206"]);
      expect(r.stderr).toContain("warning: 3 malformed conjecture lines skipped (reported above)");
      const s = JSON.parse(r.stdout) as ProveSummary;
      expect(s.skippedLines).toBe(3);
      expect(s.conjectures).toBe(2);
      expect(s.theorems.map((t) => `${t.name} ${t.status}`)).toEqual(["line1 proved", "line5 proved"]);
      expect(s.proofGraph).toBe(join(out, "proof.json"));
      const v = gl("verify", join(out, "proof.json"));
      expect(v.code).toBe(0);
      expect(v.stdout).toMatch(/0 failures/);
    });

    it("the text summary names the skipped lines too, and other options keep working", () => {
      const r = gl(
        "prove",
        "--gl-config",
        V01_CONFIG,
        defs,
        "--conjectures",
        list,
        "--workers",
        "2",
        "--max-bursts",
        "1",
        "--allow-unproved",
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\/2 proved .*stop: max-bursts; 1 bursts, .*3 malformed lines skipped; /);
    });

    it("gl check still fails on them", () => {
      const r = gl("check", "--gl-config", V01_CONFIG, defs, list);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("check failed: 3 errors, 0 warnings\n");
    });
  });
});

describe.skipIf(!haveGlFixtures)("GL v0.7 from the command line", () => {
  it("both configs load through gl check", () => {
    for (const config of ["ConfigPeano.json", "ConfigGauss.json"]) {
      const r = gl("check", "--json", "--gl-config", join(V07, "config", config), V07);
      expect(r.code, config).toBe(0);
      const s = JSON.parse(r.stdout) as { errors: number; definitions: string[]; anchor: { name: string } };
      expect(s.errors).toBe(0);
      expect(s.anchor.name).toBe(config === "ConfigPeano.json" ? "AnchorPeano" : "AnchorGauss");
    }
  });

  it("gl prove on the Peano definitions proves our conjectures, and the proofs verify", () => {
    const list = join(scratch, "peano07.txt");
    writeFileSync(list, `${PEANO_LINES.join("\n")}\n`);
    const out = join(scratch, "peano07-out");
    const config = join(V07, "config", "ConfigPeano.json");
    const r = gl("prove", "--gl-config", config, V07, "--conjectures", list, "--json", "-q", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as ProveSummary;
    expect(s.stopReason).toBe("all-proved");
    expect(s.skippedLines).toBe(0);
    expect(s.theorems.map((t) => `${t.name} ${t.status} ${t.method}`)).toEqual([
      "line1 proved induction on 7",
      "line2 proved direct",
      "line3 proved induction on 8",
      "line4 proved induction on 7",
    ]);
    const v = gl("verify", join(out, "proof.json"));
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/Total: \d+ checks, 0 failures/);
  });
});
