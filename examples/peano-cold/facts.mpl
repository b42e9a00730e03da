-- Ten first-course facts about Peano arithmetic, stated cold: no helper lemma is given.
-- Each is a premise chain over the relations of examples/peano; 1 is written as succ(zero).

-- 0 + a = a, with an equality head
conjecture zero_add :=
  (>[a,b] (in3[zero,a,b,+]) (=[b,a]))

-- succ(a) + b = succ(a + b)
conjecture succ_add :=
  (>[a,c] (in2[a,c,succ])
    (>[b,e] (in3[c,b,e,+])
      (>[d] (in3[a,b,d,+]) (in2[d,e,succ]))))

-- succ(a) ≠ a: a negated head
conjecture succ_ne_self :=
  (>[a,b] (in2[a,b,succ]) !(=[b,a]))

-- a + b = a → b = 0: an implication as the statement
conjecture add_eq_self :=
  (>[a,b] (in3[a,b,a,+]) (=[b,zero]))

-- a · 1 = a, with 1 as succ(zero)
conjecture mul_one :=
  (>[o] (in2[zero,o,succ])
    (>[a,c] (in3[a,o,c,*]) (=[c,a])))

-- 1 · a = a
conjecture one_mul :=
  (>[o] (in2[zero,o,succ])
    (>[a,c] (in3[o,a,c,*]) (=[c,a])))

-- 0 · a = 0
conjecture zero_mul :=
  (>[a,b] (in3[zero,a,b,*]) (=[b,zero]))

-- a + c = b + c → a = b: cancellation of +
conjecture add_cancel :=
  (>[a,c,d] (in3[a,c,d,+])
    (>[b] (in3[b,c,d,+]) (=[a,b])))

-- a + b = 0 → a = 0
conjecture add_eq_zero :=
  (>[a,b] (in3[a,b,zero,+]) (=[a,zero]))

-- succ(a) · b = a · b + b
conjecture succ_mul :=
  (>[a,c] (in2[a,c,succ])
    (>[b,e] (in3[c,b,e,*])
      (>[d] (in3[a,b,d,*]) (in3[d,b,e,+]))))
