// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var name: any;

import * as act from "./grammar-actions.js";
import { lexer } from "./lexer.js";

interface NearleyToken {
  value: any;
  [key: string]: any;
};

interface NearleyLexer {
  reset: (chunk: string, info: any) => void;
  next: () => NearleyToken | undefined;
  save: () => any;
  formatError: (token: never) => string;
  has: (tokenType: string) => boolean;
};

interface NearleyRule {
  name: string;
  symbols: NearleySymbol[];
  postprocess?: (d: any[], loc?: number, reject?: {}) => any;
};

type NearleySymbol = string | { literal: any } | { test: (token: any) => boolean };

interface Grammar {
  Lexer: NearleyLexer | undefined;
  ParserRules: NearleyRule[];
  ParserStart: string;
};

const grammar: Grammar = {
  Lexer: lexer,
  ParserRules: [
    {"name": "item", "symbols": [{"literal":"definition"}, "name", {"literal":"["}, "params", {"literal":"]"}, {"literal":":="}, "formula"], "postprocess": act.definition},
    {"name": "item$ebnf$1", "symbols": ["roleList"], "postprocess": id},
    {"name": "item$ebnf$1", "symbols": [], "postprocess": () => null},
    {"name": "item$ebnf$2", "symbols": ["extends"], "postprocess": id},
    {"name": "item$ebnf$2", "symbols": [], "postprocess": () => null},
    {"name": "item", "symbols": [{"literal":"anchor"}, "name", "item$ebnf$1", "item$ebnf$2"], "postprocess": act.anchor},
    {"name": "item", "symbols": [{"literal":"conjecture"}, "name", {"literal":":="}, "formula"], "postprocess": act.conjecture},
    {"name": "params", "symbols": [], "postprocess": act.empty},
    {"name": "params$ebnf$1", "symbols": []},
    {"name": "params$ebnf$1$subexpression$1", "symbols": [{"literal":","}, "param"]},
    {"name": "params$ebnf$1", "symbols": ["params$ebnf$1", "params$ebnf$1$subexpression$1"], "postprocess": (d) => d[0].concat([d[1]])},
    {"name": "params", "symbols": ["param", "params$ebnf$1"], "postprocess": act.list},
    {"name": "param", "symbols": ["name", {"literal":":"}, "name"], "postprocess": act.param},
    {"name": "roleList$ebnf$1", "symbols": []},
    {"name": "roleList$ebnf$1$subexpression$1", "symbols": [{"literal":","}, "role"]},
    {"name": "roleList$ebnf$1", "symbols": ["roleList$ebnf$1", "roleList$ebnf$1$subexpression$1"], "postprocess": (d) => d[0].concat([d[1]])},
    {"name": "roleList", "symbols": [{"literal":"("}, "role", "roleList$ebnf$1", {"literal":")"}], "postprocess": act.roleList},
    {"name": "extends", "symbols": [{"literal":"extends"}, "name"], "postprocess": act.extendsPlain},
    {"name": "extends", "symbols": [{"literal":"extends"}, "name", {"literal":"["}, "names", {"literal":"]"}], "postprocess": act.extendsMapped},
    {"name": "role", "symbols": ["name", "name"], "postprocess": act.role},
    {"name": "formula", "symbols": [{"literal":"("}, "name", {"literal":"["}, "names", {"literal":"]"}, {"literal":")"}], "postprocess": act.atom},
    {"name": "formula", "symbols": [{"literal":"!"}, "formula"], "postprocess": act.not},
    {"name": "formula", "symbols": [{"literal":"("}, {"literal":"!"}, "formula", {"literal":")"}], "postprocess": act.notParenthesised},
    {"name": "formula", "symbols": [{"literal":"("}, {"literal":"&"}, "formula", "formula", {"literal":")"}], "postprocess": act.and},
    {"name": "formula", "symbols": [{"literal":"("}, {"literal":">"}, {"literal":"["}, "names", {"literal":"]"}, "formula", "formula", {"literal":")"}], "postprocess": act.implies},
    {"name": "names", "symbols": [], "postprocess": act.empty},
    {"name": "names$ebnf$1", "symbols": []},
    {"name": "names$ebnf$1$subexpression$1", "symbols": [{"literal":","}, "name"]},
    {"name": "names$ebnf$1", "symbols": ["names$ebnf$1", "names$ebnf$1$subexpression$1"], "postprocess": (d) => d[0].concat([d[1]])},
    {"name": "names", "symbols": ["name", "names$ebnf$1"], "postprocess": act.list},
    {"name": "name", "symbols": [(lexer.has("name") ? {type: "name"} : name)], "postprocess": act.name}
  ],
  ParserStart: "item",
};

export default grammar;
