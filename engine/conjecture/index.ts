/**
 * Discovery's conjecturer: proposes equations between terms over the anchor's operations as
 * relational premise chains, normalised and de-duplicated (`enumerate.ts`), and drops those a
 * finite ground model refutes (`filter.ts`). docs/discovery.md describes the shapes, the normal
 * form, the mirror and every filter.
 *
 * Modules: settings (limits and switches), signature (operations and constants read off the
 * theory), term (hash-consed terms), relational (equation → chain, shape checks), canonical
 * (normal form and key), render (naming and MPL text), mirror, enumerate, filter, instances (survivors that are
 * instances of other survivors).
 */
export { canonicalKey } from "./canonical.js";
export {
  type ConjectureEnumeration,
  type ConjectureStats,
  type EquationReason,
  enumerateConjectures,
  type SideLimit,
} from "./enumerate.js";
export { type FilterResult, filterCandidates, type GroundModel, type Refutation } from "./filter.js";
export { dropInstancesOfSurvivors, type InstanceDrop, type InstanceSplit } from "./instances.js";
export { mirrorOf } from "./mirror.js";
export { DISCOVERY_SOURCE } from "./render.js";
export {
  type ConjectureSettings,
  DEFAULT_CONJECTURE_SETTINGS,
  resolveConjectureSettings,
} from "./settings.js";
