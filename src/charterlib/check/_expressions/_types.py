"""Types as words in messages: `a date`, `money`, `a list of persons`."""

from __future__ import annotations

from ...language.types import Type

KIND_WORDS = {
    "bool": "a condition (true or false)",
    "int": "an integer",
    "decimal": "a number",
    "money": "money",
    "date": "a date",
    "duration": "a duration",
    "text": "text",
    "person": "a person",
    "labels": "a set of labels",
    "error": "an erroneous value",
}
"""Each kind of type as words."""


def describe(t: Type) -> str:
    """A type as words in a sentence: `a date`, `money`, `a list of persons`."""
    if t.kind == "enum":
        assert t.enum is not None
        word = f"a label of `{t.enum.name}`"
    elif t.kind == "list":
        assert t.element is not None
        inner = describe(t.element)
        for article in ("a ", "an "):
            inner = inner.removeprefix(article)
        word = f"a list of {inner}s" if t.element.kind in ("person", "date", "label") else f"a list of {inner}"
    else:
        word = KIND_WORDS[t.kind]
    return f"{word} that may be missing" if t.optional and t.kind != "list" else word
