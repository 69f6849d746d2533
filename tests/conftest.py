"""Shared test configuration: hypothesis profiles.

``ci`` (the default) is bounded so ``make test`` stays fast on two cores;
``deep`` (``make fuzz`` or ``HYPOTHESIS_PROFILE=deep``) searches far longer.
"""

import os

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
