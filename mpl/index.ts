/**
 * The MPL front end's public API: parse, print, compile, load (our `.mpl` files and GL's
 * folders), and diagnostics. The AST and compiled-theory types are re-exported as types.
 */
export type * from "./ast.js";
export { type BatchLink, entityKey, findLink, formatEntity, formatMapping, mapAtom } from "./batch-link.js";
export {
  type Batch,
  type BatchCompileResult,
  compileBatchSources,
  compileParsedBatches,
  declaresBatches,
  reportLink,
} from "./batches.js";
export { BUILTIN_PREDICATES } from "./builtins.js";
export { type CompileResult, compileParsed, compileSources, type SourceText } from "./compile.js";
export {
  CATALOGUE,
  type Diagnostic,
  type DiagnosticCode,
  hasErrors,
  renderDiagnostic,
  type Severity,
} from "./diagnostics.js";
export { anchorJson, type ConstantJson, entityJson, linkJson, patternJson } from "./entity-json.js";
export {
  GL_CONJECTURE_FILES,
  type GlConjectureLines,
  type GlLoadOptions,
  type GlLoadResult,
  type GlParam,
  type GlSignature,
  inferRoles,
  loadGlFolder,
  loadGlFolderWithSignatures,
  loadGlTexts,
  parseGlConjectureLines,
} from "./gl.js";
export { MAX_NESTING } from "./lexer.js";
export { type BatchLoadResult, type LoadResult, loadBatchPaths, loadPaths } from "./load.js";
export { type ParseFileResult, type ParseFormulaResult, parseFile, parseFormula } from "./parse.js";
export { type PrintOptions, printFile, printFormula, printItem } from "./print.js";
export { decodeUtf8, readSource } from "./source.js";
export type * from "./theory.js";
export { constOfTerm, constTerm, isConstTerm } from "./theory.js";
