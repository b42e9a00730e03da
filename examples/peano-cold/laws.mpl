-- The six laws of Peano arithmetic, stated cold (no helper lemma in this folder).
-- Names not bound by >[...] (here + and *) are parameters of the anchor.

-- a + b = c  →  b + a = c
conjecture add_comm :=
  (>[a,b,c] (in3[a,b,c,+]) (in3[b,a,c,+]))

-- (a + b) + d = a + (b + d):  a + b = c, b + d = e, a + e = f  →  c + d = f
conjecture add_assoc :=
  (>[a,b,c] (in3[a,b,c,+])
    (>[d,e] (in3[b,d,e,+])
      (>[f] (in3[a,e,f,+]) (in3[c,d,f,+]))))

-- a * b = c  →  b * a = c
conjecture mul_comm :=
  (>[a,b,c] (in3[a,b,c,*]) (in3[b,a,c,*]))

-- (a * b) * d = a * (b * d):  a * b = c, b * d = e, a * e = f  →  c * d = f
conjecture mul_assoc :=
  (>[a,b,c] (in3[a,b,c,*])
    (>[d,e] (in3[b,d,e,*])
      (>[f] (in3[a,e,f,*]) (in3[c,d,f,*]))))

-- a * (b + c) = a * b + a * c:  a * b = d, a * c = e, b + c = f, a * f = g  →  d + e = g
conjecture left_distrib :=
  (>[a,b,c,d] (in3[a,b,d,*])
    (>[e] (in3[a,c,e,*])
      (>[f] (in3[b,c,f,+])
        (>[g] (in3[a,f,g,*]) (in3[d,e,g,+])))))

-- (a + b) * c = a * c + b * c:  a + b = d, a * c = e, b * c = f, d * c = g  →  e + f = g
conjecture right_distrib :=
  (>[a,b,c,d] (in3[a,b,d,+])
    (>[e] (in3[a,c,e,*])
      (>[f] (in3[b,c,f,*])
        (>[g] (in3[d,c,g,*]) (in3[e,f,g,+])))))
