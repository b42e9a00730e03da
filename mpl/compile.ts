/**
 * The MPL compiler: parsed files to the engine's `Theory` (mpl/theory.ts).
 *
 * Phases: collect items across files; check every body (names, arities, types, binders);
 * reject recursive definitions; resolve the anchor and its induction roles; then lower the
 * anchor, the conjectures and each definition to entities. Any error leaves `theory` null;
 * warnings do not.
 */
import type { AnchorItem, ConjectureItem, DefinitionItem, Formula, ParamType, SourceFile } from "./ast.js";
import { BUILTIN_BY_NAME, withArticle } from "./builtins.js";
import { checkDistinct, checkFormula, type Signature } from "./check.js";
import {
  type Diagnostic,
  dedupeDiagnostics,
  diagnostic,
  hasErrors,
  nameAt,
  sortDiagnostics,
  where,
  whereIn,
} from "./diagnostics.js";
import { reportLargeExpansions } from "./expansion-size.js";
import { type DefinitionInfo, isClauseName, Lowerer, MAX_EXPANSION_DEPTH, PredicateTable } from "./lower.js";
import { parseFile } from "./parse.js";
import { printFormula } from "./print.js";
import {
  type Anchor,
  type CompiledDefinition,
  type Conjecture,
  type Constant,
  constTerm,
  type Entity,
  type Roles,
  type Term,
  type Theory,
} from "./theory.js";

export interface SourceText {
  readonly path: string;
  readonly text: string;
}

export interface CompileResult {
  /** `null` when there is any error. */
  readonly theory: Theory | null;
  /** Errors and warnings in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Every file parsed, with the parse diagnostics; the caller compiles only when there is no error. */
export function parseSources(files: readonly SourceText[]): {
  parsed: SourceFile[];
  diagnostics: Diagnostic[];
  order: string[];
} {
  const parsed: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const r = parseFile(f.path, f.text);
    diagnostics.push(...r.diagnostics);
    if (r.file !== undefined) parsed.push(r.file);
  }
  return { parsed, diagnostics, order: files.map((f) => f.path) };
}

/** Parses and compiles a set of `.mpl` sources into one theory. */
export function compileSources(files: readonly SourceText[]): CompileResult {
  const { parsed, diagnostics, order } = parseSources(files);
  // Checking the rest of a theory whose files did not all parse only produces echoes.
  if (hasErrors(diagnostics)) return { theory: null, diagnostics: sortDiagnostics(diagnostics, order) };
  const compiled = compileParsed(parsed, files);
  return {
    theory: compiled.theory,
    diagnostics: sortDiagnostics([...diagnostics, ...compiled.diagnostics], order),
  };
}

interface Located<T> {
  readonly item: T;
  readonly path: string;
}

const ROLE_TYPES: readonly (readonly [keyof Roles, ParamType])[] = [
  ["carrier", "set"],
  ["zero", "element"],
  ["successor", "function"],
];

