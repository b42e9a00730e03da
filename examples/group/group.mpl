-- A one-sided group: an associative operation with a left unit and left inverses.
-- Nothing else is assumed; the textbook consequences are the conjectures in consequences.mpl.

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
        -- e * a = a
        (>[a,b] (in3[e,a,b,*]) (=[b,a]))
        -- inv(a) * a = e
        (>[a,i] (in2[a,i,inv]) (in3[i,a,e,*]))
      )
    )
  )

anchor Group
