import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every module specifier in a source text: static imports and re-exports, dynamic imports, require. */
function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1]!));
}

/** Why an import of `spec` from `file` breaks the verifier's independence, or null. */
function violation(file: string, spec: string): string | null {
  if (spec.startsWith("node:")) return null;
  if (!spec.startsWith(".")) return `${spec}: the verifier uses no packages`;
  const target = relative(root, resolve(dirname(file), spec))
    .split("\\")
    .join("/");
  if (target.startsWith("verify/") || target.startsWith("mpl/")) return null;
  if (target === "export/schema.js" || target === "export/schema.ts") return null;
  return `${spec} resolves to ${target}, outside verify/, mpl/ and export/schema`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.[cm]?[jt]s$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe("the verifier is independent of the engine", () => {
  it("the scanner finds imports and flags forbidden ones", () => {
    const file = join(root, "verify", "x.ts");
    const text = `import type { A } from "../export/schema.js";\nimport { b } from "../engine/block.js";\nexport * from "../export/html.js";\nconst c = await import("./y.js");\nimport "moo";`;
    const found = specifiers(text);
    expect(found).toEqual([
      "../export/schema.js",
      "../engine/block.js",
      "../export/html.js",
      "moo",
      "./y.js",
    ]);
    expect(found.map((s) => violation(file, s) !== null)).toEqual([false, true, true, true, false]);
  });

  it("no file under verify/ imports the engine, the exporters or a package", () => {
    const files = sourceFiles(join(root, "verify"));
    expect(files.length).toBeGreaterThan(3);
    const all = files.flatMap((f) => specifiers(readFileSync(f, "utf8")).map((s) => [f, s] as const));
    expect(all.some(([, s]) => s === "./shape.js")).toBe(true);
    const bad = all.map(([f, s]) => violation(f, s)).filter((v) => v !== null);
    expect(bad).toEqual([]);
  });
});
