-- A group as a textbook states it: an associative operation with a unit and inverses on both
-- sides. The consequences in consequences.mpl use only these axioms.

definition Group[G: set, e: element, inv: function, *: operation] :=
  (&
    (&(in[e,G]) (&(Function[inv,G,G]) (Operation[*,G,G,G])))
    (&
      -- (a * b) * c = a * (b * c):  a * b = d, b * c = f, d * c = g  →  a * f = g, both ways
      (>[a,b,c,d,f] (&(in3[a,b,d,*]) (in3[b,c,f,*]))
        (&
          (>[g] (in3[d,c,g,*]) (in3[a,f,g,*]))
          (>[g] (in3[a,f,g,*]) (in3[d,c,g,*]))))
      (&
        (&
          -- e * a = a and a * e = a
          (>[a,b] (in3[e,a,b,*]) (=[b,a]))
          (>[a,b] (in3[a,e,b,*]) (=[b,a])))
        (&
          -- inv(a) * a = e and a * inv(a) = e
          (>[a,i] (in2[a,i,inv]) (in3[i,a,e,*]))
          (>[a,i] (in2[a,i,inv]) (in3[a,i,e,*])))
      )
    )
  )

anchor Group
