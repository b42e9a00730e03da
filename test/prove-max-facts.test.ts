/**
 * `gl prove --max-facts`: the per-block fact limit is a flag, and a run that reaches it says
 * so (stop reason, the blocks, the conjectures they worked for) instead of a silent cut.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";

interface Summary {
  stopReason: string;
  proved: number;
  blocksAtFactLimit: number;
  factLimit: { maxFactsPerBlock: number; blocks: { block: number; facts: number; conjectures: string[] }[] };
}

const prove = (...args: string[]): Summary => {
  const r = gl("prove", "examples/peano-quick", "--json", "--workers", "1", "-q", ...args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
};

describe("gl prove --max-facts", () => {
  beforeAll(ensureBuilt);

  it("reports no limited block with the default limit", () => {
    const s = prove();
    expect(s.factLimit.maxFactsPerBlock).toBe(20000);
    expect(s.factLimit.blocks).toEqual([]);
    expect(s.blocksAtFactLimit).toBe(0);
  });

  it("names the blocks that reached a small limit, and the stop reason says so", () => {
    // The limit holds within a round too, so goals it cuts off stay unproved.
    const s = prove("--max-facts", "60", "--allow-unproved");
    expect(s.factLimit.maxFactsPerBlock).toBe(60);
    expect(s.factLimit.blocks.length).toBe(s.blocksAtFactLimit);
    expect(s.blocksAtFactLimit).toBeGreaterThan(0);
    for (const b of s.factLimit.blocks) {
      expect(b.facts).toBeGreaterThanOrEqual(60);
      expect(b.conjectures.length).toBeGreaterThan(0);
    }
    if (s.stopReason !== "all-proved") expect(s.stopReason).toBe("max-facts");
  });

  it("rejects a limit that is not a positive integer as a usage error", () => {
    const r = gl("prove", "examples/peano-quick", "--max-facts", "0");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-facts");
  });
});
