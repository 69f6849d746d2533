"""The serialised lark parser shipped in the package matches the grammar."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import lark
import pytest
from lark.exceptions import UnexpectedInput

from agentlevels import nodes
from agentlevels._language import _lark_tables, parser
from agentlevels._language.locator import Locator

TOOL = Path(__file__).resolve().parent.parent / "tools" / "lark_tables.py"

TEXTS = [
    "$answers >= 500 || $chats >= 500",
    "($answers + $chats) / $worktime >= 12 && $rewards_p > 80 && !($punishments_p >= 5)",
    "-$a * (2 - $b) / 3 == 1.5 || true != false && $c < 1 && $d <= 2 && $e > 3",
    "$answers >=",
    "$a $b",
    "(($a)",
    ">= 1",
    "$a == == 1",
    "1 + * 2",
]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lark_tables_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tables_were_made_from_this_grammar() -> None:
    grammar = pkgutil.get_data("agentlevels", "grammar.lark")
    assert grammar is not None
    assert hashlib.sha256(grammar).hexdigest() == _lark_tables.GRAMMAR_SHA256
    assert grammar.decode("utf-8") == _lark_tables.GRAMMAR


@pytest.mark.skipif(
    lark.__version__ != _lark_tables.LARK_VERSION,
    reason="the tables were made with another lark version (the parser then analyses the grammar)",
)
def test_regenerating_the_tables_gives_the_committed_module() -> None:
    committed = Path(_lark_tables.__file__).read_text(encoding="utf-8")
    assert _tool().render() == committed, "run: python tools/lark_tables.py"


def _outcome(parse: lark.Lark, text: str) -> object:
    try:
        tree = parse.parse(text)
    except UnexpectedInput as error:
        expected = sorted(getattr(error, "expected", ()) or ())
        return (type(error).__name__, error.pos_in_stream, expected)
    assert isinstance(tree, nodes.Node)
    return [(type(node), node._payload(), node.span) for node in nodes.postorder(tree)]


@pytest.mark.parametrize("text", TEXTS)
def test_the_loaded_parser_parses_as_the_grammar_does(text: str) -> None:
    where = Locator(text)
    built_proxy = parser._BuilderProxy()
    built = lark.Lark(
        parser._grammar(),
        parser="lalr",
        lexer="basic",
        transformer=built_proxy,
        maybe_placeholders=False,
        g_regex_flags=re.ASCII,
    )
    built_proxy.target = parser._Builder(where)
    loaded_proxy = parser._BuilderProxy()
    loaded = parser._new_lark(loaded_proxy)
    loaded_proxy.target = parser._Builder(where)
    assert _outcome(loaded, text) == _outcome(built, text)


def test_loading_leaves_the_tables_unchanged() -> None:
    before = copy.deepcopy((_lark_tables.DATA, _lark_tables.MEMO))
    for _ in range(2):
        parser._new_lark(parser._BuilderProxy())
    assert before == (_lark_tables.DATA, _lark_tables.MEMO)


@pytest.mark.parametrize("stale", ["LARK_VERSION", "GRAMMAR"])
def test_another_lark_version_or_grammar_analyses_the_grammar(
    stale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_lark_tables, stale, "another")
    proxy = parser._BuilderProxy()
    proxy.target = parser._Builder(Locator("$a >= 1"))
    built = parser._new_lark(proxy)
    assert built.source_path != "<deserialized>"
    assert isinstance(built.parse("$a >= 1"), nodes.Ge)
