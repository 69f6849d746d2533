"""Shared test configuration: hypothesis profiles and the Spark session.

``ci`` (the default) is bounded so ``make test`` stays fast on two cores;
``deep`` (``make fuzz`` or ``HYPOTHESIS_PROFILE=deep``) searches far longer.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# The scenario plugin's tests run pytest inside pytest.
pytest_plugins = ["pytester"]

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "deep",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark session for the whole run (``make test-spark``), else a skip."""
    from tests.spark_engine import SKIP_REASON, spark_enabled, start_session

    if not spark_enabled():
        pytest.skip(SKIP_REASON)
    pytest.importorskip("pyspark", reason="pip install -e '.[test-spark]' (pyspark)")
    session = start_session("agentlevels-tests", str(tmp_path_factory.mktemp("warehouse")))
    yield session
    session.stop()
