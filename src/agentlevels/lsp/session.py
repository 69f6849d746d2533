"""What a client chose for the server: the locale of messages and the catalog of metrics."""

from __future__ import annotations

from pathlib import Path

from agentlevels._errors import AgentLevelsError
from agentlevels._language.catalog import Catalog
from agentlevels._language.catalog_files import load_catalog
from agentlevels._language.metrics import DEFAULT_CATALOG
from agentlevels.lsp.files import Checker
from agentlevels.lsp.language import checker, locale_setting

__all__ = ["SECTION", "Session"]

SECTION = "agentlevels"
"""The section of a client's settings that is the server's (``{"agentlevels": {...}}``)."""


class Session:
    """The settings in force: from ``initializationOptions``, then each settings change.

    ``locale`` is ``"en"`` or ``"ru"``; ``catalog`` the metrics formulas are
    checked against, the default catalog unless the setting ``catalog``
    names a catalog file (JSON or TOML, docs/cli.md), relative to the
    workspace's root.
    """

    def __init__(self, locale: str = "en") -> None:
        self.locale = locale_setting(locale)
        self.catalog: Catalog = DEFAULT_CATALOG

    def checker(self) -> Checker:
        """A formula checker in the session's locale and catalog."""
        return checker(self.locale, self.catalog)

    def configure(self, settings: object, root: str | None = None) -> str | None:
        """Take ``{"locale": "ru", "catalog": "metrics.toml"}``, or the same under
        ``{"agentlevels": {...}}``; what a setting lacks stays as it was.

        Returns the problem of a catalog file that cannot be read (the
        catalog then stays as it was), else None. An empty ``catalog`` is the
        default catalog again.
        """
        if isinstance(settings, dict) and isinstance(settings.get(SECTION), dict):
            settings = settings[SECTION]
        if not isinstance(settings, dict):
            return None
        self.locale = locale_setting(settings.get("locale"), self.locale)
        path = settings.get("catalog")
        if path is None:
            return None
        if not isinstance(path, str) or not path:
            self.catalog = DEFAULT_CATALOG
            return None
        file = Path(path).expanduser()
        if not file.is_absolute() and root:
            file = Path(root) / file
        try:
            self.catalog = load_catalog(file)
        except AgentLevelsError as error:
            return str(error)
        return None
