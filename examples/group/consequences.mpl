-- Consequences of the one-sided group axioms, as a first course proves them.

-- a * inv(a) = e: the left inverse is also a right inverse
conjecture right_inverse :=
  (>[a,i] (in2[a,i,inv]) (in3[a,i,e,*]))

-- a * e = a: the left unit is also a right unit
conjecture right_unit :=
  (>[a,b] (in3[a,e,b,*]) (=[b,a]))

-- inv(inv(a)) = a
conjecture inverse_involution :=
  (>[a,i] (in2[a,i,inv])
    (>[j] (in2[i,j,inv]) (=[j,a])))

-- a unit on the left is e: u * a = a for one a  →  u = e
conjecture unit_unique :=
  (>[u,a] (in3[u,a,a,*]) (=[u,e]))

-- a left inverse is the inverse: b * a = e  →  b = inv(a)
conjecture left_inverse_unique :=
  (>[a,b] (in3[b,a,e,*])
    (>[i] (in2[a,i,inv]) (=[b,i])))

-- left cancellation: c * a = c * b  →  a = b
conjecture left_cancel :=
  (>[c,a,d] (in3[c,a,d,*])
    (>[b] (in3[c,b,d,*]) (=[a,b])))

-- inv(e) = e
conjecture inverse_unit :=
  (>[i] (in2[e,i,inv]) (=[i,e]))
