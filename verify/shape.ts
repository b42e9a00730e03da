/**
 * Shape validation: turns an arbitrary JSON value into a typed proof graph, or into failures
 * that say which field is wrong and what was expected. Nothing after this step has to guard
 * against missing fields or wrong types; nothing here may throw, whatever the input.
 *
 * The shape is written as a small declarative description (`obj`, `arr`, `str`, …) that
 * mirrors export/schema.ts field by field.
 */
import { PROOF_SCHEMA, PROOF_SCHEMA_VERSION, type ProofGraph } from "../export/schema.js";
import { GRAPH, type VerifyFailure } from "./report.js";

type Obj = Record<string, unknown>;
type Where = { theorem: string; step: number | null };

/** Enough to locate the problem in a large file; a broken file should not flood the report. */
const MAX_SHAPE_FAILURES = 100;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "number") return String(v);
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

class Shape {
  readonly failures: VerifyFailure[] = [];
  where: Where = { theorem: GRAPH, step: null };
  private dropped = 0;

  bad(path: string, expected: string, got: unknown): false {
    const reason = `${path}: expected ${expected}, got ${describe(got)}`;
    if (this.failures.length < MAX_SHAPE_FAILURES) this.failures.push({ ...this.where, reason });
    else this.dropped += 1;
    return false;
  }

  finish(): VerifyFailure[] {
    if (this.dropped > 0) {
      this.failures.push({ theorem: GRAPH, step: null, reason: `… and ${this.dropped} more shape errors` });
    }
    return this.failures;
  }
}

/** A check reports every problem it finds and returns whether there was none. */
type Check = (v: unknown, path: string, s: Shape) => boolean;

const str: Check = (v, p, s) => typeof v === "string" || s.bad(p, "a string", v);
const int: Check = (v, p, s) => (typeof v === "number" && Number.isInteger(v)) || s.bad(p, "an integer", v);
const nat: Check = (v, p, s) =>
  (typeof v === "number" && Number.isInteger(v) && v >= 0) || s.bad(p, "a count", v);
const isTrue: Check = (v, p, s) => v === true || s.bad(p, "true or absent", v);
const nullable =
  (c: Check): Check =>
  (v, p, s) =>
    v === null || c(v, p, s);
const oneOf = (words: string): Check => {
  const allowed = new Set(words.split(" "));
  return (v, p, s) => (typeof v === "string" && allowed.has(v)) || s.bad(p, [...allowed].join(" | "), v);
};

const arr =
  (each: Check): Check =>
  (v, p, s) => {
    if (!Array.isArray(v)) return s.bad(p, "an array", v);
    let ok = true;
    // An index loop, not forEach: a sparse array's holes must be reported, not skipped.
    for (let i = 0; i < v.length; i++) ok = each(v[i], `${p}[${i}]`, s) && ok;
    return ok;
  };

/** Required fields, then optional ones (absent is fine; `null` is not absent). */
const obj = (required: Record<string, Check>, optional: Record<string, Check> = {}): Check => {
  // Listed once, not per object read: large graphs have many thousands of atoms.
  const [must, may] = [Object.entries(required), Object.entries(optional)];
  return (v, p, s) => {
    if (!isObj(v)) return s.bad(p, "an object", v);
    let ok = true;
    for (const [k, c] of must) ok = c(v[k], `${p}.${k}`, s) && ok;
    for (const [k, c] of may) if (Object.hasOwn(v, k)) ok = c(v[k], `${p}.${k}`, s) && ok;
    return ok;
  };
};

/** Failures inside `c` name the theorem (and step) being read. */
const within =
  (where: (o: Obj, path: string, outer: Where) => Where, c: Check): Check =>
  (v, p, s) => {
    const outer = s.where;
    if (isObj(v)) s.where = where(v, p, outer);
    const ok = c(v, p, s);
    s.where = outer;
    return ok;
  };

const atom = obj({ pred: str, args: arr(str) }, { neg: isTrue });
const statement = obj({ vars: arr(str), premises: arr(atom), head: atom });

const entity = obj(
  {
    id: str,
    kind: oneOf("fact rule exists"),
    vars: arr(str),
    premises: arr(atom),
    origin: obj({ definition: str, via: str }),
  },
  { head: atom, witnesses: arr(str), body: arr(atom) },
);

