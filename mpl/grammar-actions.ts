/**
 * Postprocessors for the nearley grammar (`grammar.ne`): they turn matched tokens into AST
 * nodes with spans. nearley calls them on every completed state, so they stay pure and
 * cheap; validation that can fail (type names, role lists) happens later in `parse.ts` on the
 * raw items built here.
 */
import type {
  AndFormula,
  AtomFormula,
  ConjectureItem,
  ExtendsClause,
  Formula,
  ImpliesFormula,
  Name,
  NotFormula,
  Span,
} from "./ast.js";
import { endOf, startOf, type Token } from "./lexer.js";

export interface RawParam {
  readonly name: Name;
  readonly type: Name;
}

export interface RawRole {
  readonly role: Name;
  readonly value: Name;
}

export interface RawDefinition {
  readonly kind: "definition";
  readonly name: Name;
  readonly params: readonly RawParam[];
  readonly body: Formula;
  readonly span: Span;
}

export interface RawAnchor {
  readonly kind: "anchor";
  readonly name: Name;
  /** `null` when the anchor has no role list. */
  readonly roles: readonly RawRole[] | null;
  readonly extends: ExtendsClause | null;
  readonly span: Span;
}

export type RawItem = RawDefinition | RawAnchor | ConjectureItem;

// nearley hands postprocessors untyped arrays; these accessors document what sits where.
type Data = readonly unknown[];
const tok = (d: Data, i: number): Token => d[i] as Token;
const formula = (d: Data, i: number): Formula => d[i] as Formula;

const tokSpan = (t: Token): Span => ({ start: startOf(t), end: endOf(t) });
const span = (first: Token, last: Token | { readonly span: Span }): Span => ({
  start: startOf(first),
  end: "span" in last ? last.span.end : endOf(last),
});

export const name = (d: Data): Name => {
  const t = tok(d, 0);
  return { text: t.text, span: tokSpan(t) };
};

/** `x ("," x):*` → `[x, ...]` */
export const list = <T>(d: Data): T[] => [d[0] as T, ...(d[1] as [unknown, T][]).map((pair) => pair[1])];

export const empty = (): never[] => [];

export const atom = (d: Data): AtomFormula => ({
  kind: "atom",
  name: d[1] as Name,
  args: d[3] as Name[],
  span: span(tok(d, 0), tok(d, 5)),
});

export const not = (d: Data): NotFormula => {
  const body = formula(d, 1);
  return { kind: "not", body, parenthesised: false, span: span(tok(d, 0), body) };
};

export const notParenthesised = (d: Data): NotFormula => ({
  kind: "not",
  body: formula(d, 2),
  parenthesised: true,
  span: span(tok(d, 0), tok(d, 3)),
});

export const and = (d: Data): AndFormula => ({
  kind: "and",
  left: formula(d, 2),
  right: formula(d, 3),
  span: span(tok(d, 0), tok(d, 4)),
});

export const implies = (d: Data): ImpliesFormula => ({
  kind: "implies",
  vars: d[3] as Name[],
  premise: formula(d, 5),
  conclusion: formula(d, 6),
  span: span(tok(d, 0), tok(d, 7)),
});

export const param = (d: Data): RawParam => ({ name: d[0] as Name, type: d[2] as Name });

export const role = (d: Data): RawRole => ({ role: d[0] as Name, value: d[1] as Name });

export const roles = (d: Data): RawRole[] => list<RawRole>(d.slice(1, 3));

export const definition = (d: Data): RawDefinition => {
  const body = formula(d, 6);
  return {
    kind: "definition",
    name: d[1] as Name,
    params: d[3] as RawParam[],
    body,
    span: span(tok(d, 0), body),
  };
};

export const conjecture = (d: Data): ConjectureItem => {
  const body = formula(d, 3);
  return { kind: "conjecture", name: d[1] as Name, body, span: span(tok(d, 0), body) };
};

export const anchor = (d: Data): RawAnchor => {
  const nm = d[1] as Name;
  const rs = d[2] as { readonly roles: RawRole[]; readonly close: Token } | null;
  const ex = d[3] as { readonly clause: ExtendsClause; readonly end: Span["end"] } | null;
  const end = ex !== null ? ex.end : rs === null ? nm.span.end : endOf(rs.close);
  return {
    kind: "anchor",
    name: nm,
    roles: rs === null ? null : rs.roles,
    extends: ex === null ? null : ex.clause,
    span: { start: startOf(tok(d, 0)), end },
  };
};

/** `extends Earlier`. */
export const extendsPlain = (d: Data): { clause: ExtendsClause; end: Span["end"] } => {
  const nm = d[1] as Name;
  return { clause: { name: nm, args: null }, end: nm.span.end };
};

/** `extends Earlier[p1,…]`: the closing bracket ends the anchor's span. */
export const extendsMapped = (d: Data): { clause: ExtendsClause; end: Span["end"] } => ({
  clause: { name: d[1] as Name, args: d[3] as Name[] },
  end: endOf(tok(d, 4)),
});

/** The role list keeps its closing parenthesis so the anchor's span can end there. */
export const roleList = (d: Data): { roles: RawRole[]; close: Token } => ({
  roles: roles(d),
  close: tok(d, 3),
});
