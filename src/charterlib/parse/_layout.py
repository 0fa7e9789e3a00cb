"""Indentation: turns line breaks into _NL, _INDENT and _DEDENT tokens for the parser.

Inside ( ) and { } line breaks are ignored, and so is the break after a line ending in an operator,
`=` or `,`.  (A line starting with `and` / `or` continues the one before it: the grammar's
_CONTINUE terminal swallows that break before it reaches here.)  Inconsistent indentation is reported with its position.
"""

from __future__ import annotations

from collections.abc import Iterator

from lark import Token
from lark.exceptions import LarkError

from ..language.keywords import keywords
from ._build import CURRENT

OPENING = frozenset({"_LPAR", "_LBRACE", "_LSQB"})
CLOSING = frozenset({"RPAR", "RBRACE", "RSQB"})
TRAILING = frozenset({"AND", "OR", "EQ", "CMP_OP", "ADD_OP", "MUL_OP", "_COMMA"})


class LayoutError(LarkError):
    """A line whose indentation fits no enclosing block, or that is indented with tabs."""

    def __init__(self, message: str, token: Token, width: int) -> None:
        super().__init__(message)
        self.message = message
        self.token = token
        self.width = width


class Layout:
    """A Lark post-lexer that tracks indentation like Python's tokenizer."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Yield the tokens with layout tokens inserted (no look-ahead: the lexer is contextual)."""
        indents = [0]
        depth = 0
        last: Token | None = None
        table = keywords()
        state = CURRENT.get(None)
        seen = state.keywords if state is not None else []
        for token in stream:
            if token.type in table:
                seen.append(token)
            if token.type == "_NL":
                if depth == 0 and not (last is not None and last.type in TRAILING):
                    yield token
                    yield from self._indentation(token, indents)
                    last = token
                continue
            if token.type in OPENING:
                depth += 1
            elif token.type in CLOSING:
                depth = max(0, depth - 1)
            last = token
            yield token
        if last is not None:
            if last.type != "_NL":
                yield Token.new_borrow_pos("_NL", "\n", last)
            while len(indents) > 1:
                indents.pop()
                yield Token.new_borrow_pos("_DEDENT", "", last)

    @staticmethod
    def _indentation(newline: Token, indents: list[int]) -> Iterator[Token]:
        text = newline.value.rsplit("\n", 1)[-1]
        indent_text = text[: len(text) - len(text.lstrip(" \t\u3000"))]
        start_col = 1
        token = Token.new_borrow_pos("_NL", newline.value, newline)
        token.line = (newline.end_line or newline.line or 1)
        token.column = start_col
        token.start_pos = (newline.end_pos or 0) - len(text)
        token.end_pos = token.start_pos + max(1, len(indent_text))
        if "\t" in indent_text or "\u3000" in indent_text:
            bad = "a tab" if "\t" in indent_text else "a full-width space (　)"
            raise LayoutError(
                f"This line is indented with {bad}; indent charter lines with ordinary spaces only.",
                token,
                len(indent_text),
            )
        width = len(indent_text)
        if width > indents[-1]:
            indents.append(width)
            yield Token.new_borrow_pos("_INDENT", indent_text, token)
        elif width < indents[-1]:
            if width not in indents:
                raise LayoutError(
                    f"This line is indented by {width} space{'s' if width != 1 else ''}, which "
                    f"matches no enclosing block (those are indented by "
                    f"{' or '.join(str(i) for i in reversed(indents))}).",
                    token,
                    width,
                )
            while width < indents[-1]:
                indents.pop()
                yield Token.new_borrow_pos("_DEDENT", "", token)
