"""Letters of other scripts in names: look-alikes of ASCII, scripts, transliteration.

Names are ASCII (``$answers``). An administrator who writes in Russian or
Greek meets two mistakes: a whole name in Cyrillic (``$ответы``), and one
letter of another script inside a Latin name, typed after switching keyboard
layouts (``$аnswers`` with a Cyrillic ``а``). This module tells them apart:
:func:`ascii_form` replaces each letter that merely looks like an ASCII one
(after Unicode's confusables data, :mod:`.confusables`, and the compatibility
forms NFKC folds, such as fullwidth ``ａ``), and :func:`transliterate` and
:func:`stem` help find the metric a whole foreign word was meant to name.
"""

from __future__ import annotations

import unicodedata

from agentlevels._language.confusables import LOOKALIKES

_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LOOKALIKE_OF = {char: target for target, chars in LOOKALIKES.items() for char in chars}

# Scripts whose letters are named in hints, as Unicode names them (the first
# word of a letter's character name); other letters are named by their name.
SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "COPTIC", "CHEROKEE", "GEORGIAN")


def lookalike(char: str) -> str | None:
    """The ASCII letter or digit ``char`` looks like, or None (also for ASCII itself)."""
    if char.isascii():
        return None
    folded = unicodedata.normalize("NFKC", char)
    if folded in _ASCII_ALNUM:
        return folded
    return _LOOKALIKE_OF.get(char)


def ascii_form(word: str) -> str | None:
    """``word`` with every character outside ASCII replaced by its look-alike.

    None when some character has none: the word is then not a Latin word
    with a stray letter, but written in another script.
    """
    out = []
    for char in word:
        if char.isascii():
            out.append(char)
            continue
        ascii_char = lookalike(char)
        if ascii_char is None:
            return None
        out.append(ascii_char)
    return "".join(out)


def script(char: str) -> str:
    """The script of a letter as :data:`SCRIPTS` names it, or ``""`` when not one of them.

    Taken from the character's Unicode name (``CYRILLIC SMALL LETTER A``):
    the letters that look like ASCII ones are named that way, and
    :mod:`unicodedata` has no script property.
    """
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first in SCRIPTS and " LETTER " in f" {name} ":
        return first
    return ""


def character_name(char: str) -> str:
    """The Unicode name of ``char`` in lower case, or its code point when it has none."""
    return unicodedata.name(char, f"U+{ord(char):04X}").lower()


# Russian (with the Ukrainian and Belarusian letters) and Greek, as people
# spell them in Latin letters; enough to compare with English metric names.
_TRANSLITERATION = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
    "ё": "e",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "u",
    **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)),
    "θ": "th",
    "χ": "ch",
    "ψ": "ps",
}


def transliterate(word: str) -> str:
    """``word`` in Latin letters: Cyrillic and Greek transliterated, accents dropped."""
    out = []
    for char in unicodedata.normalize("NFKD", word.lower()):
        if unicodedata.combining(char):
            continue
        out.append(_TRANSLITERATION.get(char, char))
    return "".join(out)


# Endings of Russian nouns and adjectives, longest first: stem("ответов") ==
# stem("Ответы") == "ответ", so that a word finds the description it inflects.
_ENDINGS = (
    "ами",
    "ями",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    *("ов", "ев", "ей", "ам", "ям", "ах", "ях", "ом", "ем", "ой", "ый", "ий", "ая", "яя"),
    *("ое", "ее", "ые", "ие", "ых", "их", "ую", "юю"),
    *("а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"),
)


def stem(word: str) -> str:
    """A crude stem of a Russian word (lower case, ``ё`` as ``е``, one ending dropped)."""
    lowered = word.lower().replace("ё", "е")
    for ending in _ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            return lowered[: -len(ending)]
    return lowered


def same_stem(one: str, other: str) -> bool:
    """Whether two stems name the same word: equal, or one starts the other (4+ letters)."""
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter)
