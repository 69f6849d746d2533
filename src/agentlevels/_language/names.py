"""Mistaken names, in words: bare words, `$` names that are no names, other scripts.

The scan hands every word it cannot take to this module, with the catalog
when the caller has one (``check`` and ``compile`` do; ``parse`` is syntax
only), so that a hint suggests only metrics that exist: ``answer >= 5``
suggests ``$answers``, a whole name in Cyrillic (``$ответы``) the metric its
transliteration or its Russian description comes closest to, and a Latin name
with a letter of another script that looks Latin (``$аnswers``, a Cyrillic
``а``) names that letter. Each name gives one diagnostic over the whole name.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TypeAlias

from agentlevels._language import scripts
from agentlevels._language.catalog import Catalog
from agentlevels._messages.message import Alternatives, Message, message

# Words people write for an operator: English, Russian, Latvian, Lithuanian.
WORD_OPERATORS = {
    "and": "&&",
    "or": "||",
    "not": "!",
    "и": "&&",
    "или": "||",
    "не": "!",
    "un": "&&",
    "vai": "||",
    "ne": "!",
    "ir": "&&",
    "arba": "||",
}
KEYWORDS = ("true", "false")
_FUNCTION_HINTS = {
    "max": "hint-max",
    "min": "hint-min",
    "sum": "hint-sum",
    "avg": "hint-average",
    "mean": "hint-average",
    "average": "hint-average",
}
_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
# The message keys naming a script's letters: "the Cyrillic letter", "written in Cyrillic".
_SCRIPT_KEYS = {
    "CYRILLIC": ("letter-cyrillic", "script-cyrillic"),
    "GREEK": ("letter-greek", "script-greek"),
    "ARMENIAN": ("letter-armenian", "script-armenian"),
    "COPTIC": ("letter-coptic", "script-coptic"),
    "CHEROKEE": ("letter-cherokee", "script-cherokee"),
    "GEORGIAN": ("letter-georgian", "script-georgian"),
}
_MENTIONED = 3  # look-alike letters named in a hint; the rest are fixed all the same


Wording: TypeAlias = tuple[str, Message, Message]
"""A diagnostic's code, message and hint; the scan places it in the text."""


def _quoted(names: Sequence[str]) -> Alternatives:
    return Alternatives(tuple(f"`${name}`" for name in names))


def bad_variable(lexeme: str, catalog: Catalog | None = None) -> Wording:
    """A ``$`` not followed by a name: alone, with capitals, or with a leading digit."""
    lowered = lexeme.lower()
    if lexeme == "$":
        what, hint = message("dollar-alone"), message("hint-as-in-answers")
    elif _NAME.match(lowered[1:]):
        what = message("name-not-lower-case", name=lexeme)
        hint = message("hint-write", text=lowered)
        close = [] if catalog is None or lowered[1:] in catalog else catalog.suggest(lowered[1:])
        if close:  # $Answer: not $answer, which is no metric either
            hint = message("hint-did-you-mean", names=_quoted(close))
    else:
        what, hint = message("not-a-name", name=lexeme), message("hint-name-form")
    return "invalid-variable", what, hint


def bare_word(word: str, called: bool, catalog: Catalog | None) -> Wording:
    """A word without ``$`` other than ``true``/``false``, in any script.

    ``called``: a ``(`` follows the word, as in ``max(``.
    """
    lowered = word.lower()
    if lowered in WORD_OPERATORS:
        what = message("word-not-operator", word=word)
        hint = message("hint-write", text=WORD_OPERATORS[lowered])
        return "word-operator", what, hint
    if called:
        what = message("function-call", word=word)
        hint = message(_FUNCTION_HINTS.get(lowered, "hint-alphabet"))
        return "function-call", what, hint
    if not word.isascii():
        return foreign_name(word, catalog)
    if lowered in KEYWORDS:
        what = message("keyword-not-lower-case", word=word)
        return "invalid-variable", what, message("hint-write", text=lowered)
    what = message("bare-word", word=word)
    return "missing-dollar", what, _dollar_hint(lowered, catalog)


def _dollar_hint(name: str, catalog: Catalog | None) -> Message:
    if catalog is None:
        return message("hint-dollar")
    if name in catalog:
        return message("hint-add-dollar", name=name)
    close = catalog.suggest(name)
    if close:
        return message("hint-add-dollar-suggest", names=_quoted(close))
    return message("hint-dollar-no-metric", word=name)


def foreign_name(lexeme: str, catalog: Catalog | None) -> Wording:
    """A name, with or without ``$``, holding letters outside ASCII."""
    body = lexeme.removeprefix("$")
    latin = scripts.ascii_form(body)
    if latin is not None and _meant_latin(body, latin.lower(), catalog):
        return _lookalike(lexeme, latin, catalog)
    scripts_used = {scripts.script(c) for c in body if not c.isascii() and c.isalpha()}
    if len(scripts_used) == 1 and "" not in scripts_used:
        script_name = message(_SCRIPT_KEYS[scripts_used.pop()][1])
        what = message("non-latin-name-script", word=lexeme, script=script_name)
    else:
        what = message("non-latin-name", word=lexeme)
    close = closest_metrics(body, catalog) if catalog is not None else []
    hint = message("hint-did-you-mean", names=_quoted(close)) if close else message("hint-catalog")
    return "non-latin-name", what, hint


