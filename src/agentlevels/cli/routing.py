"""``agentlevels route [STATE.json]``: print the routing decision for a state file."""

from __future__ import annotations

import argparse
import importlib.resources
import json

from agentlevels._documents import load_document
from agentlevels._errors import AgentLevelsError, SchemeFileError
from agentlevels.cli.failures import OK, CommandError, escape, message_of
from agentlevels.routing.route import RoutingDecision
from agentlevels.routing.state import RoutingState


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


def _state(path: str | None) -> RoutingState:
    if path is None:
        return RoutingState.from_json(sample_state_text())
    # A state file is JSON whatever its name: it may be a pipe such as <(make-state).
    return RoutingState.from_dict(load_document(path, fmt="json"))


def _message(error: AgentLevelsError, path: str | None) -> str:
    """The error, located in the state file (or the sample) when it does not say so itself."""
    if isinstance(error, SchemeFileError) and path is not None:
        return message_of(error if error.path else error.with_path(path))
    return f"{path or 'sample state'}: {message_of(error)}"


def run(args: argparse.Namespace) -> int:
    """Route the state named on the command line (or the sample); a bad state raises."""
    try:
        state = _state(args.state)
        decision = state.route()
    except AgentLevelsError as error:
        raise CommandError(_message(error, args.state)) from None
    if args.json:
        print(json.dumps(decision.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(escape(render(state, decision)))
    return OK


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
    # An offline operator takes nothing: "0 / 5" would read as five free slots.
    offline = {op.id for op in state.operators if not op.online}
    for operator, load in decision.loads.items():
        if operator not in offline:
            lines.append(f"  {operator:<16} {load} / {decision.limits[operator]}")
        else:
            lines.append(f"  {operator:<16} offline" + (f" (holds {load})" if load else ""))
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
    if decision.warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  {warning}" for warning in decision.warnings)
    return "\n".join(lines)
