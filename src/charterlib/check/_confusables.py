"""Names that look like other names (Trojan Source homoglyphs): `rurаl` with a Cyrillic `а` is not `rural`.

Like rustc's `confusable_idents` and `mixed_script_confusables` lints, two cases are warned about,
once per name, where the name is first written: a name whose look-alike skeleton (letters that
look like Latin ones replaced by them, full-width forms folded) is the skeleton of another name of
the charter, and a name that mixes Latin letters with letters of another script that look like
Latin ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from ..common.source import SourceFile, Span

# Letters of other scripts that look like Latin letters (after Unicode's confusables.txt, the
# Cyrillic and Greek ones that matter in practice).
_LOOKALIKES = dict(zip(
    "аеорсухіјѕһԁԛԝӏАВЕКМНОРСТХІЈЅУ" "οαινρτκυχεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijshdqwlABEKMHOPCTXIJSY" "oaivptkuxeABEZHIKMNOPTYX",
    strict=True,
))
_NAME = re.compile(r'"[^"\n]*"|“[^”\n]*”|#[^\n]*|([^\W\d]\w*)')


def skeleton(name: str) -> str:
    """The name with full-width forms folded and look-alike letters replaced by the Latin ones."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(_LOOKALIKES.get(ch, ch) for ch in folded)


def names_in(source: SourceFile) -> Iterator[tuple[str, Span]]:
    """Every bare word of a charter's text outside texts and comments, where it stands."""
    for match in _NAME.finditer(source.text):
        if match.group(1) is not None:
            yield match.group(1), source.span(match.start(1), match.end(1))


def confusable(name: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    """For a name that looks like another: (the other name it looks like, the first character of
    another script that looks Latin); (None, None) for a name that is what it looks like."""
    if name.isascii():
        return None, None
    odd = next((ch for ch in name if ch in _LOOKALIKES or (not ch.isascii()
                and unicodedata.normalize("NFKC", ch).isascii())), None)
    if odd is None:
        return None, None
    shape = skeleton(name)
    other = next((k for k in sorted(known) if k != name and skeleton(k) == shape), None)
    mixed = any(ch.isascii() and ch.isalpha() for ch in name) and odd in _LOOKALIKES
    if other is None and not mixed:
        return None, None
    return other, odd


def describe_character(ch: str) -> str:
    """`а` (U+0430 CYRILLIC SMALL LETTER A)."""
    name = unicodedata.name(ch, "")
    return f"`{ch}` (U+{ord(ch):04X}{' ' + name if name else ''})"


def confusable_names(source: SourceFile, names: Iterable[str], warning: Callable[..., None]) -> None:
    """Warn about each name of the file that looks like another name (of the file or of `names`) but
    is not it, where it is first written."""
    words = list(names_in(source))
    known = {word for word, _ in words} | set(names)
    seen: set[str] = set()
    for word, span in words:
        if word in seen:
            continue
        seen.add(word)
        other, odd = confusable(word, known)
        if odd is None:
            continue
        what = describe_character(odd)
        if other is not None:
            message = (f"`{word}` looks like `{other}` but is another name: its {what} only looks "
                       f"like `{skeleton(odd)}`.")
        else:
            message = (f"`{word}` mixes Latin letters with {what}, a letter of another script that "
                       f"looks like `{skeleton(odd)}`.")
        warning("confusable-name", message, span, label="look-alike letter",
                help=f"retype the name with the letters it is meant to have, like `{skeleton(word)}`")
