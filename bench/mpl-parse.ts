/**
 * Benchmark: parse and compile all of GL's fixture files (both v0.7 configs, the v0.1
 * definitions with all 406 conjecture lines) and the examples. Prints the median and spread of
 * repeated runs after warm-up. Run after building: `node dist/bench/mpl-parse.js [runs]`.
 */
import { existsSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGlFolder, loadGlFolderWithSignatures, loadPaths } from "../mpl/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = join(root, "..", "shared", "fixtures", "gl-mpl");

const V01 = {
  NaturalNumbers: {
    params: [
      { name: "N", type: "set" },
      { name: "i0", type: "element" },
      { name: "i1", type: "element" },
      { name: "s", type: "function" },
      { name: "+", type: "operation" },
      { name: "*", type: "operation" },
    ],
  },
  fXY: {
    params: [
      { name: "f", type: "function" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
    ],
  },
  fXYZ: {
    params: [
      { name: "f", type: "operation" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
      { name: "Z", type: "set" },
    ],
  },
} as const;

function loadAll(): number {
  const v07 = join(fixtures, "v0.7");
  const results = [
    loadGlFolder(join(v07, "config", "ConfigPeano.json"), v07),
    loadGlFolder(join(v07, "config", "ConfigGauss.json"), v07),
    loadGlFolderWithSignatures(join(fixtures, "v0.1"), V01, "NaturalNumbers"),
  ];
  const examples = loadPaths([join(root, "examples", "peano")]);
  const conjectures = results.reduce((n, r) => n + (r.theory?.conjectures.length ?? 0), 0);
  if (results.some((r) => r.theory === null) || examples.theory === null)
    throw new Error("a fixture failed to load");
  return conjectures;
}

function main(): void {
  if (!existsSync(fixtures)) {
    console.log("mpl-parse: skipped, ../shared/fixtures/gl-mpl is absent beside the repository");
    return;
  }
  const runs = Number(process.argv[2] ?? "15");
  const cold0 = performance.now();
  loadAll();
  const cold = performance.now() - cold0;
  for (let i = 0; i < 2; i++) loadAll();
  const times: number[] = [];
  let conjectures = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    conjectures = loadAll();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const ms = (x: number | undefined) => `${(x ?? 0).toFixed(1)} ms`;
  console.log(`mpl-parse: all GL fixtures (3 loads, ${conjectures} conjecture lines) + examples/peano`);
  console.log(`  first (cold) run ${ms(cold)}`);
  console.log(
    `  then ${runs} runs: median ${ms(median)}, min ${ms(times[0])}, max ${ms(times[times.length - 1])}`,
  );
  console.log(
    `  node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} threads`,
  );
}

main();
