/**
 * The MPL abstract syntax tree: what the parser yields and the printer consumes.
 *
 * Formula bodies use the reference system's syntax verbatim (atoms with bracketed argument
 * lists, `!`, `(&A B)`, `(>[vars]A B)`). Nodes are immutable plain data; every node carries
 * the source span it came from so later phases can report `file:line:col`.
 */

/** A position in a source file: 1-based line and column, 0-based character offset. */
export interface Pos {
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

/** A name as written in the source (a variable, parameter or predicate) with its span. */
export interface Name {
  readonly text: string;
  readonly span: Span;
}

export type Formula = AtomFormula | NotFormula | AndFormula | ImpliesFormula;

/** `(name[a,b,c])`: a built-in relation (`in`, `in2`, `in3`, `=`) or a reference to a definition. */
export interface AtomFormula {
  readonly kind: "atom";
  readonly name: Name;
  readonly args: readonly Name[];
  readonly span: Span;
}

/** `!F` or `(!F)`. `parenthesised` only records which spelling was used, for the printer. */
export interface NotFormula {
  readonly kind: "not";
  readonly body: Formula;
  readonly parenthesised: boolean;
  readonly span: Span;
}

/** `(&A B)`: binary conjunction (nesting gives n-ary). */
export interface AndFormula {
  readonly kind: "and";
  readonly left: Formula;
  readonly right: Formula;
  readonly span: Span;
}

/** `(>[x,y]A B)`: for all x, y: A implies B. An empty variable list is a plain implication. */
export interface ImpliesFormula {
  readonly kind: "implies";
  readonly vars: readonly Name[];
  readonly premise: Formula;
  readonly conclusion: Formula;
  readonly span: Span;
}

/** Parameter and argument types, as in the reference system's "definition sets". */
export type ParamType = "element" | "set" | "function" | "operation";

export interface ParamDecl {
  readonly name: Name;
  readonly type: ParamType;
}

/** The three roles induction needs; they come from declarations, never from names. */
export interface InductionRoles {
  readonly carrier: Name;
  readonly zero: Name;
  readonly successor: Name;
}

/** One top-level item of an `.mpl` file. */
export type Item = DefinitionItem | AnchorItem | ConjectureItem;

/** `definition Name[p: type, ...] := formula` */
export interface DefinitionItem {
  readonly kind: "definition";
  readonly name: Name;
  readonly params: readonly ParamDecl[];
  readonly body: Formula;
  readonly span: Span;
}

/** `anchor Name (carrier N, zero i0, successor s)`: the axiom bundle a theory is about. */
export interface AnchorItem {
  readonly kind: "anchor";
  readonly name: Name;
  readonly roles: InductionRoles | null;
  /** `extends Earlier` or `extends Earlier[p1,…]`: this anchor is a later batch of `Earlier`. */
  readonly extends: ExtendsClause | null;
  readonly span: Span;
}

/**
 * The earlier batch an anchor builds on; `args` (null when not written) map the earlier
 * anchor's parameters, in order, to parameters of this one.
 */
export interface ExtendsClause {
  readonly name: Name;
  readonly args: readonly Name[] | null;
}

/** `conjecture name := formula`; free names in the formula are the anchor's parameters. */
export interface ConjectureItem {
  readonly kind: "conjecture";
  readonly name: Name;
  readonly body: Formula;
  readonly span: Span;
}

export interface SourceFile {
  readonly path: string;
  readonly items: readonly Item[];
}
