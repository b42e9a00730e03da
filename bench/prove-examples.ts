/**
 * `gl prove` on the examples stated cold (no helper lemmas): examples/peano (six laws),
 * examples/peano-cold (six laws and ten first-course facts), examples/first-course (sixteen
 * one-variable inductions and case splits, negated heads among them), examples/group (a
 * one-sided group's consequences), examples/group-two-sided and examples/monoid (a commutative
 * monoid), each in its own process with one worker, lemma discovery on (the
 * default). Records per example: conjectures proved, time in the process (the summary's
 * timeMs), wall time with Node start-up, peak memory, and the lemma step's figures; beside the
 * ACL2 figures from our peer notes (ACL2 8.5 proves the Peano laws cold in 0.00–0.04 s each,
 * 0.34–0.71 s wall per law with start-up, all in one session 0.75–0.96 s, 74 MB).
 *
 * Results go to bench/results/prove-examples.{json,md}.
 *
 *   node dist/bench/prove-examples.js [--runs N]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const argv = process.argv.slice(2);
const runsArg = argv.indexOf("--runs");
const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 1;
const EXAMPLES = [
  "examples/peano",
  "examples/peano-cold",
  "examples/first-course",
  "examples/group",
  "examples/group-two-sided",
  "examples/monoid",
];

interface Summary {
  proved: number;
  conjectures: number;
  timeMs: number;
  cpuMs: number;
  peakRssMb: number;
  stopReason: string;
  theorems: { name: string | null; status: string; method: string | null }[];
  lemmas: { stuck: string[]; candidates: number; survivors: number; proved: number; stop: string } | null;
}

interface Row {
  example: string;
  proved: number;
  conjectures: number;
  unproved: string[];
  processMs: number;
  cpuMs: number;
  wallMs: number;
  peakRssMb: number;
  lemmas: Summary["lemmas"];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: Row[] = [];
for (const ex of EXAMPLES) {
  const walls: number[] = [];
  const inner: number[] = [];
  const cpu: number[] = [];
  let last: Summary | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(root, "dist/cli/main.js"), "prove", ex, "--json", "-q", "--workers", "1", "--allow-unproved"],
      { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 },
    );
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${ex}: exit ${r.status}\n${r.stderr}`);
    last = JSON.parse(r.stdout) as Summary;
    inner.push(last.timeMs);
    cpu.push(last.cpuMs);
  }
  const s = last!;
  rows.push({
    example: ex,
    proved: s.proved,
    conjectures: s.conjectures,
    unproved: s.theorems.filter((t) => t.status !== "proved").map((t) => t.name ?? "?"),
    processMs: Math.round(median(inner)),
    cpuMs: Math.round(median(cpu)),
    wallMs: Math.round(median(walls)),
    peakRssMb: s.peakRssMb,
    lemmas: s.lemmas,
  });
  process.stderr.write(`${ex}: ${s.proved}/${s.conjectures}, ${Math.round(median(walls))} ms wall\n`);
}

const machine = {
  cpus: cpus().length,
  load: loadavg().map((x) => Math.round(x * 100) / 100),
  node: process.version,
};
const out = join(root, "bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "prove-examples.json"), `${JSON.stringify({ runs, machine, rows }, null, 2)}\n`);
const md = [
  "# gl prove on the cold examples",
  "",
  `One worker, lemma discovery on (default), median of ${runs} run(s); ${machine.cpus} cores, load ${machine.load.join(" ")} at the end, Node ${machine.node}.`,
  "",
  "| example | proved | CPU (process) | in process | wall (with start-up) | peak | lemma step | unproved |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) =>
      `| ${r.example} | ${r.proved}/${r.conjectures} | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.processMs / 1000).toFixed(2)} s | ${(r.wallMs / 1000).toFixed(2)} s | ${r.peakRssMb} MB | ${
        r.lemmas
          ? `${r.lemmas.stuck.length} stuck, ${r.lemmas.candidates} candidates, ${r.lemmas.survivors} tried, ${r.lemmas.proved} proved (${r.lemmas.stop})`
          : "not needed"
      } | ${r.unproved.join(", ") || "—"} |`,
  ),
  "",
  "ACL2 8.5 (peer notes, measured on this machine kind): the Peano laws cold, 0.00–0.04 s prove time each,",
  "0.34–0.71 s wall per law with process start, all in one session 0.75–0.96 s wall, 74 MB.",
  "",
];
writeFileSync(join(out, "prove-examples.md"), md.join("\n"));
