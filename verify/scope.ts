/**
 * What the checks of one theorem read: the anchor, the theorems before it and whether they
 * verified, and the little state the step checks build up in step order.
 */
import type { StatementJson, StepJson, TheoremJson } from "../export/schema.js";
import type { Anchor } from "./anchor.js";
import type { DefinitionText } from "./comprehension.js";
import type { SourceNames } from "./fields.js";

export interface GraphContext {
  readonly anchor: Anchor;
  readonly theorems: readonly TheoremJson[];
  /** Theorem id → position of its first occurrence in `theorems`. */
  readonly positions: ReadonlyMap<string, number>;
  /** Theorem id → whether it verified (filled in file order, so only earlier theorems). */
  readonly verified: Map<string, boolean>;
  readonly anchorName: string;
  readonly constantNames: readonly string[];
  /** The sources' conjecture names, when the anchor was cross-checked against compiled sources. */
  readonly names: SourceNames | null;
  /** Theorems imported from an earlier batch, by import id, and whether each passed its check. */
  readonly imports: ReadonlyMap<string, { readonly statement: StatementJson; readonly ok: boolean }>;
  /** The definitions as the sources give them (empty when the sources were not compiled). */
  readonly definitions: ReadonlyMap<string, DefinitionText>;
}

export interface TheoremScope extends GraphContext {
  readonly theorem: TheoremJson;
  /** Position in `theorems`; a cited theorem must come before it. */
  readonly position: number;
  readonly steps: ReadonlyMap<number, StepJson>;
  /** Name → the first step whose fact mentions it (only steps checked so far). */
  readonly firstMention: Map<string, number>;
  /** Witness name → the instantiation that introduced it and where. */
  readonly witnesses: Map<string, { key: string; n: number }>;
}
