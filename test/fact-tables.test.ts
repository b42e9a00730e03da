/**
 * The saturation hash tables agree with plain Maps keyed the old way (strings, numbers),
 * including replacement of equal records, large constants and growth.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntMap, PairLists, RecordTable } from "../engine/fact-tables.js";
import { IntVec } from "../engine/intvec.js";

const W = 4;
const constant = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 2 ** 24, max: 2 ** 24 + 3 }));
const record = fc.tuple(
  fc.integer({ min: 0, max: 7 }),
  fc.array(constant, { minLength: 1, maxLength: W - 1 }),
);

describe("fact tables", () => {
  it("RecordTable finds the latest fact with a record, like a string-keyed map", () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 300 }),
        fc.array(record, { maxLength: 50 }),
        (adds, probes) => {
          const facts = new IntVec(4);
          const table = new RecordTable(facts, W);
          const ref = new Map<string, number>();
          adds.forEach(([pn, args], f) => {
            facts.push(pn);
            for (let i = 0; i < W - 1; i++) facts.push(args[i] ?? -1);
            table.insert(f);
            ref.set(`${pn}:${args.join(",")}`, f);
          });
          for (const [pn, args] of [...adds, ...probes])
            expect(table.lookup(pn, args)).toBe(ref.get(`${pn}:${args.join(",")}`) ?? -1);
        },
      ),
    );
  });

  it("PairLists keeps one live list per key pair", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(constant, fc.integer({ min: 0, max: 1023 })), { maxLength: 400 }),
        (keys) => {
          const lists = new PairLists();
          const ref = new Map<string, number[]>();
          keys.forEach(([a, b], v) => {
            const before = lists.get(a, b);
            lists.push(a, b, v);
            if (before) expect(lists.get(a, b)).toBe(before);
            const l = ref.get(`${a},${b}`) ?? [];
            l.push(v);
            ref.set(`${a},${b}`, l);
          });
          for (const [a, b] of keys) expect(lists.get(a, b)).toEqual(ref.get(`${a},${b}`));
          expect(lists.get(-5, 0)).toBeUndefined();
        },
      ),
    );
  });

  it("IntMap behaves like a Map with -1 for absent keys", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(constant, constant), { maxLength: 200 }), (pairs) => {
        const m = new IntMap();
        const ref = new Map<number, number>();
        for (const [k, v] of pairs) {
          m.set(k, v);
          ref.set(k, v);
        }
        expect(m.size).toBe(ref.size);
        for (const [k] of pairs) expect(m.get(k)).toBe(ref.get(k));
        expect(m.get(2 ** 24 + 10)).toBe(-1);
      }),
    );
  });
});
