/**
 * The MPL lexer: a moo tokenizer plus a pre-pass that nearley cannot do for us.
 *
 * The pre-pass drops whitespace and comments, turns stray characters into positioned errors,
 * checks that parentheses and brackets balance (pointing at the culprit instead of at the end
 * of input), and caps formula nesting so that no later recursive walk can overflow the stack.
 */
import moo from "moo";
import type { Pos } from "./ast.js";
import { type Diagnostic, diagnostic, where } from "./diagnostics.js";

/**
 * Names are runs of letters, digits and the symbols GL uses for operations (`+`, `*`, `=`, ...).
 * A `-` belongs to a name unless it starts a `--` comment.
 */
const NAME_CHAR = "[A-Za-z0-9_+*=<^~'%|?@#$./]";

export const lexer = moo.compile({
  // Single-character literals first: moo then matches them by table lookup, not by regex.
  lparen: "(",
  rparen: ")",
  lbrack: "[",
  rbrack: "]",
  comma: ",",
  bang: "!",
  amp: "&",
  gt: ">",
  ws: { match: /[ \t\r\n\f\v]+/, lineBreaks: true },
  comment: /--[^\n]*/,
  assign: ":=",
  colon: ":",
  name: new RegExp(`${NAME_CHAR}+(?:-(?!-)${NAME_CHAR}*)*|-(?!-)${NAME_CHAR}*(?:-(?!-)${NAME_CHAR}*)*`),
  invalid: { match: /[\s\S]/, lineBreaks: true },
});

export type Token = moo.Token;

/** Deeper formulas are rejected up front; every later phase may then recurse freely. */
export const MAX_NESTING = 1000;

export const START: Pos = { line: 1, col: 1, offset: 0 };

export const startOf = (t: Token): Pos => ({ line: t.line, col: t.col, offset: t.offset });

/** The position just after a token (tokens other than whitespace never span lines). */
export const endOf = (t: Token): Pos => ({
  line: t.line,
  col: t.col + t.text.length,
  offset: t.offset + t.text.length,
});

export interface TokenizeResult {
  readonly tokens: readonly Token[];
  readonly diagnostics: readonly Diagnostic[];
}

const CLOSER: Readonly<Record<string, string>> = { "(": ")", "[": "]" };

/**
 * Tokenizes `text` as if it started at `base` (for a line cut out of a larger file), stopping
 * at the first lexical error: later errors would mostly be echoes of it.
 */
export function tokenize(text: string, path: string, base: Pos = START): TokenizeResult {
  lexer.reset(text, { line: base.line, col: base.col, state: "start" });
  const tokens: Token[] = [];
  const open: { tok: Token; weight: number }[] = [];
  let depth = 0;
  let pendingBangs = 0;
  const fail = (d: Diagnostic): TokenizeResult => ({ tokens, diagnostics: [d] });
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    if (t.type === "ws" || t.type === "comment") continue;
    // moo makes a fresh object per token, so shifting its offset in place is safe.
    if (base.offset !== 0) t.offset += base.offset;
    const tok = t;
    const at = { path, line: tok.line, col: tok.col };
    switch (tok.type) {
      case "invalid":
        return fail(diagnostic("MPL004", at, { char: describeChar(text, t.offset) }));
      case "lparen":
      case "lbrack": {
        // A `!` nests the formula that follows it, so pending bangs count towards depth.
        const weight = pendingBangs + 1;
        pendingBangs = 0;
        depth += weight;
        if (depth > MAX_NESTING) return fail(diagnostic("MPL003", at, { limit: MAX_NESTING }));
        open.push({ tok, weight });
        break;
      }
      case "rparen":
      case "rbrack": {
        pendingBangs = 0;
        const top = open.pop();
        if (top === undefined) {
          return fail(diagnostic("MPL005", at, { close: tok.text, open: tok.text === ")" ? "(" : "[" }));
        }
        if (CLOSER[top.tok.text] !== tok.text) {
          return fail(
            diagnostic("MPL006", at, { close: tok.text, open: top.tok.text, where: where(top.tok) }),
          );
        }
        depth -= top.weight;
        break;
      }
      case "bang":
        // `(!F)` is one node: a `!` right after `(` adds no level of its own.
        if (tokens[tokens.length - 1]?.type !== "lparen") pendingBangs++;
        if (depth + pendingBangs > MAX_NESTING) return fail(diagnostic("MPL003", at, { limit: MAX_NESTING }));
        break;
      default:
        pendingBangs = 0;
    }
    tokens.push(tok);
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    const t = unclosed.tok;
    return fail(diagnostic("MPL007", { path, line: t.line, col: t.col }, { open: t.text }));
  }
  return { tokens, diagnostics: [] };
}

/** A character for a message: quoted if printable, as a code point otherwise. */
function describeChar(text: string, offset: number): string {
  const cp = text.codePointAt(offset) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) return hex;
  return `'${String.fromCodePoint(cp)}' (${hex})`;
}
