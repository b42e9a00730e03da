/**
 * Phases besides the bursts that spread their independent tasks over the pool's threads
 * (PoolExecutor.map, engine/pool.ts), each through a small hook: the task list, a function a
 * thread runs per task, and how to run one here. Results come back in task order, so the
 * output is the same bytes for any number of threads; without a pool (one worker) the tasks
 * run here, in order. Each returns the threads it used, for the summary.
 */
import { forEachWithTurns } from "../engine/event-loop.js";
import type { MapJob, PoolExecutor } from "../engine/pool.js";
import type { SiteInput } from "../export/html/page-batch.js";
import {
  describePage,
  loadLayoutEngine,
  type PageKey,
  type SiteExtras,
  type SiteFile,
  siteOf,
  sitePage,
  sitePageKeys,
} from "../export/html/render.js";
import type { ProofGraph } from "../export/schema.js";
import { type CheckedGraph, checkGraph } from "./checked-report.js";

/** Runs a job on the pool, or here without one. */
export async function mapTasks<T, R>(
  pool: PoolExecutor | null,
  job: MapJob<T, R>,
): Promise<{ results: R[]; threads: number }> {
  if (pool) return pool.map(job);
  const results: R[] = [];
  await forEachWithTurns(0, job.items.length, (i) => results.push(job.local(job.items[i]!)));
  return { results, threads: 1 };
}

/** The HTML site's files, in file order, rendered on the pool's threads where it has some. */
export async function renderSite(
  pool: PoolExecutor | null,
  graph: ProofGraph,
  extras: SiteExtras,
): Promise<{ files: SiteFile[]; threads: number }> {
  await loadLayoutEngine();
  const site = siteOf(graph, extras);
  const shared: SiteInput = { graph, extras };
  const r = await mapTasks<PageKey, SiteFile>(pool, {
    phase: "html",
    module: new URL("../export/html/page-batch.js", import.meta.url).href,
    fn: "renderSiteFile",
    prepare: "prepareSite",
    shared,
    items: sitePageKeys(site),
    describe: (key) => describePage(site, key),
    local: (key) => sitePage(site, key),
  });
  return { files: r.results, threads: r.threads };
}

/** Where a command's time went, phase by phase: wall and CPU time (all threads), and threads used. */
export class PhaseAccount {
  private current: string | null = null;
  private wall0 = 0;
  private cpu0 = 0;
  private readonly phases = new Map<string, { ms: number; cpuMs: number; threads: number }>();

  /** `pool` gives the command's pool once it has one (it may start after the first phases). */
  constructor(private readonly pool: () => PoolExecutor | null) {}

  /**
   * Ends the phase running (if any) and starts `name` (e.g. "Gauss prove" in a run of batches),
   * which is a `kind` of phase to the pool's fault hook (PoolExecutor.setPhase).
   */
  enter(name: string, kind: string = name): void {
    this.end();
    this.current = name;
    this.wall0 = performance.now();
    const c = process.cpuUsage();
    this.cpu0 = (c.user + c.system) / 1000;
    this.pool()?.setPhase(name, kind);
  }

  /** Ends the phase running. */
  end(): void {
    if (this.current === null) return;
    const c = process.cpuUsage();
    const prev = this.phases.get(this.current) ?? { ms: 0, cpuMs: 0, threads: 1 };
    this.phases.set(this.current, {
      ms: prev.ms + performance.now() - this.wall0,
      cpuMs: prev.cpuMs + (c.user + c.system) / 1000 - this.cpu0,
      threads: prev.threads,
    });
    this.current = null;
  }

  /** Per phase: wall ms (from `ms` where the caller timed it), CPU ms and the threads it used. */
  summary(
    ms: Readonly<Record<string, number>>,
  ): Record<string, { ms: number; cpuMs: number; threads: number }> {
    this.end();
    const byPool = this.pool()?.stats().threadsByPhase ?? {};
    const out: Record<string, { ms: number; cpuMs: number; threads: number }> = {};
    for (const [name, p] of this.phases)
      out[name] = {
        ms: Math.round(ms[name] ?? p.ms),
        cpuMs: Math.round(p.cpuMs),
        threads: byPool[name] ?? p.threads,
      };
    return out;
  }
}

/** The independent re-check of several graphs (each as `gl verify` would), one graph per task. */
export async function checkGraphs(
  pool: PoolExecutor | null,
  graphs: readonly ProofGraph[],
): Promise<{ checked: CheckedGraph[]; threads: number }> {
  const r = await mapTasks<number, CheckedGraph>(pool, {
    phase: "verify",
    module: new URL("./checked-report.js", import.meta.url).href,
    fn: "checkGraphAt",
    shared: graphs,
    items: graphs.map((_, i) => i),
    chunk: 1,
    describe: (i) => `re-checking graph ${i + 1} of ${graphs.length}`,
    local: (i) => checkGraph(graphs[i]!),
  });
  return { checked: r.results, threads: r.threads };
}