const step = within(
  (o, _p, outer) => ({ ...outer, step: typeof o.n === "number" ? o.n : null }),
  obj(
    {
      n: nat,
      section: oneOf("main base step"),
      fact: atom,
      kind: oneOf(
        "premise axiom rule definition theorem hypothesis witness comprehension succ refl eq-symm eq-trans eq-subst assume contradiction suppose intro",
      ),
      premises: arr(int),
    },
    {
      ref: str,
      binding: arr(str),
      index: nat,
      witness: str,
      cases: arr(obj({ ref: str, binding: arr(str) })),
      scope: obj({ intro: nat, case: nat }),
    },
  ),
);

const theorem = within(
  (o, p) => ({ theorem: typeof o.id === "string" ? o.id : p, step: null }),
  obj(
    {
      id: str,
      name: nullable(str),
      statement,
      mpl: str,
      readable: str,
      method: oneOf("direct induction contradiction"),
      burst: nat,
      uses: arr(str),
      axioms: arr(str),
      goals: obj({}, { main: nat, base: nat, step: nat }),
      steps: arr(step),
    },
    {
      induction: obj({
        var: str,
        predecessor: str,
        fixed: arr(str),
        hypothesis: statement,
        carrierStep: nat,
      }),
      mirrorOf: str,
    },
  ),
);

const statementWithText = obj({ vars: arr(str), premises: arr(atom), head: atom });

const pair = arr(str);
const batch = obj({
  name: str,
  extends: nullable(str),
  link: nullable(
    obj({ earlier: str, constants: arr(pair), predicates: arr(pair), how: oneOf("declared found") }),
  ),
  newConstants: arr(str),
  imports: arr(
    obj({
      id: str,
      batch: str,
      theorem: str,
      name: nullable(str),
      statement: statementWithText,
      mpl: str,
      readable: str,
    }),
  ),
});

/** A pair like [a, b]: two strings. */
const pairsOfTwo: Check = (v, p, s) =>
  !Array.isArray(v) ||
  v.every((x, i) => (Array.isArray(x) && x.length === 2) || s.bad(`${p}[${i}]`, "a pair", x));

const part = {
  theory: obj({
    anchor: str,
    constants: arr(
      obj(
        { name: str, type: oneOf("element set function operation") },
        { role: oneOf("carrier zero successor") },
      ),
    ),
    sources: arr(obj({ path: str, text: str })),
  }),
  predicates: arr(obj({ name: str, arity: nat, operator: nullable(obj({ inputs: arr(int), output: int })) })),
  // Not read by the verifier: only their container types are checked.
  definitions: arr(obj({})),
  axioms: arr(entity),
  theorems: arr(theorem),
  unproved: arr(obj({})),
  run: obj({}),
};

const batchWithPairs: Check = (v, p, s) => {
  const ok = batch(v, p, s);
  if (!ok || !isObj(v) || !isObj(v.link)) return ok;
  return (
    pairsOfTwo(v.link.constants, `${p}.link.constants`, s) &&
    pairsOfTwo(v.link.predicates, `${p}.link.predicates`, s)
  );
};

const earlierBatch = within(
  (o, p) => ({
    theorem: isObj(o.theory) && typeof o.theory.anchor === "string" ? `${o.theory.anchor}:(graph)` : p,
    step: null,
  }),
  obj({ ...part, batch: batchWithPairs }),
);

const graph = obj(part, { batch: batchWithPairs, earlier: arr(earlierBatch) });

/** The graph, typed, when the value has the proof-graph shape; otherwise the failures. */
export function readShape(value: unknown): { graph: ProofGraph } | { failures: VerifyFailure[] } {
  const s = new Shape();
  if (!isObj(value)) s.bad("graph", "an object", value);
  else if (value.schema !== PROOF_SCHEMA) s.bad("schema", JSON.stringify(PROOF_SCHEMA), value.schema);
  else if (value.version !== PROOF_SCHEMA_VERSION) {
    s.bad("version", `${PROOF_SCHEMA_VERSION} (the version this verifier reads)`, value.version);
  }
  // Every field the verifier reads is checked by `graph`.
  else if (graph(value, "graph", s)) return { graph: value as unknown as ProofGraph };
  return { failures: s.finish() };
}
