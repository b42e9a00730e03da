-- Peano arithmetic: a carrier Nat with zero, successor, addition and multiplication.
-- There is no induction axiom: induction is a rule of the prover, driven by the roles
-- declared on the anchor below.

definition Peano[Nat: set, zero: element, succ: function, +: operation, *: operation] :=
  (&
    (&
      -- zero is a natural number, and succ maps Nat into Nat
      (&(in[zero,Nat]) (Function[succ,Nat,Nat]))
      (&
        -- zero is no successor
        (>[n] (in[n,Nat]) !(in2[n,zero,succ]))
        -- succ is injective
        (>[k,m,n] (&(in[k,Nat]) (&(in2[m,k,succ]) (in2[n,k,succ]))) (=[m,n]))
      )
    )
    (&
      (&
        (Operation[+,Nat,Nat,Nat])
        (&
          -- a + 0 = a
          (>[a,b] (&(in[a,Nat]) (in3[a,zero,b,+])) (=[a,b]))
          -- a + succ(b) = succ(a + b), stated in both directions:
          -- with succ(b) = c and a + b = d:  a + c = e  iff  succ(d) = e
          (>[b,a,c,d] (&(in[b,Nat]) (&(in2[b,c,succ]) (in3[a,b,d,+])))
            (&
              (>[e] (in3[a,c,e,+]) (in2[d,e,succ]))
              (>[e] (in2[d,e,succ]) (in3[a,c,e,+]))))
        )
      )
      (&
        (Operation[*,Nat,Nat,Nat])
        (&
          -- a * 0 = 0
          (>[a,b] (&(in[a,Nat]) (in3[a,zero,b,*])) (=[b,zero]))
          -- a * succ(b) = a * b + a, stated in both directions:
          -- with succ(b) = c and a * b = d:  a * c = e  iff  d + a = e
          (>[b,a,c,d] (&(in[b,Nat]) (&(in2[b,c,succ]) (in3[a,b,d,*])))
            (&
              (>[e] (in3[d,a,e,+]) (in3[a,c,e,*]))
              (>[e] (in3[a,c,e,*]) (in3[d,a,e,+]))))
        )
      )
    )
  )

anchor Peano (carrier Nat, zero zero, successor succ)