/** Compiles already parsed files (also used by the GL loaders, which build items directly). */
export function compileParsed(files: readonly SourceFile[], sources: readonly SourceText[]): CompileResult {
  const out: Diagnostic[] = [];
  const definitions = new Map<string, Located<DefinitionItem>>();
  const anchors: Located<AnchorItem>[] = [];
  const conjectures: Located<ConjectureItem>[] = [];

  for (const file of files) {
    for (const item of file.items) {
      const located = { item, path: file.path };
      switch (item.kind) {
        case "definition": {
          const name = item.name.text;
          const first = definitions.get(name);
          if (BUILTIN_BY_NAME.has(name)) {
            out.push(diagnostic("MPL109", nameAt(file.path, item.name), { name }));
          } else if (first !== undefined) {
            const at = first.item.name.span.start;
            const w = first.path === file.path ? where(at) : whereIn(first.path, at);
            out.push(diagnostic("MPL107", nameAt(file.path, item.name), { name, where: w }));
          } else {
            definitions.set(name, { item, path: file.path });
          }
          break;
        }
        case "anchor":
          anchors.push({ item, path: file.path });
          break;
        case "conjecture":
          conjectures.push(located as Located<ConjectureItem>);
          break;
      }
    }
  }

  // Batches (anchors that extend others) are split by mpl/batches.ts; a single theory has none.
  const extending = anchors.find((a) => a.item.extends !== null);
  if (extending !== undefined) {
    if (anchors.length > 1) {
      const second = anchors[1]!;
      out.push(
        diagnostic("MPL128", nameAt(second.path, second.item.name), {
          count: anchors.length,
          names: anchors.map((a) => a.item.name.text).join(", "),
        }),
      );
    } else
      out.push(
        diagnostic("MPL122", nameAt(extending.path, extending.item.extends!.name), {
          name: extending.item.extends!.name.text,
        }),
      );
    return { theory: null, diagnostics: dedupeDiagnostics(out) };
  }

  const lookup = (name: string): Signature | undefined => {
    const builtin = BUILTIN_BY_NAME.get(name);
    if (builtin !== undefined) return { name, paramTypes: builtin.argTypes, isDefinition: false };
    const def = definitions.get(name);
    return def === undefined
      ? undefined
      : { name, paramTypes: def.item.params.map((p) => p.type), isDefinition: true };
  };

  // Bodies: names, arities, types, binders; and the reference graph.
  const references = new Map<string, ReturnType<typeof checkFormula>>();
  for (const [name, { item, path }] of definitions) {
    checkDistinct(
      item.params.map((p) => p.name),
      "parameter list",
      path,
      out,
    );
    const target = { path, ownerDescription: `a parameter of '${name}'`, params: item.params };
    references.set(name, checkFormula(item.body, target, lookup, out));
  }
  reportCycles(definitions, references, out);

  const anchor = resolveAnchor(anchors, definitions, out);

  const infos = new Map<string, DefinitionInfo>();
  for (const [name, { item, path }] of definitions) {
    infos.set(name, {
      name,
      params: item.params.map((p) => ({ name: p.name.text, type: p.type })),
      body: item.body,
      path,
    });
  }
  const predicates = new PredicateTable();
  const lowerer = new Lowerer(infos, predicates, out);
  // A conjecture may name a definition's implication clause (`fold.imp4[…]`) as an atom.
  const conjectureLookup = (name: string): Signature | undefined => {
    const known = lookup(name);
    if (known !== undefined) return known;
    const types = lowerer.clauseTypes(name);
    return types === undefined ? undefined : { name, paramTypes: types, isDefinition: false };
  };

  const conjectureNames = new Map<string, Located<ConjectureItem>>();
  for (const c of conjectures) {
    const first = conjectureNames.get(c.item.name.text);
    if (first !== undefined) {
      const at = first.item.name.span.start;
      const w = first.path === c.path ? where(at) : whereIn(first.path, at);
      out.push(diagnostic("MPL116", nameAt(c.path, c.item.name), { name: c.item.name.text, where: w }));
    } else {
      conjectureNames.set(c.item.name.text, c);
    }
  }
  const firstConjecture = conjectures[0];
  if (anchors.length === 0 && firstConjecture !== undefined) {
    out.push(
      diagnostic("MPL110", nameAt(firstConjecture.path, firstConjecture.item.name), {
        name: firstConjecture.item.name.text,
      }),
    );
  }
  if (anchor !== null) {
    const target = {
      ownerDescription: `a parameter of the anchor '${anchor.def.item.name.text}'`,
      params: anchor.def.item.params,
    };
    for (const c of conjectures)
      checkFormula(c.item.body, { ...target, path: c.path }, conjectureLookup, out);
  }

  if (!hasErrors(out)) reportDeepExpansions(definitions, references, out);
  if (!hasErrors(out)) reportLargeExpansions(definitions, references, out);
  if (hasErrors(out)) return { theory: null, diagnostics: dedupeDiagnostics(out) };

  // Lowering.

  let theoryAnchor: Anchor | null = null;
  let constants: Constant[] = [];
  const compiledConjectures: Conjecture[] = [];
  if (anchor !== null) {
    const def = anchor.def;
    const paramNames = def.item.params.map((p) => p.name.text);
    constants = def.item.params.map((p, id) => ({ id, name: p.name.text, type: p.type }));
    const anchorName = def.item.name.text;
    const entities = lowerer.entities(
      def.item.body,
      paramNames,
      { kind: "anchor", name: anchorName },
      def.path,
      "A",
    );
    lowerer.reserved = paramNames;
    const all = [
      ...entities,
      ...definitionAxioms(lowerer, predicates, definitions, references, anchorName, entities),
    ];
    theoryAnchor = {
      name: anchorName,
      params: constants.map((c) => c.id),
      roles: anchor.roles,
      entities: all.map((e, i) => ({ ...e, id: `A${i + 1}` })),
    };
    const env = new Map<string, Term>(paramNames.map((n, i) => [n, constTerm(i)]));
    for (const { item, path } of conjectures) {
      const subject = { kind: "conjecture", name: item.name.text } as const;
      const lowered = lowerer.conjecture(item.body, env, subject, path);
      if (lowered === null) continue;
      const names = predicates.all();
      const clause = [...lowered.premises, lowered.head]
        .map((a) => names[a.pred]!.name)
        .find((n) => isClauseName(n) && !all.some((e) => e.origin.via === n));
      if (clause !== undefined) {
        out.push(diagnostic("MPL129", nameAt(path, item.name), { name: item.name.text, clause }));
        continue;
      }
      compiledConjectures.push({
        name: item.name.text,
        mpl: printFormula(item.body),
        ...lowered,
        source: { path, line: item.name.span.start.line, col: item.name.span.start.col },
      });
    }
  }

  const compiledDefinitions: CompiledDefinition[] = [];
  for (const [name, { item, path }] of definitions) {
    const params = item.params.map((p) => ({ name: p.name.text, type: p.type }));
    lowerer.reserved = params.map((p) => p.name);
    const entities = lowerer.entities(
      item.body,
      params.map((p) => p.name),
      { kind: "definition", name },
      path,
      `${name}#`,
    );
    entities.push(...lowerer.eliminations(`${name}#`, entities.length + 1));
    const uses = [...new Set((references.get(name) ?? []).map((r) => r.text))].sort();
    compiledDefinitions.push({
      name,
      params,
      mpl: printFormula(item.body),
      entities,
      uses,
      source: { path, line: item.name.span.start.line, col: item.name.span.start.col },
    });
  }

  const diagnostics = dedupeDiagnostics(out);
  if (hasErrors(diagnostics)) return { theory: null, diagnostics };
  const theory: Theory = {
    predicates: predicates.all(),
    constants,
    definitions: compiledDefinitions,
    anchor: theoryAnchor,
    conjectures: compiledConjectures,
    sources: sources.map((s) => ({ path: s.path, text: s.text })),
  };
  return { theory, diagnostics };
}

