/**
 * Batches: an input whose anchors say `extends` is a sequence of theories, each building on an
 * earlier one (docs/mpl-format.md, "Batches"). This file splits such an input into one theory
 * per anchor (its anchor's file, the files of the anchors it extends, and the files without an
 * anchor), orders them (a batch after the one it extends; siblings in file order) and links
 * each to the one it extends (mpl/batch-link.ts). An input without `extends` is one batch.
 */
import type { AnchorItem, Item, SourceFile } from "./ast.js";
import { type BatchLink, findLink, formatMapping } from "./batch-link.js";
import { withArticle } from "./builtins.js";
import { compileParsed, parseSources, type SourceText } from "./compile.js";
import {
  type Diagnostic,
  dedupeDiagnostics,
  diagnostic,
  hasErrors,
  type Location,
  nameAt,
  sortDiagnostics,
  where,
  whereIn,
} from "./diagnostics.js";
import type { Theory } from "./theory.js";

export interface Batch {
  /** The batch's name: its anchor's ("" for an input without an anchor). */
  readonly name: string;
  /** The batch it extends, or null for the first. */
  readonly extends: string | null;
  readonly theory: Theory;
  /** How the extended batch maps into this one; null for the first. */
  readonly link: BatchLink | null;
}

export interface BatchCompileResult {
  /** In run order; `null` when there is any error. */
  readonly batches: readonly Batch[] | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses and compiles a set of `.mpl` sources into its batches. */
export function compileBatchSources(files: readonly SourceText[]): BatchCompileResult {
  const { parsed, diagnostics, order } = parseSources(files);
  if (hasErrors(diagnostics)) return { batches: null, diagnostics: sortDiagnostics(diagnostics, order) };
  const r = compileParsedBatches(parsed, files);
  return { batches: r.batches, diagnostics: sortDiagnostics([...diagnostics, ...r.diagnostics], order) };
}

interface Declared {
  readonly item: AnchorItem;
  readonly file: number;
}

/** Whether parsed files declare batches (some anchor says `extends`). */
export const declaresBatches = (files: readonly SourceFile[]): boolean =>
  files.some((f) => f.items.some((i) => i.kind === "anchor" && i.extends !== null));

export function compileParsedBatches(
  files: readonly SourceFile[],
  sources: readonly SourceText[],
): BatchCompileResult {
  if (!declaresBatches(files)) {
    const r = compileParsed(files, sources);
    const batches = r.theory
      ? [{ name: r.theory.anchor?.name ?? "", extends: null, theory: r.theory, link: null }]
      : null;
    return { batches, diagnostics: r.diagnostics };
  }
  const out: Diagnostic[] = [];
  const anchors: Declared[] = [];
  files.forEach((f, file) => {
    const here = f.items.filter((i): i is AnchorItem => i.kind === "anchor");
    const [first, ...extra] = here;
    if (first !== undefined) anchors.push({ item: first, file });
    for (const a of extra)
      out.push(
        diagnostic("MPL124", nameAt(f.path, a.name), {
          name: a.name.text,
          first: first!.name.text,
          where: where(first!.name.span.start),
        }),
      );
  });
  const byName = new Map<string, Declared>();
  for (const a of anchors) {
    const known = byName.get(a.item.name.text);
    if (known === undefined) byName.set(a.item.name.text, a);
    else {
      const at = known.item.name.span.start;
      const w = known.file === a.file ? where(at) : whereIn(files[known.file]!.path, at);
      out.push(
        diagnostic("MPL112", nameAt(files[a.file]!.path, a.item.name), { name: a.item.name.text, where: w }),
      );
    }
  }
  const roots = anchors.filter((a) => a.item.extends === null);
  for (const extra of roots.slice(1)) {
    const at = roots[0]!.item.name.span.start;
    const w = roots[0]!.file === extra.file ? where(at) : whereIn(files[roots[0]!.file]!.path, at);
    out.push(
      diagnostic("MPL112", nameAt(files[extra.file]!.path, extra.item.name), {
        name: extra.item.name.text,
        where: w,
      }),
    );
  }
  const pathOf = (a: Declared) => files[a.file]!.path;
  for (const a of anchors) {
    const ex = a.item.extends;
    if (ex !== null && !byName.has(ex.name.text))
      out.push(diagnostic("MPL122", nameAt(pathOf(a), ex.name), { name: ex.name.text }));
  }
  // A cycle: following `extends` from an anchor comes back to it.
  const reported = new Set<string>();
  for (const a of anchors) {
    const chain: Declared[] = [];
    let at: Declared | undefined = a;
    while (at !== undefined && !chain.includes(at)) {
      chain.push(at);
      const ex: AnchorItem["extends"] = at.item.extends;
      at = ex === null ? undefined : byName.get(ex.name.text);
    }
    if (at === undefined || at !== a) continue;
    const names = chain.map((c) => c.item.name.text);
    const key = [...names].sort().join(",");
    if (reported.has(key)) continue;
    reported.add(key);
    const closing = chain[chain.length - 1]!;
    out.push(
      diagnostic("MPL123", nameAt(pathOf(closing), closing.item.extends!.name), {
        cycle: [...names, a.item.name.text].join(" extends "),
      }),
    );
  }
  const anchorFiles = new Set(anchors.map((a) => a.file));
  files.forEach((f, file) => {
    if (anchorFiles.has(file)) return;
    for (const i of f.items)
      if (i.kind === "conjecture")
        out.push(diagnostic("MPL126", nameAt(f.path, i.name), { name: i.name.text }));
  });
  if (hasErrors(out) || roots.length !== 1) return { batches: null, diagnostics: dedupeDiagnostics(out) };

  // Run order: depth first from the first batch, children in file order.
  const ordered: Declared[] = [];
  const visit = (a: Declared) => {
    ordered.push(a);
    for (const c of anchors.filter((x) => x.item.extends?.name.text === a.item.name.text)) visit(c);
  };
  visit(roots[0]!);

  const batches: Batch[] = [];
  const theories = new Map<string, Theory>();
  for (const a of ordered) {
    const chain = new Set<number>();
    for (let x: Declared | undefined = a; x !== undefined; ) {
      chain.add(x.file);
      const ex: AnchorItem["extends"] = x.item.extends;
      x = ex === null ? undefined : byName.get(ex.name.text);
    }
    const subset: SourceFile[] = [];
    const texts: SourceText[] = [];
    files.forEach((f, file) => {
      if (anchorFiles.has(file) && !chain.has(file)) return;
      const own = file === a.file;
      const items = f.items
        .filter((i) => i.kind === "definition" || own)
        .map((i): Item => (i.kind === "anchor" ? { ...i, extends: null } : i));
      subset.push({ path: f.path, items });
      const text = sources.find((s) => s.path === f.path);
      if (text !== undefined) texts.push(text);
    });
    const r = compileParsed(subset, texts);
    out.push(...r.diagnostics);
    if (r.theory === null) continue;
    theories.set(a.item.name.text, r.theory);
    const ex = a.item.extends;
    const earlier = ex === null ? undefined : theories.get(ex.name.text);
    let link: BatchLink | null = null;
    if (ex !== null && earlier !== undefined) {
      link = linkOf(earlier, r.theory, ex, pathOf(a), out);
      if (link === null) continue;
    }
    batches.push({ name: a.item.name.text, extends: ex?.name.text ?? null, theory: r.theory, link });
  }
  const diagnostics = dedupeDiagnostics(out);
  return { batches: hasErrors(diagnostics) ? null : batches, diagnostics };
}

/** Checks a written mapping's shape, then the link itself; reports at the `extends` clause. */
function linkOf(
  earlier: Theory,
  later: Theory,
  ex: NonNullable<AnchorItem["extends"]>,
  path: string,
  out: Diagnostic[],
): BatchLink | null {
  let declared: number[] | null = null;
  if (ex.args !== null) {
    const params = earlier.anchor!.params.map((k) => earlier.constants[k]!);
    if (ex.args.length !== params.length) {
      out.push(
        diagnostic("MPL102", nameAt(path, ex.name), {
          name: ex.name.text,
          expected: params.length,
          actual: ex.args.length,
        }),
      );
      return null;
    }
    declared = [];
    let ok = true;
    ex.args.forEach((arg, i) => {
      const target = later.constants.find((c) => c.name === arg.text);
      if (target === undefined) {
        out.push(diagnostic("MPL114", nameAt(path, arg), { name: arg.text, anchor: later.anchor!.name }));
        ok = false;
      } else if (target.type !== params[i]!.type) {
        out.push(
          diagnostic("MPL103", nameAt(path, arg), {
            name: arg.text,
            actual: withArticle(target.type),
            index: i + 1,
            pred: ex.name.text,
            expected: withArticle(params[i]!.type),
          }),
        );
        ok = false;
      } else declared!.push(target.id);
    });
    if (!ok) return null;
  }
  return reportLink(earlier, later, declared, nameAt(path, ex.name), out);
}

/** Finds or checks the link and reports a failure (MPL125) or an ambiguity (MPL127) at `at`. */
export function reportLink(
  earlier: Theory,
  later: Theory,
  declared: readonly number[] | null,
  at: Location,
  out: Diagnostic[],
): BatchLink | null {
  const found = findLink(earlier, later, declared);
  const [e, l] = [earlier.anchor!.name, later.anchor!.name];
  if (found.kind === "none") {
    const how = declared
      ? `under the mapping ${formatMapping(declared, earlier, later)}`
      : "under any mapping";
    out.push(diagnostic("MPL125", at, { later: l, earlier: e, how, detail: found.detail }));
    return null;
  }
  if (found.alternatives.length > 0)
    out.push(
      diagnostic("MPL127", at, {
        earlier: e,
        later: l,
        chosen: formatMapping(found.link.constants, earlier, later),
        others: found.alternatives.map((m) => formatMapping(m, earlier, later)).join("; "),
      }),
    );
  return found.link;
}
