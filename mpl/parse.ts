/**
 * The MPL parser: text in, typed AST (mpl/ast.ts) or positioned diagnostics out.
 *
 * A file is split into items at the keywords `definition`, `anchor` and `conjecture` (outside
 * any parentheses) and each item is parsed on its own, so one broken item does not hide the
 * errors of the others. nearley reports failures with a dump of its parse table; we instead
 * report the offending token and the terminals the parser would have accepted there.
 */
import nearley from "nearley";
import type {
  AnchorItem,
  DefinitionItem,
  Formula,
  InductionRoles,
  Item,
  Name,
  ParamType,
  Pos,
  SourceFile,
} from "./ast.js";
import { type Diagnostic, diagnostic, hasErrors, nameAt } from "./diagnostics.js";
import compiledGrammar from "./grammar.generated.js";
import type { RawAnchor, RawDefinition, RawItem } from "./grammar-actions.js";
import { endOf, START, type Token, tokenize } from "./lexer.js";

const { Grammar, Parser } = nearley;

const itemGrammar = Grammar.fromCompiled(compiledGrammar);
const formulaGrammar = Grammar.fromCompiled(compiledGrammar);
formulaGrammar.start = "formula";

export const KEYWORDS: ReadonlySet<string> = new Set(["definition", "anchor", "conjecture"]);
const ITEM_START = "'anchor', 'conjecture' or 'definition'";

