-- Helper lemmas that unlock the six laws, as in the reference system's quick run.

-- 0 + a = a + 0
conjecture zero_add :=
  (>[a,b] (in3[zero,a,b,+]) (in3[a,zero,b,+]))

-- 0 * a = a * 0
conjecture zero_mul :=
  (>[a,b] (in3[zero,a,b,*]) (in3[a,zero,b,*]))

-- succ(a) = 1 + a, with 1 = succ(zero)
conjecture one_add :=
  (>[one] (in2[zero,one,succ])
    (>[a,b] (in2[a,b,succ]) (in3[one,a,b,+])))

-- succ(a) = a + 1, with 1 = succ(zero)
conjecture add_one :=
  (>[one] (in2[zero,one,succ])
    (>[a,b] (in2[a,b,succ]) (in3[a,one,b,+])))

-- succ(a) + b = succ(a + b):  a + b = c, succ(a) = d, succ(c) = e  →  d + b = e
conjecture succ_add :=
  (>[a,b,c] (in3[a,b,c,+])
    (>[d] (in2[a,d,succ])
      (>[e] (in2[c,e,succ]) (in3[d,b,e,+]))))

-- (a + b) + d = (a + d) + b:  a + b = c, a + d = e, c + d = f  →  e + b = f
conjecture add_right_comm :=
  (>[a,b,c] (in3[a,b,c,+])
    (>[d,e] (in3[a,d,e,+])
      (>[f] (in3[c,d,f,+]) (in3[e,b,f,+]))))

-- succ(x) * b = x * b + b:  x * b = a, a + b = c, succ(x) = y  →  y * b = c
conjecture succ_mul :=
  (>[x,b,a] (in3[x,b,a,*])
    (>[c] (in3[a,b,c,+])
      (>[y] (in2[x,y,succ]) (in3[y,b,c,*]))))
