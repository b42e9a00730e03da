-- The second batch: Peano arithmetic with a doubling function dbl. The anchor contains the
-- first batch's anchor applied to its own parameters, so it implies it, and the first batch's
-- theorems hold here too: they arrive as rules, cited as Peano:T<k>. The conjecturer of this
-- batch proposes only laws that mention dbl.

definition PeanoDouble[Nat: set, zero: element, succ: function, +: operation, dbl: function] :=
  (&
    (Peano[Nat,zero,succ,+])
    (&
      (Function[dbl,Nat,Nat])
      (&
        -- dbl(0) = 0
        (>[b] (in2[zero,b,dbl]) (=[b,zero]))
        -- dbl(succ(a)) = succ(succ(dbl(a))), stated in both directions:
        -- with succ(a) = b, dbl(a) = c and succ(c) = d:  dbl(b) = e  iff  succ(d) = e
        (>[a,b,c,d] (&(in[a,Nat]) (&(in2[a,b,succ]) (&(in2[a,c,dbl]) (in2[c,d,succ]))))
          (&
            (>[e] (in2[b,e,dbl]) (in2[d,e,succ]))
            (>[e] (in2[d,e,succ]) (in2[b,e,dbl]))))
      )
    )
  )

anchor PeanoDouble (carrier Nat, zero zero, successor succ) extends Peano

-- dbl(a + b) = dbl(a) + dbl(b):  a + b = c, dbl(c) = d, dbl(a) = e, dbl(b) = f  →  e + f = d
conjecture dbl_add :=
  (>[a,b,c] (in3[a,b,c,+])
    (>[d] (in2[c,d,dbl])
      (>[e] (in2[a,e,dbl])
        (>[f] (in2[b,f,dbl]) (in3[e,f,d,+])))))

-- dbl(a) = a + a:  dbl(a) = b  →  a + a = b (a repeated leaf)
conjecture dbl_self := (>[a,b] (in2[a,b,dbl]) (in3[a,a,b,+]))
