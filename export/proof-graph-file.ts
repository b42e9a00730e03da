/**
 * Reading a proof-graph JSON file for the tools that consume it (the HTML export, the command
 * line): checks the schema name and version, and the shape of every field those tools read,
 * so that a wrong or damaged file gives one clear message instead of a crash later on. It does
 * not check that proofs are right; that is the verifier's job.
 */
import { readInputFile } from "./read-input.js";
import { PROOF_SCHEMA, PROOF_SCHEMA_VERSION, type ProofGraph } from "./schema.js";

/** The file cannot be used: unreadable, not JSON, another schema or version, or malformed. */
export class ProofGraphInputError extends Error {
  override name = "ProofGraphInputError";
}

type Json = unknown;

class Shape {
  constructor(private readonly source: string) {}

  fail(path: string, what: string): never {
    throw new ProofGraphInputError(`${this.source}: ${path} ${what}`);
  }

  object(v: Json, path: string): Record<string, Json> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, "must be an object");
    return v as Record<string, Json>;
  }

  array(v: Json, path: string): Json[] {
    if (!Array.isArray(v)) this.fail(path, "must be an array");
    return v;
  }

  string(v: Json, path: string): string {
    if (typeof v !== "string") this.fail(path, "must be a string");
    return v;
  }

  number(v: Json, path: string): number {
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(path, "must be a number");
    return v;
  }

  strings(v: Json, path: string): void {
    for (const [i, x] of this.array(v, path).entries()) this.string(x, `${path}[${i}]`);
  }

  numbers(v: Json, path: string): void {
    for (const [i, x] of this.array(v, path).entries()) this.number(x, `${path}[${i}]`);
  }

  optional(o: Record<string, Json>, key: string, path: string, check: (v: Json, p: string) => void): void {
    if (o[key] !== undefined) check(o[key], `${path}.${key}`);
  }

  atom(v: Json, path: string): void {
    const o = this.object(v, path);
    this.string(o.pred, `${path}.pred`);
    this.strings(o.args, `${path}.args`);
  }

  atoms(v: Json, path: string): void {
    for (const [i, a] of this.array(v, path).entries()) this.atom(a, `${path}[${i}]`);
  }

  statement(v: Json, path: string): void {
    const o = this.object(v, path);
    this.strings(o.vars, `${path}.vars`);
    this.atoms(o.premises, `${path}.premises`);
    this.atom(o.head, `${path}.head`);
  }

  entity(v: Json, path: string): void {
    const o = this.object(v, path);
    this.string(o.id, `${path}.id`);
    const kind = this.string(o.kind, `${path}.kind`);
    if (kind !== "fact" && kind !== "rule" && kind !== "exists")
      this.fail(`${path}.kind`, "must be fact, rule or exists");
    this.strings(o.vars, `${path}.vars`);
    this.atoms(o.premises, `${path}.premises`);
    this.optional(o, "head", path, (x, p) => this.atom(x, p));
    this.optional(o, "witnesses", path, (x, p) => this.strings(x, p));
    this.optional(o, "body", path, (x, p) => this.atoms(x, p));
    const origin = this.object(o.origin, `${path}.origin`);
    this.string(origin.definition, `${path}.origin.definition`);
    this.string(origin.via, `${path}.origin.via`);
  }

  nullableString(v: Json, path: string): void {
    if (v !== null) this.string(v, path);
  }
}

const STEP_KINDS = new Set([
  "premise",
  "axiom",
  "rule",
  "definition",
  "theorem",
  "hypothesis",
  "witness",
  "comprehension",
  "succ",
  "refl",
  "eq-symm",
  "eq-trans",
  "eq-subst",
  "assume",
  "contradiction",
  "suppose",
  "intro",
]);
const SECTIONS = new Set(["main", "base", "step"]);
const METHODS = new Set(["direct", "induction", "contradiction"]);

function checkTheorem(s: Shape, v: Json, path: string): void {
  const t = s.object(v, path);
  s.string(t.id, `${path}.id`);
  s.nullableString(t.name, `${path}.name`);
  s.statement(t.statement, `${path}.statement`);
  s.string(t.mpl, `${path}.mpl`);
  s.string(t.readable, `${path}.readable`);
  if (!METHODS.has(s.string(t.method, `${path}.method`))) s.fail(`${path}.method`, "is not a known method");
  s.optional(t, "induction", path, (x, p) => {
    const ind = s.object(x, p);
    s.string(ind.var, `${p}.var`);
    s.string(ind.predecessor, `${p}.predecessor`);
    s.strings(ind.fixed, `${p}.fixed`);
    s.statement(ind.hypothesis, `${p}.hypothesis`);
    s.number(ind.carrierStep, `${p}.carrierStep`);
  });
  s.optional(t, "mirrorOf", path, (x, p) => s.string(x, p));
  s.number(t.burst, `${path}.burst`);
  s.strings(t.uses, `${path}.uses`);
  s.strings(t.axioms, `${path}.axioms`);
  const goals = s.object(t.goals, `${path}.goals`);
  for (const g of ["main", "base", "step"]) s.optional(goals, g, `${path}.goals`, (x, p) => s.number(x, p));
  s.array(t.steps, `${path}.steps`).forEach((x, i) => {
    const p = `${path}.steps[${i}]`;
    const step = s.object(x, p);
    s.number(step.n, `${p}.n`);
    if (!SECTIONS.has(s.string(step.section, `${p}.section`)))
      s.fail(`${p}.section`, "must be main, base or step");
    s.atom(step.fact, `${p}.fact`);
    if (!STEP_KINDS.has(s.string(step.kind, `${p}.kind`))) s.fail(`${p}.kind`, "is not a known step kind");
    s.numbers(step.premises, `${p}.premises`);
    s.optional(step, "ref", p, (y, q) => s.string(y, q));
    s.optional(step, "binding", p, (y, q) => s.strings(y, q));
    s.optional(step, "index", p, (y, q) => s.number(y, q));
    s.optional(step, "witness", p, (y, q) => s.string(y, q));
    s.optional(step, "cases", p, (y, q) =>
      s.array(y, q).forEach((c, i) => {
        const o = s.object(c, `${q}[${i}]`);
        s.string(o.ref, `${q}[${i}].ref`);
        s.strings(o.binding, `${q}[${i}].binding`);
      }),
    );
    s.optional(step, "scope", p, (y, q) => {
      const o = s.object(y, q);
      s.number(o.intro, `${q}.intro`);
      s.number(o.case, `${q}.case`);
    });
  });
}