export interface ParseFileResult {
  /** Present exactly when there are no errors. */
  readonly file?: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseFormulaResult {
  /** Present exactly when there are no errors. */
  readonly formula?: Formula;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses an `.mpl` file. */
export function parseFile(path: string, text: string): ParseFileResult {
  const lexed = tokenize(text, path);
  if (lexed.diagnostics.length > 0) return { diagnostics: lexed.diagnostics };
  if (lexed.tokens.length === 0) {
    return {
      diagnostics: [
        diagnostic(
          "MPL002",
          { path, line: 1, col: 1 },
          { what: "the file holds no definition, anchor or conjecture" },
        ),
      ],
    };
  }
  const items: Item[] = [];
  const diagnostics: Diagnostic[] = [];
  const chunks = splitItems(lexed.tokens);
  chunks.forEach((chunk, i) => {
    const next = chunks[i + 1]?.[0];
    const raw = runParser<RawItem>(itemGrammar, chunk, path, next, ITEM_START);
    if ("diagnostic" in raw) {
      diagnostics.push(raw.diagnostic);
      return;
    }
    const item = validateItem(raw.value, path, diagnostics);
    if (item !== null) items.push(item);
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  return { file: { path, items }, diagnostics };
}

/**
 * Parses one bare formula (GL's definition files, conjecture lines). `base` is where `text`
 * starts inside its file, so that positions refer to the whole file.
 */
export function parseFormula(text: string, path = "<formula>", base: Pos = START): ParseFormulaResult {
  const lexed = tokenize(text, path, base);
  if (lexed.diagnostics.length > 0) return { diagnostics: lexed.diagnostics };
  if (lexed.tokens.length === 0) {
    return {
      diagnostics: [
        diagnostic(
          "MPL002",
          { path, line: base.line, col: base.col },
          { what: "the input holds no formula" },
        ),
      ],
    };
  }
  const r = runParser<Formula>(formulaGrammar, lexed.tokens, path, undefined, "end of input");
  return "diagnostic" in r ? { diagnostics: [r.diagnostic] } : { formula: r.value, diagnostics: [] };
}

/** Cuts the token stream before each item keyword that sits outside all brackets. */
function splitItems(tokens: readonly Token[]): Token[][] {
  const chunks: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  let previous: Token | undefined;
  for (const t of tokens) {
    const startsItem =
      depth === 0 &&
      t.type === "name" &&
      KEYWORDS.has(t.text) &&
      !(previous !== undefined && previous.type === "name" && KEYWORDS.has(previous.text));
    if (startsItem && current.length > 0) {
      chunks.push(current);
      current = [];
    }
    current.push(t);
    if (t.type === "lparen" || t.type === "lbrack") depth++;
    else if (t.type === "rparen" || t.type === "rbrack") depth--;
    previous = t;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Feeds nearley a pre-lexed token list instead of text. */
class TokenFeed {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  reset(): void {}
  next(): Token | undefined {
    return this.tokens[this.index++];
  }
  save(): Record<string, never> {
    return {};
  }
  formatError(): string {
    return "syntax error";
  }
  has(type: string): boolean {
    return type === "name";
  }
}

/** The parts of nearley's parser state that its type definitions leave out. */
interface ParserInternals {
  table: { scannable: { rule: { symbols: unknown[] }; dot: number }[] }[];
  current: number;
  reportError: () => string;
  reportLexerError: () => string;
}

/** A parse, with the number of parses found (always 1 for our unambiguous grammar). */
type ParserOutcome<T> = { readonly value: T; readonly count: number } | { readonly diagnostic: Diagnostic };

function runParser<T>(
  grammar: nearley.Grammar,
  tokens: readonly Token[],
  path: string,
  following: Token | undefined,
  whenNothingExpected: string,
): ParserOutcome<T> {
  const parser = new Parser(grammar, { lexer: new TokenFeed(tokens) });
  const internals = parser as unknown as ParserInternals;
  // nearley's own messages dump its parse table, which is slow and not for users.
  internals.reportError = () => "syntax error";
  internals.reportLexerError = () => "syntax error";
  try {
    parser.feed("");
  } catch {
    const bad = tokens[internals.current];
    const exp = expected(internals, whenNothingExpected);
    if (bad === undefined) throw new Error("nearley failed without an offending token");
    return { diagnostic: diagnostic("MPL008", at(path, bad), { found: quote(bad.text), expected: exp }) };
  }
  const results = parser.results as T[];
  if (results.length === 0) {
    const exp = expected(internals, whenNothingExpected);
    if (following !== undefined) {
      return {
        diagnostic: diagnostic("MPL008", at(path, following), {
          found: quote(following.text),
          expected: exp,
        }),
      };
    }
    const last = tokens[tokens.length - 1];
    if (last === undefined) throw new Error("runParser needs at least one token");
    const end = endOf(last);
    return { diagnostic: diagnostic("MPL009", { path, line: end.line, col: end.col }, { expected: exp }) };
  }
  // The grammar is unambiguous; tests assert one parse for every fixture (`parseCounts`).
  return { value: results[0] as T, count: results.length };
}

/**
 * How many parses nearley found for each item of a file (each must be 1), for tests that
 * guard the grammar against ambiguity. Items that fail to parse are left out.
 */
export function parseCounts(path: string, text: string): number[] {
  const lexed = tokenize(text, path);
  const counts: number[] = [];
  for (const chunk of splitItems(lexed.tokens)) {
    const r = runParser<RawItem>(itemGrammar, chunk, path, undefined, ITEM_START);
    if ("count" in r) counts.push(r.count);
  }
  return counts;
}

/** How many parses nearley found for a bare formula (0 if it does not parse). */
export function formulaParseCount(text: string): number {
  const lexed = tokenize(text, "<formula>");
  const r = runParser<Formula>(formulaGrammar, lexed.tokens, "<formula>", undefined, "end of input");
  return "count" in r ? r.count : 0;
}

const at = (path: string, t: Token) => ({ path, line: t.line, col: t.col });
const quote = (text: string): string => `'${text}'`;

/** The terminals acceptable at the parser's current column, for "expected ..." messages. */
function expected(p: ParserInternals, whenNothingExpected: string): string {
  const column = p.table[p.current];
  const seen = new Set<string>();
  for (const state of column?.scannable ?? []) {
    const sym = state.rule.symbols[state.dot];
    if (typeof sym !== "object" || sym === null) continue;
    if ("literal" in sym) seen.add(quote(String(sym.literal)));
    else if ("type" in sym) seen.add("a name");
  }
  const all = [...seen].sort();
  if (all.length === 0) return whenNothingExpected;
  return oneOf(all);
}

export function oneOf(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? "";
  return `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;
}

const TYPES: ReadonlySet<string> = new Set<ParamType>(["element", "set", "function", "operation"]);
const ROLES = ["carrier", "zero", "successor"] as const;

/** Checks what the grammar leaves open: type names and the anchor's role list. */
function validateItem(raw: RawItem, path: string, out: Diagnostic[]): Item | null {
  switch (raw.kind) {
    case "conjecture":
      return raw;
    case "definition":
      return validateDefinition(raw, path, out);
    case "anchor":
      return validateAnchor(raw, path, out);
  }
}

function validateDefinition(raw: RawDefinition, path: string, out: Diagnostic[]): DefinitionItem | null {
  let ok = true;
  const params = raw.params.map((p) => {
    if (!TYPES.has(p.type.text)) {
      out.push(diagnostic("MPL010", nameAt(path, p.type), { name: p.type.text }));
      ok = false;
    }
    return { name: p.name, type: p.type.text as ParamType };
  });
  return ok ? { kind: "definition", name: raw.name, params, body: raw.body, span: raw.span } : null;
}

function validateAnchor(raw: RawAnchor, path: string, out: Diagnostic[]): AnchorItem | null {
  if (raw.roles === null)
    return { kind: "anchor", name: raw.name, roles: null, extends: raw.extends, span: raw.span };
  const given = new Map<string, Name>();
  let ok = true;
  for (const r of raw.roles) {
    if (!(ROLES as readonly string[]).includes(r.role.text)) {
      out.push(diagnostic("MPL011", nameAt(path, r.role), { name: r.role.text }));
      ok = false;
    } else if (given.has(r.role.text)) {
      out.push(diagnostic("MPL012", nameAt(path, r.role), { name: r.role.text }));
      ok = false;
    } else {
      given.set(r.role.text, r.value);
    }
  }
  const [carrier, zero, successor] = ROLES.map((r) => given.get(r));
  if (ok) {
    for (const r of ROLES) {
      if (!given.has(r)) {
        out.push(diagnostic("MPL013", nameAt(path, raw.name), { anchor: raw.name.text, name: r }));
        ok = false;
      }
    }
  }
  if (!ok || carrier === undefined || zero === undefined || successor === undefined) return null;
  const roles: InductionRoles = { carrier, zero, successor };
  return { kind: "anchor", name: raw.name, roles, extends: raw.extends, span: raw.span };
}
