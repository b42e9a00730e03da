-- Consequences of the two-sided group axioms.

-- inv(inv(a)) = a
conjecture inverse_involution :=
  (>[a,i] (in2[a,i,inv])
    (>[j] (in2[i,j,inv]) (=[j,a])))

-- inv(a * b) = inv(b) * inv(a)
conjecture inverse_product :=
  (>[a,b,c] (in3[a,b,c,*])
    (>[k] (in2[c,k,inv])
      (>[i,j] (&(in2[a,i,inv]) (in2[b,j,inv]))
        (>[m] (in3[j,i,m,*]) (=[k,m])))))

-- inv(e) = e
conjecture inverse_unit :=
  (>[i] (in2[e,i,inv]) (=[i,e]))

-- a unit on the right is e: a * u = a for one a  →  u = e
conjecture unit_unique :=
  (>[a,u] (in3[a,u,a,*]) (=[u,e]))

-- a right inverse is the inverse: a * b = e  →  b = inv(a)
conjecture right_inverse_unique :=
  (>[a,b] (in3[a,b,e,*])
    (>[i] (in2[a,i,inv]) (=[b,i])))

-- a * b = e  →  b * a = e
conjecture inverse_commutes :=
  (>[a,b] (in3[a,b,e,*]) (in3[b,a,e,*]))

-- right cancellation: a * c = b * c  →  a = b
conjecture right_cancel :=
  (>[a,c,d] (in3[a,c,d,*])
    (>[b] (in3[b,c,d,*]) (=[a,b])))

-- an idempotent is the unit: a * a = a  →  a = e
conjecture idempotent_unit :=
  (>[a] (in3[a,a,a,*]) (=[a,e]))

-- the equation a * x = b has the solution x = inv(a) * b
conjecture solve_left :=
  (>[a,x,b] (in3[a,x,b,*])
    (>[i] (in2[a,i,inv])
      (>[y] (in3[i,b,y,*]) (=[x,y]))))
