-- The sum of the first a even numbers on top of Peano arithmetic:
-- evens(a) = 2 + 4 + … + 2a, as a recursive sum that adds succ(b) twice at each step.
-- This batch extends the Peano batch.

definition EvenSum[Nat: set, zero: element, succ: function, +: operation, *: operation, evens: function] :=
  (&
    (Peano[Nat,zero,succ,+,*])
    (&
      (Function[evens,Nat,Nat])
      (&
        -- evens(0) = 0
        (>[a] (in2[zero,a,evens]) (=[a,zero]))
        -- evens(succ(b)) = (evens(b) + succ(b)) + succ(b), stated in both directions:
        -- with succ(b) = c, evens(b) = d and d + c = f:  evens(c) = e  iff  f + c = e
        (>[b,c,d,f] (&(in[b,Nat]) (&(in2[b,c,succ]) (&(in2[b,d,evens]) (in3[d,c,f,+]))))
          (&
            (>[e] (in3[f,c,e,+]) (in2[c,e,evens]))
            (>[e] (in2[c,e,evens]) (in3[f,c,e,+]))))
      )
    )
  )

anchor EvenSum (carrier Nat, zero zero, successor succ) extends Peano

-- 2 + 4 + … + 2a = a·(a + 1):  succ(a) = b, a * b = c  →  evens(a) = c
conjecture even_sum :=
  (>[a,b] (in2[a,b,succ])
    (>[c] (in3[a,b,c,*]) (in2[a,c,evens])))
