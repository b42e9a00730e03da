/** Peano arithmetic with addition only (examples/peano without multiplication): a theory small enough for a discover run of a few seconds. */
export const NAT_ADD = `definition Nat[N: set, zero: element, succ: function, +: operation] :=
  (&
    (&
      (&(in[zero,N]) (Function[succ,N,N]))
      (&
        (>[n] (in[n,N]) !(in2[n,zero,succ]))
        (>[k,m,n] (&(in[k,N]) (&(in2[m,k,succ]) (in2[n,k,succ]))) (=[m,n]))
      )
    )
    (&
      (Operation[+,N,N,N])
      (&
        (>[a,b] (&(in[a,N]) (in3[a,zero,b,+])) (=[a,b]))
        (>[b,a,c,d] (&(in[b,N]) (&(in2[b,c,succ]) (in3[a,b,d,+])))
          (&
            (>[e] (in3[a,c,e,+]) (in2[d,e,succ]))
            (>[e] (in2[d,e,succ]) (in3[a,c,e,+]))))
      )
    )
  )

anchor Nat (carrier N, zero zero, successor succ)
`;
