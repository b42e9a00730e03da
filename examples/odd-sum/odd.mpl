-- The sum of the first a odd numbers on top of Peano arithmetic:
-- odd(a) = 1 + 3 + … + (2a - 1), as a recursive sum. This batch extends the Peano batch.

definition OddSum[Nat: set, zero: element, succ: function, +: operation, *: operation, odd: function] :=
  (&
    (Peano[Nat,zero,succ,+,*])
    (&
      (Function[odd,Nat,Nat])
      (&
        -- odd(0) = 0
        (>[a] (in2[zero,a,odd]) (=[a,zero]))
        -- odd(succ(b)) = odd(b) + succ(b + b), stated in both directions:
        -- with succ(b) = c, odd(b) = d, b + b = f and succ(f) = g:  odd(c) = e  iff  d + g = e
        (>[b,c,d,f,g] (&(in[b,Nat]) (&(in2[b,c,succ]) (&(in2[b,d,odd]) (&(in3[b,b,f,+]) (in2[f,g,succ])))))
          (&
            (>[e] (in3[d,g,e,+]) (in2[c,e,odd]))
            (>[e] (in2[c,e,odd]) (in3[d,g,e,+]))))
      )
    )
  )

anchor OddSum (carrier Nat, zero zero, successor succ) extends Peano

-- 1 + 3 + … + (2a - 1) = a·a:  odd(a) = b  →  a * a = b
conjecture odd_sum :=
  (>[a,b] (in2[a,b,odd]) (in3[a,a,b,*]))
