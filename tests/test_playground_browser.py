"""The playground page in a real browser: the system's Chromium driven by Playwright.

``make test-browser`` installs both (Debian's chromium, the ``test-browser``
extra) and runs this file; elsewhere these tests are skipped with the reason.
Playwright is pointed at the system's executable: its own browser download
is never used. Set AGENTLEVELS_PLAYGROUND_SCREENSHOT=PATH to save the page's
picture for the docs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agentlevels import compile, explain
from agentlevels.playground.api import sample_team
from agentlevels.playground.server import PlaygroundServer
from tests.playground_support import served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("AGENTLEVELS_TEST_CHROMIUM", "/usr/bin/chromium")
# The flags a sandboxed machine with a closed network needs (no first-run
# pages, no calls home); Playwright gives each launch a fresh profile directory.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: `make test-browser` installs it")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="no playwright: `make test-browser` installs it"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server() -> Iterator[PlaygroundServer]:
    with served() as running:
        yield running


@pytest.fixture
def page(browser: Browser, server: PlaygroundServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    problems: list[str] = []
    elsewhere: list[str] = []

    def route(route: Any) -> None:
        # Nothing may be fetched from anywhere but the playground itself.
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    opened.route("**/*", route)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    opened.goto(server.url)
    opened.wait_for_function("document.querySelector('#problems li') !== null")
    yield opened
    context.close()
    assert problems == []
    assert elsewhere == []


def _type(page: Page, text: str) -> None:
    field = page.locator("#formula")
    field.fill("")
    field.press_sequentially(text)


def _expect() -> Any:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    return expect


def test_the_page_opens_with_an_example_and_its_matches(page: Page) -> None:
    expect = _expect()
    expect(page.locator("h1")).to_have_text("agentlevels playground")
    expect(page.locator("#formula")).to_have_value("$answers >= 500 || $chats >= 500")
    expect(page.locator("#summary")).to_have_text(re.compile(r"^\d+ of 20 agents meet"))


def test_a_bad_formula_is_underlined_under_its_characters(page: Page) -> None:
    expect = _expect()
    text = "$answers >= 500 && $chatz >= 5"
    _type(page, text)
    mark = page.locator("#backdrop mark.error")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("$chatz")
    expect(mark).to_have_attribute("data-code", "unknown-variable")
    start = text.index("$chatz")
    assert mark.get_attribute("data-start") == str(start)
    assert mark.get_attribute("data-end") == str(start + len("$chatz"))
    expect(page.locator("#problems li.error")).to_contain_text("unknown variable `$chatz`")
    expect(page.locator("#explanation")).to_have_class(re.compile("muted"))
    # The last whole formula's matches stay, dimmed.
    expect(page.locator("#team-panel")).to_have_class(re.compile("stale"))
    expect(page.locator("#team tbody tr")).to_have_count(20)
    # The mark sits under the characters of the textarea: the same content box,
    # and (monospace) `start` characters from its left edge, on the first line.
    box = mark.bounding_box()
    content = page.evaluate(
        """() => {
            const field = document.getElementById("formula");
            const style = getComputedStyle(field);
            const r = field.getBoundingClientRect();
            const left = r.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
            const top = r.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
            return {left, top, lineHeight: parseFloat(style.lineHeight)};
        }"""
    )
    assert box is not None
    width = box["width"] / len("$chatz")
    assert abs(box["x"] - (content["left"] + start * width)) < 1.0
    assert content["top"] - 1 <= box["y"] < content["top"] + content["lineHeight"]
    backdrop = page.locator("#backdrop").evaluate(
        "b => { const r = b.getBoundingClientRect(); return [r.left, r.top, r.width]; }"
    )
    field = page.locator("#formula").evaluate(
        "f => { const r = f.getBoundingClientRect(); return [r.left, r.top, r.width]; }"
    )
    assert backdrop == pytest.approx(field, abs=0.5)


def test_an_astral_character_shifts_nothing(page: Page) -> None:
    expect = _expect()
    _type(page, "$answers >= 1 && 😀")
    mark = page.locator("#backdrop mark.error")
    expect(mark).to_have_text("😀")
    # UTF-16 offsets, as the textarea counts them.
    assert (mark.get_attribute("data-start"), mark.get_attribute("data-end")) == ("17", "19")


def test_a_completion_is_accepted_and_the_matches_follow(page: Page) -> None:
    expect = _expect()
    _type(page, "$ch")
    options = page.locator("#completions li")
    expect(options.first).to_have_attribute("data-label", "$chats")
    expect(page.locator("#completions")).to_be_visible()
    page.locator("#formula").press("Enter")
    expect(page.locator("#completions")).to_be_hidden()
    expect(page.locator("#formula")).to_have_value("$chats")
    page.locator("#formula").press_sequentially(" >= 500")
    team = sample_team()
    met = sum(1 for snapshot in team.values() if compile("$chats >= 500")(snapshot))
    expect(page.locator("#summary")).to_have_text(f"{met} of 20 agents meet it")
    expect(page.locator("#team td.met")).to_have_count(met)
    # The matches follow the text: a stricter condition, fewer agents.
    page.locator("#formula").press_sequentially("0")
    fewer = sum(1 for snapshot in team.values() if compile("$chats >= 5000")(snapshot))
    assert 0 < fewer < met
    expect(page.locator("#summary")).to_have_text(f"{fewer} of 20 agents meet it")
    expect(page.locator("#team td.met")).to_have_count(fewer)
    expect(page.locator("#explanation")).to_have_text(explain("$chats >= 5000"))


def test_tab_and_a_click_accept_too(page: Page) -> None:
    expect = _expect()
    _type(page, "$rew")
    expect(page.locator("#completions li").first).to_have_attribute("data-label", "$rewards")
    page.locator("#formula").press("Tab")
    expect(page.locator("#formula")).to_have_value("$rewards")
    page.locator("#formula").press_sequentially(" > 0 && $miss")
    second = page.locator("#completions li").nth(1)
    label = second.get_attribute("data-label")
    assert label is not None
    second.click()
    expect(page.locator("#formula")).to_have_value(f"$rewards > 0 && {label}")


def test_a_number_formula_shows_each_agents_value(page: Page) -> None:
    expect = _expect()
    page.select_option("#kind", "number")
    _type(page, "$rewards_p")
    rows = page.locator("#team tbody tr")
    expect(rows).to_have_count(20)
    expect(page.locator("#summary")).to_have_text("")
    expect(page.locator('#team tr[data-agent="anna"] td').nth(1)).to_have_text("unknown")
    expect(page.locator('#team tr[data-agent="boris"] td').nth(1)).to_have_text("100")


def test_the_page_in_russian(page: Page) -> None:
    expect = _expect()
    page.select_option("#locale", "ru")
    expect(page.locator("h1")).to_have_text("Песочница agentlevels")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#team th").first).to_have_text("оператор")
    expect(page.locator("#summary")).to_contain_text("из 20 операторов")
    expect(page.locator("#explanation")).to_have_text("ответьте на 500 тикетов или 500 чатов")
    _type(page, "$answers >= 500 && $chatz >= 5")
    expect(page.locator("#problems li.error")).to_contain_text("неизвестная переменная `$chatz`")
    page.select_option("#locale", "en")
    expect(page.locator("#summary")).to_contain_text("of 20 agents")
    page.select_option("#locale", "ru")
    expect(page.locator("#summary")).to_contain_text("из 20 операторов")
    expect(page.locator("#explanation")).to_have_text(re.compile("Исправьте ошибки"))
    page.locator("#formula").press("End")
    page.locator("#formula").press("Home")
    expect(page.locator("#hover .title")).to_have_text("$answers")


def test_a_picture_of_the_page(page: Page, tmp_path: Path) -> None:
    expect = _expect()
    _type(page, "$answers >= 500 && $chatz >= 5 || $ch")
    expect(page.locator("#completions li").first).to_be_visible()
    expect(page.locator("#backdrop mark.error").first).to_have_text("$chatz")
    target = Path(os.environ.get("AGENTLEVELS_PLAYGROUND_SCREENSHOT") or tmp_path / "page.png")
    page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes().startswith(b"\x89PNG")
