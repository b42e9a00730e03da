/**
 * The Peano laws discovery must propose, written by hand in the chain text of `chain-text.ts`
 * over the names of `peano-theory.ts`: the six target laws and the lemmas their proofs use.
 */
export const TARGET_LAWS: Readonly<Record<string, string>> = {
  "commutativity of +": "in3[a,b,c,+] -> in3[b,a,c,+]",
  "commutativity of *": "in3[a,b,c,*] -> in3[b,a,c,*]",
  "associativity of +": "in3[a,b,d,+] & in3[d,c,e,+] & in3[b,c,f,+] -> in3[a,f,e,+]",
  "associativity of *": "in3[a,b,d,*] & in3[d,c,e,*] & in3[b,c,f,*] -> in3[a,f,e,*]",
  "left distributivity": "in3[b,c,d,+] & in3[a,d,e,*] & in3[a,b,f,*] & in3[a,c,g,*] -> in3[f,g,e,+]",
  "right distributivity": "in3[a,b,d,+] & in3[d,c,e,*] & in3[a,c,f,*] & in3[b,c,g,*] -> in3[f,g,e,+]",
};

export const HELPER_LEMMAS: Readonly<Record<string, string>> = {
  "0+a = a": "in3[zero,a,b,+] -> =[a,b]",
  "0+a = a+0": "in3[zero,a,b,+] -> in3[a,zero,b,+]",
  "s(a)+b = s(a+b)": "in2[a,c,s] & in3[a,b,d,+] & in2[d,e,s] -> in3[c,b,e,+]",
  "0*a = a*0": "in3[zero,a,b,*] -> in3[a,zero,b,*]",
  "s(a)*b = a*b+b": "in2[a,c,s] & in3[a,b,d,*] & in3[d,b,e,+] -> in3[c,b,e,*]",
  "(a+b)+c = (a+c)+b": "in3[a,b,d,+] & in3[d,c,e,+] & in3[a,c,f,+] -> in3[f,b,e,+]",
  "a+s(b) = s(a+b)": "in2[b,c,s] & in3[a,b,d,+] & in2[d,e,s] -> in3[a,c,e,+]",
  "a*s(b) = a*b+a": "in2[b,c,s] & in3[a,b,d,*] & in3[d,a,e,+] -> in3[a,c,e,*]",
  "a+0 = a": "in3[a,zero,b,+] -> =[a,b]",
};