def _meant_latin(body: str, latin: str, catalog: Catalog | None) -> bool:
    """Whether a word whose every letter looks Latin was meant as a Latin word.

    Yes when it mixes in real ASCII letters, or reads as a metric, a keyword
    or an operator; a word all of another script (``сор``) is a foreign word.
    """
    if any(c.isascii() and c.isalpha() for c in body):
        return True
    return (
        latin in KEYWORDS or latin in WORD_OPERATORS or (catalog is not None and latin in catalog)
    )


def _lookalike(lexeme: str, latin: str, catalog: Catalog | None) -> Wording:
    found = list(dict.fromkeys(c for c in lexeme if not c.isascii()))
    what = message("lookalike-letter", word=lexeme, count=len(found))
    parts = [_letter(char, lexeme, first=i == 0) for i, char in enumerate(found[:_MENTIONED])]
    letters = parts[0]
    for part in parts[1:]:
        letters = message("letters-joined", first=letters, rest=part)
    fixes = _fixes(lexeme.startswith("$"), latin.lower(), catalog)
    if fixes:
        hint = message("hint-lookalike", letters=letters, fixes=Alternatives(tuple(fixes)))
    else:
        hint = message("hint-lookalike-retype", letters=letters)
    return "lookalike-letter", what, hint


def _letter(char: str, word: str, *, first: bool) -> Message:
    """What ``char`` is: the Cyrillic letter а, or its Unicode name."""
    script = scripts.script(char)
    if script:
        key = "letter-in-word" if first else "letter-more"
        return message(key, char=char, word=word, letter=message(_SCRIPT_KEYS[script][0]))
    key = "character-in-word" if first else "character-more"
    ascii_char = scripts.lookalike(char) or "?"
    return message(key, char=char, word=word, name=scripts.character_name(char), ascii=ascii_char)


def _fixes(dollar: bool, latin: str, catalog: Catalog | None) -> list[str]:
    """What the name was meant to be, quoted; only metrics of the catalog when there is one."""
    if not dollar and latin in WORD_OPERATORS:
        return [f"`{WORD_OPERATORS[latin]}`"]
    if not dollar and latin in KEYWORDS:
        return [f"`{latin}`"]
    if not _NAME.match(latin):
        return []
    if catalog is None or latin in catalog:
        return [f"`${latin}`"]
    return [f"`${name}`" for name in catalog.suggest(latin)]


def foreign_digits(lexeme: str) -> Wording:
    """A run of digits with some outside ASCII: the number in ASCII digits."""
    ascii_digits = "".join(str(unicodedata.digit(char)) for char in lexeme)
    what = message("non-ascii-digits", number=lexeme)
    return "invalid-number", what, message("hint-write", text=ascii_digits)


def closest_metrics(word: str, catalog: Catalog, limit: int = 3) -> list[str]:
    """The metrics a word in another script most likely means, best first.

    A metric is close when its name is close to the word's transliteration
    (``чаты`` -> ``chaty`` -> ``chats``) or when a word of its description
    has the same stem (``ответы`` -> "Ответы на тикеты" -> ``answers``); a
    shorter description, where the word says more, ranks higher.
    """
    latin = scripts.transliterate(word)
    wanted = scripts.stem(word)
    ranked: list[tuple[float, float, str]] = []
    matcher = difflib.SequenceMatcher(None, b=latin)
    for metric in catalog.values():
        matcher.set_seq1(metric.name)
        by_name = matcher.ratio() if matcher.quick_ratio() >= 0.6 else 0.0
        by_description = max(
            (
                _description_score(description, wanted)
                for description in (metric.description_ru, metric.description)
            ),
            default=0.0,
        )
        best = max(by_name, by_description)
        if best >= 0.6:
            ranked.append((-best, -(by_name + by_description), metric.name))
    return [name for _, _, name in sorted(ranked)[:limit]]


def _description_score(description: str, wanted: str) -> float:
    stems = _stems(description)
    if not any(scripts.same_stem(stem, wanted) for stem in stems):
        return 0.0
    return 0.7 + 0.3 / len(stems)


@functools.lru_cache(maxsize=1024)  # a catalog's descriptions, stemmed once
def _stems(description: str) -> tuple[str, ...]:
    """The stems of a description's words of three letters or more."""
    return tuple(scripts.stem(w) for w in re.findall(r"\w+", description) if len(w) >= 3)


def unknown_variable(name: str, catalog: Catalog) -> Wording:
    """``unknown-variable`` for a ``$name`` the catalog lacks, with the close names it has.

    For a text with syntax errors, where the checker never runs, the scan's
    ``$names`` are checked with this, whatever the grammar says.
    """
    close = catalog.suggest(name)
    hint = message("hint-did-you-mean", names=_quoted(close)) if close else message("hint-catalog")
    return "unknown-variable", message("unknown-variable", name=name), hint
