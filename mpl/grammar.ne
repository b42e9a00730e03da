# The MPL grammar (nearley + moo). Compiled by `npm run grammar` into grammar.generated.ts.
#
# Formula bodies are GL's syntax verbatim; items (`definition`, `anchor`, `conjecture`) wrap them
# in our file format. `parse.ts` parses a file item by item (start symbol `item`) and a bare
# formula with start symbol `formula`. The grammar is unambiguous: every alternative of a
# formula is told apart by its first two tokens.

@preprocessor typescript

@{%
import * as act from "./grammar-actions.js";
import { lexer } from "./lexer.js";
%}

@lexer lexer

item       -> "definition" name "[" params "]" ":=" formula    {% act.definition %}
            | "anchor" name roleList:? extends:?                {% act.anchor %}
            | "conjecture" name ":=" formula                    {% act.conjecture %}

params     -> null                                              {% act.empty %}
            | param ("," param):*                               {% act.list %}
param      -> name ":" name                                     {% act.param %}

roleList   -> "(" role ("," role):* ")"                         {% act.roleList %}
extends    -> "extends" name                                    {% act.extendsPlain %}
            | "extends" name "[" names "]"                      {% act.extendsMapped %}
role       -> name name                                         {% act.role %}

formula    -> "(" name "[" names "]" ")"                        {% act.atom %}
            | "!" formula                                       {% act.not %}
            | "(" "!" formula ")"                               {% act.notParenthesised %}
            | "(" "&" formula formula ")"                       {% act.and %}
            | "(" ">" "[" names "]" formula formula ")"         {% act.implies %}

names      -> null                                              {% act.empty %}
            | name ("," name):*                                 {% act.list %}

name       -> %name                                             {% act.name %}
