/**
 * Which blocks of a run reached the per-block fact limit (EngineSettings.maxFactsPerBlock),
 * and which conjectures they served: a cut saturation is reported, never silent.
 */
import { type BlockKind, factCount } from "./block.js";
import type { RunResult } from "./run.js";

export interface FactLimitBlock {
  readonly block: number;
  readonly kind: BlockKind;
  readonly facts: number;
  /** Names (or statements) of the conjectures with an attempt in this block or below it. */
  readonly conjectures: readonly string[];
}

export function factLimitBlocks(run: RunResult, label: (conjecture: number) => string): FactLimitBlock[] {
  const hit = run.blocks.filter((b) => b.meta.atLimit).map((b) => b.meta.id);
  if (hit.length === 0) return [];
  const serves = new Map<number, Set<number>>(hit.map((b) => [b, new Set<number>()]));
  for (const c of run.conjectures)
    for (const a of c.attempts)
      for (const start of [a.main, a.step, a.base, ...a.goalBlocks]) {
        // The attempt's blocks and their ancestors all work for it.
        for (let b = start; b >= 0; b = run.blocks[b]!.meta.parent) serves.get(b)?.add(c.index);
      }
  return hit.map((id) => {
    const b = run.blocks[id]!;
    return {
      block: id,
      kind: b.meta.kind,
      facts: factCount(b.data),
      conjectures: [...serves.get(id)!].sort((x, y) => x - y).map(label),
    };
  });
}
