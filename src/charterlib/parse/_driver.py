"""A fast driver for the charter parser: lexer, layout and LALR loop fused into one function.

Lark's own loop (`lark.Lark.parse`) runs a generator per stage (contextual lexer, `Layout`
post-lexer, LALR parser), dispatches each reduction through a dictionary keyed by `Rule` objects
and counts lines and columns for every token. This driver uses exactly Lark's tables — the
contextual lexer's per-state regular expressions, the LALR action table, the tree-building
callbacks (which call `Builder`) — in one loop that does none of that. Chains of `?rule`
reductions that only pass their single child up (`expr → … → atom`) cost one memoised state
change; terminals the tree drops (`_NL`, `_COMMA`, …) get no token object; runs of spaces are
skipped by the whitespace terminal's own expression once `may_start_with` has shown that no
other terminal can start with a space. Lines and columns are left to `SourceFile.position`.

It handles well-formed files only. At the first thing it does not expect (an unknown character,
a token the parser does not accept, an indentation mistake) it raises `Fallback`, and `parse`
runs Lark's own parser on the file, whose exceptions carry the positions and the expected
tokens the diagnostics are built from. Both therefore accept the same files and build the same
tree; `tests/parse/test_parse_driver.py` checks this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import lark
from lark import Token
from lark.parsers.lalr_analysis import Shift

from ._layout import CLOSING, OPENING, TRAILING


class Fallback(Exception):
    """The driver met something it does not handle; Lark's parser must take over."""


# An action: an int is "shift to that state"; a tuple is a reduction (size, goto table of the
# rule's head, callback), without a callback for a rule that passes its single child up.
_Reduce = tuple[int, dict[int, int], Callable[[list[Any]], Any] | None]
_Action = int | _Reduce


_CATEGORIES = {
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
}


def may_start_with(regexp: str, char: str) -> bool:
    """Whether `regexp` may match some text that starts with `char` (True when unsure)."""
    try:
        return _first(sre_parse.parse(regexp), char)[0]
    except Exception:  # noqa: BLE001 - an unexpected construct: assume it may
        return True


def _first(items: Any, char: str) -> tuple[bool, bool]:
    # (may match a text starting with `char`, may match the empty text), for a sequence
    for op, av in items:
        hit, empty = _first_one(op, av, char)
        if hit:
            return True, False
        if not empty:
            return False, False
    return False, True


def _first_one(op: Any, av: Any, char: str) -> tuple[bool, bool]:
    if op is sre.LITERAL:
        return av == ord(char), False
    if op is sre.NOT_LITERAL:
        return av != ord(char), False
    if op is sre.IN:
        negate, hit = False, False
        for kind, value in av:
            if kind is sre.NEGATE:
                negate = True
            elif kind is sre.LITERAL:
                hit = hit or value == ord(char)
            elif kind is sre.RANGE:
                hit = hit or value[0] <= ord(char) <= value[1]
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                hit = hit or re.match(_CATEGORIES[value], char) is not None
            else:
                return True, False
        return hit != negate, False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return (True, True) if add_flags or del_flags else _first(sub, char)
    if op is sre.BRANCH:
        found = [_first(alternative, char) for alternative in av[1]]
        return any(h for h, _ in found), any(e for _, e in found)
    if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
        low, _high, sub = av
        hit, empty = _first(sub, char)
        return hit, empty or low == 0
    if op is sre.AT or op is sre.ASSERT or op is sre.ASSERT_NOT:
        return False, True  # zero width: can only narrow what follows
    return True, True


