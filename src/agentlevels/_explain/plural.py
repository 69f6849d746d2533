"""Numbers and plural forms: kept at this path for the explainer; they live in ``_plural``.

The language's messages need the same Russian plural rules, and the language
sits below the explainer, so the functions moved down a floor.
"""

from __future__ import annotations

from agentlevels._plural import (
    NBSP,
    Forms2,
    Forms3,
    format_number,
    genitive_ru,
    is_whole,
    plural,
    plural_en,
    plural_ru,
    ru_form,
)

__all__ = [
    "NBSP",
    "Forms2",
    "Forms3",
    "format_number",
    "genitive_ru",
    "is_whole",
    "plural",
    "plural_en",
    "plural_ru",
    "ru_form",
]
