-- The first batch: Peano arithmetic with addition only. Its essential theorems go on to the
-- second batch (double.mpl), which extends this anchor.

definition Peano[Nat: set, zero: element, succ: function, +: operation] :=
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
  )

anchor Peano (carrier Nat, zero zero, successor succ)

-- a + b = c  →  b + a = c
conjecture add_comm := (>[a,b,c] (in3[a,b,c,+]) (in3[b,a,c,+]))

-- (a + b) + d = a + (b + d):  a + b = c, b + d = e, a + e = f  →  c + d = f
conjecture add_assoc :=
  (>[a,b,c] (in3[a,b,c,+])
    (>[d,e] (in3[b,d,e,+])
      (>[f] (in3[a,e,f,+]) (in3[c,d,f,+]))))
