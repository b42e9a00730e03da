-- Maps between sets, as relations: a unary function is a binary relation, a binary operation a
-- ternary one. Each definition says the relation is typed, total and single-valued.

-- f maps X into Y; f(x) = y is written (in2[x,y,f]).
definition Function[f: function, X: set, Y: set] :=
  (&
    -- typed: every pair in the graph lies in X × Y
    (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])))
    (&
      -- total: every x in X has an image in Y
      (>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))
      -- single-valued: two images of one x are equal
      (>[x,y1,y2] (&(in[x,X]) (&(in2[x,y1,f]) (in2[x,y2,f]))) (=[y1,y2]))
    )
  )

-- op maps X × Y into Z; x op y = z is written (in3[x,y,z,op]).
definition Operation[op: operation, X: set, Y: set, Z: set] :=
  (&
    -- typed
    (>[x,y,z] (in3[x,y,z,op]) (&(in[x,X]) (&(in[y,Y]) (in[z,Z]))))
    (&
      -- total
      (>[x,y] (&(in[x,X]) (in[y,Y])) !(>[z] (in[z,Z]) !(in3[x,y,z,op])))
      -- single-valued
      (>[x,y,z1,z2] (&(in[x,X]) (&(in[y,Y]) (&(in3[x,y,z1,op]) (in3[x,y,z2,op])))) (=[z1,z2]))
    )
  )