/**
 * The axioms of the definitions a fact can be about: every definition outside the anchor's
 * expansion (a conjecture may name it) and every definition whose predicate occurs in an axiom
 * (e.g. `fXY` inside `fold`'s body), with the elimination rules of the implications they use.
 * Depends on the sources' definitions only, never on the conjectures, so that the verifier's
 * recompilation gives the same axioms.
 */
function definitionAxioms(
  lowerer: Lowerer,
  predicates: PredicateTable,
  definitions: ReadonlyMap<string, Located<DefinitionItem>>,
  references: ReadonlyMap<string, ReturnType<typeof checkFormula>>,
  anchorName: string,
  anchorEntities: readonly Entity[],
): Entity[] {
  const expanded = new Set<string>([anchorName]);
  const stack = [anchorName];
  while (stack.length > 0) {
    for (const r of references.get(stack.pop() as string) ?? []) {
      if (!expanded.has(r.text) && definitions.has(r.text)) {
        expanded.add(r.text);
        stack.push(r.text);
      }
    }
  }
  const out: Entity[] = [];
  const done = new Set<string>();
  const pending = [...definitions.keys()].filter((d) => !expanded.has(d));
  const scan = (list: readonly Entity[]): void => {
    for (const e of list) {
      const atoms =
        e.kind === "fact"
          ? [e.atom]
          : e.kind === "rule"
            ? [...e.premises, e.head]
            : [...e.premises, ...e.body];
      for (const a of atoms) {
        const name = predicates.all()[a.pred]?.name;
        if (name !== undefined && name !== anchorName && definitions.has(name) && !done.has(name))
          pending.push(name);
      }
    }
  };
  scan(anchorEntities);
  for (;;) {
    const fresh: Entity[] = [];
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
      if (done.has(name)) continue;
      done.add(name);
      fresh.push(...lowerer.definitionAxioms(name));
    }
    fresh.push(...lowerer.eliminations("", 0));
    if (fresh.length === 0) break;
    out.push(...fresh);
    scan(fresh);
  }
  // Last, so that the ids of every other axiom stay as they were without them.
  for (const name of done) {
    const c = lowerer.comprehensionAxiom(name);
    if (c !== null) out.push(c);
  }
  return out;
}

/**
 * Reports each cycle of the reference graph once, at the reference that closes it. Iterative,
 * so that long chains of definitions cannot overflow the stack.
 */
