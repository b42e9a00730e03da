-- Consequences of the commutative monoid axioms.

-- a * e = a
conjecture right_unit :=
  (>[a,b] (in3[a,e,b,*]) (=[b,a]))

-- a unit for e is e: u * e = e  →  u = e
conjecture unit_unique :=
  (>[u] (in3[u,e,e,*]) (=[u,e]))

-- a * (b * c) = b * (a * c)
conjecture left_commute :=
  (>[b,c,d] (in3[b,c,d,*])
    (>[a,f] (in3[a,d,f,*])
      (>[g] (in3[a,c,g,*]) (in3[b,g,f,*]))))

-- (a * b) * c = (a * c) * b
conjecture right_commute :=
  (>[a,b,d] (in3[a,b,d,*])
    (>[c,f] (in3[d,c,f,*])
      (>[g] (in3[a,c,g,*]) (in3[g,b,f,*]))))

-- (a * b) * (c * d) = (a * c) * (b * d)
conjecture middle_swap :=
  (>[a,b,p] (in3[a,b,p,*])
    (>[c,d,q] (in3[c,d,q,*])
      (>[f] (in3[p,q,f,*])
        (>[r,s] (&(in3[a,c,r,*]) (in3[b,d,s,*]))
          (in3[r,s,f,*])))))

-- an inverse is unique: a * b = e and a * c = e  →  b = c
conjecture inverse_unique :=
  (>[a,b] (in3[a,b,e,*])
    (>[c] (in3[a,c,e,*]) (=[b,c])))

-- e * e = e
conjecture unit_square :=
  (>[x] (in3[e,e,x,*]) (=[x,e]))
