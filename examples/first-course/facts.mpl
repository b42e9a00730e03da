-- First-course facts about Peano arithmetic, each proved by induction on one variable or by a
-- case split on zero / successor (an induction whose hypothesis is not needed). Several have a
-- negated head; the engine is given no helper lemma beyond the facts stated before them here.
-- 1 is written as succ(zero); a ≠ b as !(=[a,b]).

-- a has a predecessor: there is a p with succ(p) = a
definition HasPred[N: set, succ: function, a: element] :=
  !(>[p] (in[p,N]) !(in2[p,a,succ]))

-- 0 + a = a
conjecture zero_add :=
  (>[a,b] (in3[zero,a,b,+]) (=[b,a]))

-- succ(a) ≠ a
conjecture succ_ne_self :=
  (>[a,b] (in2[a,b,succ]) !(=[b,a]))

-- succ(succ(a)) ≠ a
conjecture succ_succ_ne_self :=
  (>[a,b] (in2[a,b,succ]) (>[c] (in2[b,c,succ]) !(=[c,a])))

-- a + b = 0 → a = 0
conjecture add_eq_zero_left :=
  (>[a,b] (in3[a,b,zero,+]) (=[a,zero]))

-- a + b = 0 → b = 0
conjecture add_eq_zero_right :=
  (>[a,b] (in3[a,b,zero,+]) (=[b,zero]))

-- succ(a) + b ≠ 0
conjecture succ_add_ne_zero :=
  (>[a,c] (in2[a,c,succ]) (>[b,d] (in3[c,b,d,+]) !(=[d,zero])))

-- succ(a) + b = succ(a + b)
conjecture succ_add :=
  (>[a,c] (in2[a,c,succ])
    (>[b,e] (in3[c,b,e,+])
      (>[d] (in3[a,b,d,+]) (in2[d,e,succ]))))

-- a + b = a → b = 0
conjecture add_eq_self :=
  (>[a,b] (in3[a,b,a,+]) (=[b,zero]))

-- a + b = b → a = 0
conjecture add_eq_right :=
  (>[a,b] (in3[a,b,b,+]) (=[a,zero]))

-- a + succ(b) ≠ a
conjecture add_succ_ne_self :=
  (>[b,c] (in2[b,c,succ]) (>[a,d] (in3[a,c,d,+]) !(=[d,a])))

-- a + c = b + c → a = b: cancellation
conjecture add_cancel :=
  (>[a,c,d] (in3[a,c,d,+])
    (>[b] (in3[b,c,d,+]) (=[a,b])))

-- a · 1 = a
conjecture mul_one :=
  (>[o] (in2[zero,o,succ])
    (>[a,c] (in3[a,o,c,*]) (=[c,a])))

-- 0 · a = 0
conjecture zero_mul :=
  (>[a,b] (in3[zero,a,b,*]) (=[b,zero]))

-- a · b = 0 → a = 0 or b = 0, as: a · b = 0 ∧ a ≠ 0 → b = 0
conjecture mul_eq_zero :=
  (>[a,b] (in3[a,b,zero,*]) (>[] !(=[a,zero]) (=[b,zero])))

-- succ(a) · b = 0 → b = 0
conjecture succ_mul_eq_zero :=
  (>[a,c] (in2[a,c,succ]) (>[b] (in3[c,b,zero,*]) (=[b,zero])))

-- a ≠ 0 → a has a predecessor
conjecture nonzero_has_pred :=
  (>[a] (in[a,Nat]) (>[] !(=[a,zero]) (HasPred[Nat,succ,a])))
