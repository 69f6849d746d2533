"""Levels: titles an agent earns once and keeps (scheme, outcome, files, lint, SQL)."""

from __future__ import annotations

from typing import Any

from agentlevels._public import legacy_attribute


def __getattr__(name: str) -> Any:
    # agentlevels 0.1 had a module of this name; its pickles name its classes.
    return legacy_attribute(__name__, name)