class Driver:
    """The parse loop for one `lark.Lark` parser built with `lalr`, `contextual` and `Layout`."""

    def __init__(self, parser: lark.Lark, keyword_types: frozenset[str]) -> None:
        frontend: Any = parser.parser
        lalr = frontend.parser.parser
        table = lalr.parse_table
        callbacks = lalr.callbacks
        contextual = frontend.lexer.lexer
        self.start_state: int = table.start_states["start"]
        self.end_state: int = table.end_states["start"]
        self.keyword_types = keyword_types
        if any(isinstance(key, str) for key in callbacks):
            raise ValueError("callbacks on terminals: not handled by this driver")
        if max(table.states) >= 1 << 16:
            raise ValueError("too many parser states for the chain keys")

        gotos: dict[str, dict[int, int]] = {}
        for state, row in table.states.items():
            for symbol, (action, arg) in row.items():
                if action is Shift and not symbol.isupper() and symbol != "$END":
                    gotos.setdefault(symbol, {})[state] = arg
        reductions: dict[Any, _Reduce] = {}

        def reduction(rule: Any) -> _Reduce:
            if rule not in reductions:
                size = len(rule.expansion)
                symbol = rule.expansion[0] if size == 1 else None
                passes_child = (
                    rule.options.expand1 and not rule.alias and symbol is not None
                    and not (symbol.is_term and symbol.filter_out) and not symbol.name.startswith("_")
                    and not rule.options.empty_indices
                )
                goto = gotos.get(rule.origin.name, {})
                reductions[rule] = (size, goto, None if passes_child else callbacks[rule])
            return reductions[rule]

        self.actions: dict[int, dict[str, _Action]] = {}
        for state, row in table.states.items():
            actions: dict[str, _Action] = {}
            for symbol, (action, arg) in row.items():
                if not symbol.isupper() and symbol != "$END":
                    continue
                actions[symbol] = arg if action is Shift else reduction(arg)
            self.actions[state] = actions

        # per parser state: (regular expressions, terminals to skip, terminal callbacks)
        scanners: dict[int, tuple[tuple[Any, ...], frozenset[str], dict[str, Any]]] = {}
        built: dict[int, tuple[tuple[Any, ...], frozenset[str], dict[str, Any]]] = {}
        for state, lexer in contextual.lexers.items():
            if id(lexer) not in built:
                scanner = lexer.scanner  # builds `lexer.callback` too
                built[id(lexer)] = (tuple(scanner._mres), lexer.ignore_types, dict(lexer.callback))
            scanners[state] = built[id(lexer)]
        self.scanners = scanners
        # A space can start only an ignored terminal (`WS`): then runs of it are skipped by that
        # terminal's own expression rather than by trying every terminal of the state in turn.
        terminals = contextual.root_lexer.terminals
        ignored = frozenset(frontend.lexer_conf.ignore)
        spacers = [t for t in terminals if may_start_with(t.pattern.to_regexp(), " ")]
        self.skip_spaces: Any = None
        if len(spacers) == 1 and spacers[0].name in ignored and not frontend.lexer_conf.g_regex_flags:
            self.skip_spaces = re.compile(spacers[0].pattern.to_regexp()).match
        # terminals the tree never keeps (`_NL`, `_COMMA`, …): the parser gets no token object for them
        self.filtered = frozenset(name for name in contextual.root_lexer.terminals_by_name if name.startswith("_"))
        # chains of single-child rules, by lookahead: (state below << 16 | top state) → top state after
        self.chains: dict[str, dict[int, int]] = {
            symbol: {} for row in self.actions.values() for symbol in row
        }

    def _chain(self, below: int, top: int, type_: str) -> int:
        """The top state after every single-child reduction that `type_` causes on `below`, `top`."""
        while True:
            action = self.actions[top].get(type_)
            if not (isinstance(action, tuple) and action[2] is None):
                return top
            goto = action[1]
            if below not in goto:
                raise Fallback
            top = goto[below]

    def parse(self, text: str, seen_keywords: list[Token]) -> Any:
        """Parse `text` (ending in a newline); the keyword tokens met are appended to `seen_keywords`.

        Raises `Fallback` where Lark's own parser must take over to report the mistake.
        """
        actions = self.actions
        scanners = self.scanners
        filtered = self.filtered
        chains = self.chains
        chain = self._chain
        keyword_types = self.keyword_types
        end_state = self.end_state
        new_token = str.__new__
        states: list[int] = [self.start_state]
        values: list[Any] = []
        push_state = states.append
        push_value = values.append

        def feed(type_: str, token: Any) -> None:
            # the LALR loop: reduce as long as the table says so, then shift `token`
            while True:
                action = actions[states[-1]].get(type_)
                if action is None:
                    raise Fallback
                if isinstance(action, int):
                    push_state(action)
                    push_value(token)
                    return
                size, goto, callback = action
                if callback is None:  # rules passing their child up: only the top state changes
                    key = states[-2] << 16 | states[-1]
                    top = chains[type_].get(key)
                    if top is None:
                        top = chains[type_][key] = chain(states[-2], states[-1], type_)
                    states[-1] = top
                    continue
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                push_value(callback(children))
                if states[-1] not in goto:
                    raise Fallback
                push_state(goto[states[-1]])

        indents = [0]
        depth = 0
        last_type: str | None = None  # of the last token given to the parser
        pos = 0
        end = len(text)
        skip_spaces = self.skip_spaces
        while pos < end:
            if skip_spaces is not None and text[pos] == " ":
                pos = skip_spaces(text, pos).end()
                continue
            mres, ignore, lexer_callbacks = scanners[states[-1]]
            match = mres[0].match(text, pos)
            if match is None:
                for mre in mres[1:]:
                    match = mre.match(text, pos)
                    if match is not None:
                        break
                else:
                    raise Fallback
            value = match.group()
            type_ = match.lastgroup
            start = pos
            pos = match.end()
            if type_ in ignore:
                continue
            if type_ in filtered and type_ not in lexer_callbacks:
                token = None
            else:
                token = new_token(Token, value)
                token.type = type_
                token.value = value
                token.start_pos = start
                token.end_pos = pos
                token.line = token.column = token.end_line = token.end_column = None
                if type_ in lexer_callbacks:
                    token = lexer_callbacks[type_](token)
                    type_ = token.type
                if type_ in keyword_types:
                    seen_keywords.append(token)
            if type_ == "_NL":
                if depth or last_type in TRAILING:
                    continue
                feed("_NL", None)
                last_type = "_NL"
                # the indentation of the next line: the spaces after the last line break
                tail = value[value.rfind("\n") + 1 :]
                indent_text = tail[: len(tail) - len(tail.lstrip(" \t\u3000"))]
                if "\t" in indent_text or "\u3000" in indent_text:
                    raise Fallback
                width = len(indent_text)
                if width > indents[-1]:
                    indents.append(width)
                    feed("_INDENT", None)
                elif width < indents[-1]:
                    if width not in indents:
                        raise Fallback
                    while width < indents[-1]:
                        indents.pop()
                        feed("_DEDENT", None)
                continue
            if type_ in OPENING:
                depth += 1
            elif type_ in CLOSING and depth:
                depth -= 1
            last_type = type_
            # feed(type_, token), inlined: this is the parser's innermost loop
            while True:
                action = actions[states[-1]].get(type_)
                if action is None:
                    raise Fallback
                if isinstance(action, int):
                    push_state(action)
                    push_value(token)
                    break
                size, goto, callback = action
                if callback is None:
                    key = states[-2] << 16 | states[-1]
                    top = chains[type_].get(key)
                    if top is None:
                        top = chains[type_][key] = chain(states[-2], states[-1], type_)
                    states[-1] = top
                    continue
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                push_value(callback(children))
                if states[-1] not in goto:
                    raise Fallback
                push_state(goto[states[-1]])
        if last_type is not None:
            if last_type != "_NL":
                feed("_NL", None)
            while len(indents) > 1:
                indents.pop()
                feed("_DEDENT", None)
        # the end of input: reduce until the start rule is complete
        while True:
            action = actions[states[-1]].get("$END")
            if action is None or isinstance(action, int):
                raise Fallback
            size, goto, callback = action
            if callback is None:
                del states[-1]
            else:
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                push_value(callback(children))
            if states[-1] not in goto:
                raise Fallback
            push_state(goto[states[-1]])
            if states[-1] == end_state:
                return values[-1]
