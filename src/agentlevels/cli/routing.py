"""``agentlevels route [STATE.json]``: print the routing decision for a state file."""

from __future__ import annotations

import argparse
import importlib.resources
import json
import sys
from pathlib import Path

from agentlevels._errors import RoutingError
from agentlevels.routing.route import RoutingDecision
from agentlevels.routing.state import RoutingState

# A state file is a team and its queue; anything this large is a mistake.
MAX_STATE_BYTES = 50_000_000


def add_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``route`` sub-command."""
    parser = subparsers.add_parser(
        "route",
        help="decide who takes which waiting conversation",
        description=(
            "Route a queue of conversations to operators under a policy and print the "
            "decision: assignments, what still waits and why, projected loads, widget "
            "visibility per contact point, retention steps due and alerts. With no file, "
            "a built-in sample state is used. The file layout is in docs/routing.md."
        ),
    )
    parser.add_argument("state", nargs="?", metavar="STATE.json", help="the state to route")
    parser.add_argument("--json", action="store_true", help="print the decision as JSON")
    parser.set_defaults(handler=run)


def sample_state_text() -> str:
    """The embedded sample state, as JSON text."""
    resource = importlib.resources.files("agentlevels") / "data" / "sample_state.json"
    return resource.read_text(encoding="utf-8")


def _read(path: str) -> str | bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_STATE_BYTES:
            raise RoutingError(f"{path}: larger than {MAX_STATE_BYTES} bytes")
        return file.read_bytes()
    except OSError as error:
        raise RoutingError(f"{path}: cannot read ({error.strerror or error})") from None


def run(args: argparse.Namespace) -> int:
    """Route the state named on the command line (or the sample); 2 if it is unusable."""
    try:
        text = sample_state_text() if args.state is None else _read(args.state)
        state = RoutingState.from_json(text)
        decision = state.route()
    except RoutingError as error:
        where = args.state or "sample state"
        message = str(error)
        prefix = "" if message.startswith(where) else f"{where}: "
        print(f"error: {prefix}{message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(decision.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(state, decision))
    return 0


def render(state: RoutingState, decision: RoutingDecision) -> str:
    """The decision as a short plain-text report."""
    policy = state.policy
    lines = [f"Routing at t={state.now} ({policy.distribution}, {len(state.operators)} operators)"]
    lines.append("")
    lines.append(f"Assigned ({len(decision.assignments)}):")
    lines.extend(
        f"  {conversation:<16} -> {operator}" for conversation, operator in decision.assignments
    )
    lines.append("")
    lines.append(f"Waiting ({len(decision.waiting)}):")
    lines.extend(
        f"  {entry.conversation:<16} {entry.reason:<20} class {entry.priority}, "
        f"waited {entry.waited_s:g} s"
        for entry in decision.waiting
    )
    lines.append("")
    lines.append("Loads (projected / limit):")
    lines.extend(
        f"  {operator:<16} {load} / {decision.limits[operator]}"
        for operator, load in decision.loads.items()
    )
    lines.append("")
    lines.append("Chat widget:")
    lines.extend(
        f"  {point:<16} {'shown' if shown else 'hidden'}"
        for point, shown in decision.widget_visible.items()
    )
    lines.append("")
    lines.append("Retention due:")
    if not decision.retention:
        lines.append("  none")
    lines.extend(
        f"  {conversation:<16} {', '.join(actions)}"
        for conversation, actions in decision.retention.items()
    )
    lines.append("")
    lines.append("Alerts:")
    if not decision.alerts:
        lines.append("  none")
    for alert in decision.alerts:
        # Unknown figures (operator metrics per channel) are left out.
        shown = ", ".join(
            f"{name}={value:g}"
            for name, value in alert.metrics.items()
            if isinstance(value, int | float) and not isinstance(value, bool)
        )
        lines.append(f"  {alert.key} [{alert.scope} {alert.subject}]: {shown}")
    return "\n".join(lines)
