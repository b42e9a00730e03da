-- Triangular numbers on top of Peano arithmetic: tri(a) = 0 + 1 + … + a, as a recursive sum.
-- This batch extends the Peano batch (peano.mpl): Peano's essential theorems are its rules,
-- and discovery proposes only statements about tri.

definition Gauss[Nat: set, zero: element, succ: function, +: operation, *: operation, tri: function] :=
  (&
    (Peano[Nat,zero,succ,+,*])
    (&
      (Function[tri,Nat,Nat])
      (&
        -- tri(0) = 0
        (>[a] (in2[zero,a,tri]) (=[a,zero]))
        -- tri(succ(b)) = tri(b) + succ(b), stated in both directions:
        -- with succ(b) = c and tri(b) = d:  tri(c) = e  iff  d + c = e
        (>[b,c,d] (&(in[b,Nat]) (&(in2[b,c,succ]) (in2[b,d,tri])))
          (&
            (>[e] (in3[d,c,e,+]) (in2[c,e,tri]))
            (>[e] (in2[c,e,tri]) (in3[d,c,e,+]))))
      )
    )
  )

anchor Gauss (carrier Nat, zero zero, successor succ) extends Peano

-- Gauss's formula, 2·(0 + 1 + … + a) = a·(a + 1):  tri(a) = b, succ(a) = c, a * c = d  →  b + b = d
conjecture gauss :=
  (>[a,b] (in2[a,b,tri])
    (>[c] (in2[a,c,succ])
      (>[d] (in3[a,c,d,*]) (in3[b,b,d,+]))))
