"""``agentlevels playground``: prints its address, serves, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from agentlevels.cli import main
from tests.playground_support import fetch, post, served


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_port_zero_picks_a_free_port_and_a_signal_stops_it(stop: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "agentlevels", "playground", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("agentlevels playground: http://127.0.0.1:")
        url = line.split()[2]
        assert not url.endswith(":0/")
        status, _, page = fetch(url)
        assert status == 200
        assert b"playground.js" in page
        assert post(url + "api/explain", {"text": "$chats >= 5"})[1]["explanation"]
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "Traceback" not in out + err
    assert err.strip() == "stopped"


@pytest.mark.parametrize(
    ("port", "words"), [("x", "not a port number"), ("70000", "a port is 0..65535")]
)
def test_a_bad_port_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], port: str, words: str
) -> None:
    assert main(["playground", "--port", port]) == 2
    assert words in capsys.readouterr().err


def test_the_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with served() as server:
        code = main(["playground", "--port", str(server.server_address[1])])
    port = server.server_address[1]
    assert code == 2
    assert capsys.readouterr().err == (
        f"agentlevels playground: error: cannot listen on 127.0.0.1:{port}: "
        "Address already in use\n"
    )
