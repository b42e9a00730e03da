import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SiteFile, siteFiles } from "../export/html/render.js";
import { SITE_MARKER, writeSite } from "../export/html/write.js";
import { OUTPUT_MANIFEST, OutputPathError } from "../export/output-dir.js";
import type { ProofGraph } from "../export/schema.js";
import { syntheticGraph } from "./support/synthetic-graph.js";

const graph = syntheticGraph({ theorems: 10 });
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "gl-html-write-"));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Yields the real site until `failAt` files have gone out, then throws. */
function failingRender(failAt: number): (g: ProofGraph) => Iterable<SiteFile> {
  return function* (g) {
    let n = 0;
    for (const file of siteFiles(g)) {
      if (n === failAt) throw new Error(`render failed at ${file[0]}`);
      n += 1;
      yield file;
    }
  };
}

describe("writeSite", () => {
  it("writes a new site with its marker, and reports files and bytes", async () => {
    const dir = join(work, "out", "site");
    const result = await writeSite(graph, dir);
    expect(result.previous).toBe("none");
    // Pages, style, two scripts and the search library, then one page per theorem and the marker.
    expect(result.files).toBe(7 + graph.theorems.length + 1);
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain("<!DOCTYPE html>");
    expect(existsSync(join(dir, "t", "T10.html"))).toBe(true);
    expect(existsSync(join(dir, SITE_MARKER))).toBe(true);
    expect(readdirSync(join(work, "out"))).toEqual(["site"]);
  });

  it("replaces a previous export, dropping its stale pages", async () => {
    const dir = join(work, "site");
    await writeSite(syntheticGraph({ theorems: 14 }), dir);
    expect(existsSync(join(dir, "t", "T14.html"))).toBe(true);
    const result = await writeSite(graph, dir);
    expect(result.previous).toBe("export");
    expect(existsSync(join(dir, "t", "T14.html"))).toBe(false);
    expect(readdirSync(join(dir, "t"))).toHaveLength(graph.theorems.length);
    expect(readdirSync(work)).toEqual(["site"]);
  });

  it("fills an empty directory", async () => {
    const dir = join(work, "empty");
    mkdirSync(dir);
    expect((await writeSite(graph, dir)).previous).toBe("empty");
    expect(existsSync(join(dir, "index.html"))).toBe(true);
  });

  it("refuses a foreign non-empty directory, even when forced", async () => {
    const dir = join(work, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "keep me");
    await expect(writeSite(graph, dir)).rejects.toThrow(OutputPathError);
    await expect(writeSite(graph, dir, { force: true })).rejects.toThrow(
      /not empty and was not written by gl/,
    );
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readdirSync(work)).toEqual(["mine"]);
  });

  it("with force, replaces a folder another gl command wrote", async () => {
    const dir = join(work, "other");
    mkdirSync(dir);
    writeFileSync(join(dir, OUTPUT_MANIFEST), JSON.stringify({ writtenBy: "gl", command: "prove" }));
    writeFileSync(join(dir, "proof.json"), "{}");
    await expect(writeSite(graph, dir)).rejects.toThrow(/output of gl prove/);
    const result = await writeSite(graph, dir, { force: true });
    expect(result.previous).toBe("forced");
    expect(existsSync(join(dir, "proof.json"))).toBe(false);
    expect(existsSync(join(dir, "index.html"))).toBe(true);
    expect(readdirSync(work)).toEqual(["other"]);
  });

  it("refuses a file in the way, even when forced", async () => {
    const path = join(work, "file");
    writeFileSync(path, "x");
    await expect(writeSite(graph, path, { force: true })).rejects.toThrow(/is a file, not a folder/);
  });

  it("leaves no target and no temporary directory when rendering fails midway", async () => {
    const dir = join(work, "site");
    await expect(writeSite(graph, dir, { render: failingRender(4) })).rejects.toThrow(/render failed/);
    expect(readdirSync(work)).toEqual([]);
  });

  it("keeps the previous export intact when a new one fails", async () => {
    const dir = join(work, "site");
    await writeSite(graph, dir);
    const before = readFileSync(join(dir, "t", "T3.html"), "utf8");
    const bigger = syntheticGraph({ theorems: 12 });
    await expect(writeSite(bigger, dir, { render: failingRender(8) })).rejects.toThrow(/render failed/);
    expect(readdirSync(work)).toEqual(["site"]);
    expect(readFileSync(join(dir, "t", "T3.html"), "utf8")).toBe(before);
    expect(existsSync(join(dir, "t", "T12.html"))).toBe(false);
  });

  it("refuses paths that leave the site, writing nothing", async () => {
    const dir = join(work, "site");
    const leaving = function* (): Iterable<SiteFile> {
      yield ["index.html", "ok"];
      yield ["../outside.html", "no"];
    };
    await expect(writeSite(graph, dir, { render: leaving })).rejects.toThrow(/outside the site/);
    expect(readdirSync(work)).toEqual([]);
  });

  it("writes the same bytes as renderSite, file for file", async () => {
    const dir = join(work, "site");
    await writeSite(graph, dir);
    for (const [path, content] of siteFiles(graph)) {
      expect(readFileSync(join(dir, path), "utf8"), path).toBe(content);
    }
  });
});
