/** The scaling benchmark's report: its data shape and its Markdown form. */

import type { SimCosts, SimResult } from "./scaling-model.js";
import type { WorkloadName } from "./scaling-workloads.js";

export interface Row {
  workers: number;
  /** Threads that really ran blocks (median). */
  threads: number;
  medianWallMs: number;
  wallMs: number[];
  speedup: number;
  efficiency: number;
  medianCpuMs: number;
  /** workers × CPU(1) / CPU(workers): the speedup with a core per thread and no waiting. */
  cpuBoundSpeedup: number;
  peakRssMb: number;
  loadBefore: number[];
  pool: {
    computeMs: number;
    codecMs: number;
    messageMs: number;
    balance: number;
    deltaInts: number;
    movedBlocks: number;
  } | null;
}

export interface WorkloadReport {
  name: WorkloadName;
  description: string;
  resultSha: string;
  rows: Row[];
  /** Amdahl's serial fraction fitted to the measured speedups (NaN-free; 0 if only one point). */
  amdahlF: number;
  simulation: {
    costs: SimCosts;
    predicted: {
      threads: number;
      wallMs: number;
      speedup: number;
      balance: number;
      parts: SimResult["parts"];
      /** The largest cost besides the work itself, and its share of the predicted time. */
      limiting: string;
      limitingShare: number;
    }[];
    /** (predicted − measured) / measured wall time at 2 threads. */
    errorAtTwo: number;
  } | null;
}

export interface Report {
  date: string;
  quick: boolean;
  reps: number;
  largeBursts: number;
  minutes: number;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string };
  load: { before: number[]; after: number[] };
  workloads: WorkloadReport[];
  amdahlAt: (f: number) => { threads: number; speedup: number }[];
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const s1 = (ms: number) => (ms / 1000).toFixed(2);

export function markdownReport(r: Report): string {
  const lines = [
    "# Scaling benchmark",
    "",
    `Run ${r.date}${r.quick ? " (--quick)" : ""}: ${r.reps} repetitions per configuration, interleaved, each run its own ` +
      `process; ${f1(r.minutes)} minutes in all. Machine: ${r.machine.cores} cores (${r.machine.cpu}), ` +
      `${f1(r.machine.memoryGiB)} GiB, Node ${r.machine.node}. Load average (1/5/15 min) before: ` +
      `${r.load.before.map(f2).join(" / ")}; after: ${r.load.after.map(f2).join(" / ")}. ` +
      "On a machine shared with other jobs wall times carry their load; the CPU-bound speedup " +
      "(workers × CPU(1) / CPU(n)) is what the run would gain with a core per thread and no waiting.",
    "",
  ];
  for (const w of r.workloads) {
    lines.push(
      `## ${w.name}: ${w.description}`,
      "",
      `Every run gave the same result (sha256 ${w.resultSha.slice(0, 16)}…). Times include loading and every phase.`,
      "",
      "| Workers | Threads ran | Median wall (s) | Runs (s) | Speedup | Efficiency | CPU-bound speedup | Median CPU (s) | Peak RSS (MB) | Load before runs |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...w.rows.map(
        (x) =>
          `| ${x.workers} | ${x.threads} | ${s1(x.medianWallMs)} | ${x.wallMs.map(s1).join(", ")} | ${f2(x.speedup)}× | ` +
          `${pct(x.efficiency)} | ${f2(x.cpuBoundSpeedup)}× | ${s1(x.medianCpuMs)} | ${x.peakRssMb.toFixed(0)} | ` +
          `${x.loadBefore.map(f1).join(", ")} |`,
      ),
      "",
    );
    const pooled = w.rows.filter((x) => x.pool && x.workers > 1);
    if (pooled.length > 0)
      lines.push(
        "Pool accounting (medians): compute is saturation on any thread; codec is packing, applying deltas and moving blocks; " +
          "message is round trips minus the worker's own time; balance is mean shard compute over the busiest shard's.",
        "",
        "| Workers | Compute (s) | Codec (ms) | Message (ms) | Balance | Delta ints | Blocks moved |",
        "|---|---|---|---|---|---|---|",
        ...pooled.map((x) => {
          const p = x.pool!;
          return `| ${x.workers} | ${s1(p.computeMs)} | ${p.codecMs.toFixed(0)} | ${p.messageMs.toFixed(0)} | ${pct(p.balance)} | ${p.deltaInts.toFixed(0)} | ${p.movedBlocks} |`;
        }),
        "",
      );
    lines.push(
      `Amdahl fit to the measured speedups: serial fraction ${pct(w.amdahlF)}; it gives ` +
        `${r
          .amdahlAt(w.amdahlF)
          .map((a) => `${f1(a.speedup)}× at ${a.threads}`)
          .join(", ")}.`,
      "",
    );
    if (w.simulation) {
      const c = w.simulation.costs;
      const at16 = w.simulation.predicted.find((p) => p.threads === 16);
      lines.push(
        "Simulator: the median one-worker run's profile (each block's CPU time, the coordinator's serial CPU) replayed " +
          "with the pool's placement, units, balancing and stealing; costs measured on the runs above: " +
          `co-running slowdown ${f2(c.coRun)}× (blocks' CPU with two threads over one), ${c.msPerMessage.toFixed(2)} ms hand-over ` +
          `per task, ${c.msPerSteal.toFixed(2)} ms wait per steal, ${s1(c.warmupMs)} s until a thread has loaded, ${s1(c.outsideMs)} s serial outside the bursts` +
          c.mapped
            .map((m) => `, ${m.name} ${s1(m.ms)} s with serial fraction ${pct(m.serialFraction)}`)
            .join("") +
          `. Error at 2 threads: ${pct(w.simulation.errorAtTwo)} (predicted wall time against the measured median; the ` +
          "costs are fitted on the same runs, so this checks the model's structure, in sample).",
        "",
        "| Threads | Predicted wall (s) | Predicted speedup | Balance | Serial outside / mapped / between bursts / thread loading (s) | Work on the threads (s) | Critical path (s) | Co-running (s) | Imbalance, waits (s) | Limiting cost (share) |",
        "|---|---|---|---|---|---|---|---|---|---|",
        ...w.simulation.predicted.map(
          (p) =>
            `| ${p.threads} | ${s1(p.wallMs)} | ${f2(p.speedup)}× | ${pct(p.balance)} | ` +
            `${s1(p.parts.outsideMs)} / ${s1(p.parts.mappedMs)} / ${s1(p.parts.serialMs)} / ${s1(p.parts.loadWaitMs)} | ` +
            `${s1(p.parts.workMs)} | ${s1(p.parts.criticalPathMs)} | ` +
            `${s1(p.parts.coRunMs)} | ${s1(p.parts.imbalanceMs)} | ${p.limiting} (${pct(p.limitingShare)}) |`,
        ),
        "",
        ...(at16 && at16.speedup < 12
          ? [
              `At 16 threads the simulator predicts ${f2(at16.speedup)}×, under 12×: the limiting cost is ${at16.limiting}, ` +
                `${pct(at16.limitingShare)} of the predicted time.`,
              "",
            ]
          : []),
      );
    }
  }
  lines.push(
    "Plot: scaling.svg (speedup and efficiency against threads, ideal line, Amdahl fit, simulator).",
    "",
  );
  return lines.join("\n");
}
