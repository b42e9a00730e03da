-- A commutative monoid: an associative, commutative operation with a unit.

definition CommutativeMonoid[M: set, e: element, *: operation] :=
  (&
    (&(in[e,M]) (Operation[*,M,M,M]))
    (&
      -- (a * b) * c = a * (b * c):  a * b = d, b * c = f, d * c = g  →  a * f = g, both ways
      (>[a,b,c,d,f] (&(in3[a,b,d,*]) (in3[b,c,f,*]))
        (&
          (>[g] (in3[d,c,g,*]) (in3[a,f,g,*]))
          (>[g] (in3[a,f,g,*]) (in3[d,c,g,*]))))
      (&
        -- a * b = b * a
        (>[a,b,c] (in3[a,b,c,*]) (in3[b,a,c,*]))
        -- e * a = a
        (>[a,b] (in3[e,a,b,*]) (=[b,a]))
      )
    )
  )

anchor CommutativeMonoid
