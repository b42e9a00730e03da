-- The laws of exponents, as premise chains over the relations +, * and ^.

-- a ^ (b + c) = a ^ b * a ^ c:  b + c = d, a ^ d = e, a ^ b = f, a ^ c = g  →  f * g = e
conjecture exp_add :=
  (>[b,c,d] (in3[b,c,d,+])
    (>[a,e] (in3[a,d,e,^])
      (>[f] (in3[a,b,f,^])
        (>[g] (in3[a,c,g,^]) (in3[f,g,e,*])))))

-- (a * b) ^ c = a ^ c * b ^ c:  a * b = d, d ^ c = e, a ^ c = f, b ^ c = g  →  f * g = e
conjecture mul_exp :=
  (>[a,b,d] (in3[a,b,d,*])
    (>[c,e] (in3[d,c,e,^])
      (>[f] (in3[a,c,f,^])
        (>[g] (in3[b,c,g,^]) (in3[f,g,e,*])))))

-- (a ^ b) ^ c = a ^ (b * c):  a ^ b = d, d ^ c = e, b * c = f  →  a ^ f = e
conjecture exp_exp :=
  (>[a,b,d] (in3[a,b,d,^])
    (>[c,e] (in3[d,c,e,^])
      (>[f] (in3[b,c,f,*]) (in3[a,f,e,^]))))