function reportCycles(
  definitions: ReadonlyMap<string, Located<DefinitionItem>>,
  references: ReadonlyMap<string, ReturnType<typeof checkFormula>>,
  out: Diagnostic[],
): void {
  const state = new Map<string, "active" | "done">();
  for (const root of definitions.keys()) {
    if (state.has(root)) continue;
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, "active");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; next: number };
      const refs = references.get(top.name) ?? [];
      const ref = refs[top.next++];
      if (ref === undefined) {
        state.set(top.name, "done");
        stack.pop();
        continue;
      }
      const s = state.get(ref.text);
      if (s === "active") {
        const names = stack.map((f) => f.name);
        const cycle = abbreviate([...names.slice(names.indexOf(ref.text)), ref.text]).join(" > ");
        out.push(diagnostic("MPL108", nameAt(definitions.get(top.name)?.path ?? "", ref), { cycle }));
      } else if (s === undefined && definitions.has(ref.text)) {
        state.set(ref.text, "active");
        stack.push({ name: ref.text, next: 0 });
      }
    }
  }
}

/** Long chains keep their ends: `A > B > C > ... > Y > Z`. */
function abbreviate(names: readonly string[]): string[] {
  return names.length <= 8 ? [...names] : [...names.slice(0, 4), "...", ...names.slice(-3)];
}

/** Nesting depth of a formula (its own nodes, references not followed). */
function formulaDepth(f: Formula): number {
  switch (f.kind) {
    case "atom":
      return 1;
    case "not":
      return 1 + formulaDepth(f.body);
    case "and":
      return 1 + Math.max(formulaDepth(f.left), formulaDepth(f.right));
    case "implies":
      return 1 + Math.max(formulaDepth(f.premise), formulaDepth(f.conclusion));
  }
}

/**
 * Bounds how deep expansion can nest (a definition's depth plus the deepest definition it
 * references), so that lowering never runs into the stack limit. Reported once, at the
 * definitions where the bound is first crossed. Needs an acyclic reference graph.
 */
function reportDeepExpansions(
  definitions: ReadonlyMap<string, Located<DefinitionItem>>,
  references: ReadonlyMap<string, ReturnType<typeof checkFormula>>,
  out: Diagnostic[],
): void {
  const depth = new Map<string, number>();
  for (const root of definitions.keys()) {
    const stack = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1] as string;
      if (depth.has(name)) {
        stack.pop();
        continue;
      }
      const refs = (references.get(name) ?? []).map((r) => r.text).filter((r) => definitions.has(r));
      const pending = refs.filter((r) => !depth.has(r));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      const def = definitions.get(name);
      const own = def === undefined ? 0 : formulaDepth(def.item.body);
      const inner = refs.map((r) => depth.get(r) ?? 0);
      depth.set(name, own + Math.max(0, ...inner));
      if (
        def !== undefined &&
        own + Math.max(0, ...inner) > MAX_EXPANSION_DEPTH &&
        inner.every((d) => d <= MAX_EXPANSION_DEPTH)
      ) {
        out.push(diagnostic("MPL120", nameAt(def.path, def.item.name), { limit: MAX_EXPANSION_DEPTH }));
      }
    }
  }
}

interface ResolvedAnchor {
  readonly def: Located<DefinitionItem>;
  readonly roles: Roles | null;
}

function resolveAnchor(
  anchors: readonly Located<AnchorItem>[],
  definitions: ReadonlyMap<string, Located<DefinitionItem>>,
  out: Diagnostic[],
): ResolvedAnchor | null {
  const first = anchors[0];
  if (first === undefined) return null;
  for (const extra of anchors.slice(1)) {
    const at = first.item.name.span.start;
    const w = first.path === extra.path ? where(at) : whereIn(first.path, at);
    out.push(
      diagnostic("MPL112", nameAt(extra.path, extra.item.name), { name: extra.item.name.text, where: w }),
    );
  }
  const { item, path } = first;
  const def = definitions.get(item.name.text);
  if (def === undefined) {
    out.push(diagnostic("MPL111", nameAt(path, item.name), { name: item.name.text }));
    return null;
  }
  if (item.roles === null) return { def, roles: null };
  const params = def.item.params;
  const roles: Partial<Record<keyof Roles, number>> = {};
  for (const [role, type] of ROLE_TYPES) {
    const value = item.roles[role];
    const index = params.findIndex((p) => p.name.text === value.text);
    const param = params[index];
    if (param === undefined) {
      out.push(diagnostic("MPL114", nameAt(path, value), { name: value.text, anchor: item.name.text }));
    } else if (param.type !== type) {
      out.push(
        diagnostic("MPL113", nameAt(path, value), {
          role,
          expected: withArticle(type),
          name: value.text,
          actual: withArticle(param.type),
        }),
      );
    } else {
      roles[role] = index;
    }
  }
  const { carrier, zero, successor } = roles;
  if (carrier === undefined || zero === undefined || successor === undefined) return { def, roles: null };
  return { def, roles: { carrier, zero, successor } };
}
