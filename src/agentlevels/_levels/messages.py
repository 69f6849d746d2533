"""The message shown when an agent reaches a level."""

from __future__ import annotations

from agentlevels import nodes
from agentlevels._explain.sentences import explain_node
from agentlevels._language.formula import Formula
from agentlevels._levels.level import Level
from agentlevels._values import text_locale

__all__ = ["level_message"]


def level_message(level: Level, formula: Formula, locale: str = "en") -> str:
    """A level's description followed by the sentence that says what it takes."""
    locale = text_locale(locale)
    node = formula.node
    if isinstance(node, nodes.Boolean) and node.value:
        took = (
            "Этот уровень есть у каждого с самого начала."
            if locale == "ru"
            else "Everyone starts at this level."
        )
    else:
        said = explain_node(node, locale)
        took = (
            f"Чтобы достичь этого уровня, {said}."
            if locale == "ru"
            else f"To reach this level, {said}."
        )
    description = level.description_in(locale).strip()
    return f"{description} {took}" if description else took
