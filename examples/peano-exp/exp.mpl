-- Exponentiation on top of Peano arithmetic: a ^ 0 = succ(0) and a ^ succ(b) = a ^ b * a.
-- The anchor is Peano with one more operation; induction uses the same roles.

definition PeanoExp[Nat: set, zero: element, succ: function, +: operation, *: operation, ^: operation] :=
  (&
    (Peano[Nat,zero,succ,+,*])
    (&
      (Operation[^,Nat,Nat,Nat])
      (&
        -- a ^ 0 = succ(0):  a ^ 0 = b  →  succ(0) = b
        (>[a,b] (&(in[a,Nat]) (in3[a,zero,b,^])) (in2[zero,b,succ]))
        -- a ^ succ(b) = a ^ b * a, stated in both directions:
        -- with succ(b) = c and a ^ b = d:  a ^ c = e  iff  d * a = e
        (>[b,a,c,d] (&(in[b,Nat]) (&(in2[b,c,succ]) (in3[a,b,d,^])))
          (&
            (>[e] (in3[d,a,e,*]) (in3[a,c,e,^]))
            (>[e] (in3[a,c,e,^]) (in3[d,a,e,*]))))
      )
    )
  )

anchor PeanoExp (carrier Nat, zero zero, successor succ)