/** Parses and checks proof-graph JSON; `source` names the input in messages. */
export function parseProofGraph(text: string, source: string): ProofGraph {
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProofGraphInputError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const s = new Shape(source);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ProofGraphInputError(`${source}: not a proof graph (expected a JSON object)`);
  }
  const g = data as Record<string, Json>;
  if (g.schema !== PROOF_SCHEMA) {
    throw new ProofGraphInputError(
      `${source}: not a proof graph (schema is ${JSON.stringify(g.schema ?? null)}, expected "${PROOF_SCHEMA}")`,
    );
  }
  if (g.version !== PROOF_SCHEMA_VERSION) {
    throw new ProofGraphInputError(
      `${source}: proof-graph version ${JSON.stringify(g.version ?? null)} is not supported (expected ${PROOF_SCHEMA_VERSION})`,
    );
  }
  const theory = s.object(g.theory, "theory");
  s.string(theory.anchor, "theory.anchor");
  s.array(theory.constants, "theory.constants").forEach((c, i) => {
    const o = s.object(c, `theory.constants[${i}]`);
    s.string(o.name, `theory.constants[${i}].name`);
    s.string(o.type, `theory.constants[${i}].type`);
  });
  s.array(theory.sources, "theory.sources").forEach((x, i) => {
    const o = s.object(x, `theory.sources[${i}]`);
    s.string(o.path, `theory.sources[${i}].path`);
    s.string(o.text, `theory.sources[${i}].text`);
  });
  s.array(g.predicates, "predicates").forEach((x, i) => {
    const o = s.object(x, `predicates[${i}]`);
    s.string(o.name, `predicates[${i}].name`);
    s.number(o.arity, `predicates[${i}].arity`);
    if (o.operator !== null) {
      const op = s.object(o.operator, `predicates[${i}].operator`);
      s.numbers(op.inputs, `predicates[${i}].operator.inputs`);
      s.number(op.output, `predicates[${i}].operator.output`);
    }
  });
  s.array(g.definitions, "definitions").forEach((x, i) => {
    const p = `definitions[${i}]`;
    const d = s.object(x, p);
    s.string(d.name, `${p}.name`);
    s.array(d.params, `${p}.params`).forEach((y, j) => {
      const q = s.object(y, `${p}.params[${j}]`);
      s.string(q.name, `${p}.params[${j}].name`);
      s.string(q.type, `${p}.params[${j}].type`);
    });
    s.string(d.mpl, `${p}.mpl`);
    s.strings(d.uses, `${p}.uses`);
    for (const [j, e] of s.array(d.entities, `${p}.entities`).entries()) s.entity(e, `${p}.entities[${j}]`);
  });
  for (const [i, e] of s.array(g.axioms, "axioms").entries()) s.entity(e, `axioms[${i}]`);
  for (const [i, t] of s.array(g.theorems, "theorems").entries()) checkTheorem(s, t, `theorems[${i}]`);
  s.array(g.unproved, "unproved").forEach((x, i) => {
    const u = s.object(x, `unproved[${i}]`);
    s.nullableString(u.name, `unproved[${i}].name`);
    s.statement(u.statement, `unproved[${i}].statement`);
    s.string(u.mpl, `unproved[${i}].mpl`);
    s.string(u.readable, `unproved[${i}].readable`);
  });
  const run = s.object(g.run, "run");
  s.string(run.stopReason, "run.stopReason");
  for (const k of ["bursts", "blocks", "facts", "witnesses", "blocksAtFactLimit"])
    s.number(run[k], `run.${k}`);
  const limits = s.object(run.limits, "run.limits");
  for (const k of ["maxBursts", "maxWitnessDepth", "maxFactsPerBlock"])
    s.number(limits[k], `run.limits.${k}`);
  return data as ProofGraph;
}

/** Reads and checks a proof-graph file. */
export async function readProofGraph(path: string): Promise<ProofGraph> {
  let text: string;
  try {
    text = readInputFile(path);
  } catch (e) {
    throw new ProofGraphInputError((e as Error).message);
  }
  return parseProofGraph(text, path);
}
