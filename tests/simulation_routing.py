"""A small, seeded contact-centre simulation for routing: chats arrive, wait, are served.

Time moves in ticks; at each tick the conversations whose handling is over
free their slots, new ones join the queue, and ``route`` assigns what it can.
Arrivals and handling times come from one seeded ``random.Random``, so a run
is the same every time.
"""

from __future__ import annotations

import random
import statistics

import attrs

from agentlevels.routing import Conversation, Operator, RoutingPolicy, route


@attrs.frozen
class Outcome:
    """Per channel: the waits of the conversations served, and how many never were."""

    waits: dict[str, list[float]]
    unserved: dict[str, int]
    arrived: dict[str, int]

    def median_wait(self, channel: str) -> float:
        return statistics.median(self.waits[channel]) if self.waits[channel] else 0.0

    def longest_wait(self, channel: str) -> float:
        return max(self.waits[channel], default=0.0)


def simulate(
    policy: RoutingPolicy,
    *,
    seed: int,
    operators: int = 2,
    limit: int = 3,
    handling_s: float = 180,
    load: float = 0.95,
    emails: int = 48,
    hours: float = 16,
    tick_s: float = 10,
) -> Outcome:
    """Website chats arrive at ``load`` of the team's capacity (Poisson), and
    ``emails`` e-mails spread over the first three quarters of the run; every
    conversation takes an exponential handling time of mean ``handling_s``."""
    rng = random.Random(seed)
    horizon = hours * 3600
    rate = load * operators * limit / handling_s
    arrivals: list[tuple[float, str]] = []
    moment = rng.expovariate(rate)
    while moment < horizon:
        arrivals.append((moment, "website"))
        moment += rng.expovariate(rate)
    arrivals += [(rng.uniform(0, horizon * 0.75), "email") for _ in range(emails)]
    arrivals.sort()
    handling = [rng.expovariate(1 / handling_s) for _ in arrivals]
    channel_of = {f"c{i:05d}": channel for i, (_, channel) in enumerate(arrivals)}
    arrived_at = {f"c{i:05d}": at for i, (at, _) in enumerate(arrivals)}
    names = [f"op{i}" for i in range(operators)]
    busy: dict[str, list[float]] = {name: [] for name in names}
    queue: dict[str, Conversation] = {}
    waits: dict[str, list[float]] = {"website": [], "email": []}
    upcoming = 0
    now = 0.0
    while now < horizon:
        for name in names:
            busy[name] = [end for end in busy[name] if end > now]
        while upcoming < len(arrivals) and arrivals[upcoming][0] <= now:
            key = f"c{upcoming:05d}"
            queue[key] = Conversation(key, channel_of[key], "site", arrived_at=arrived_at[key])
            upcoming += 1
        team = [Operator(name, (), load=len(busy[name]), limit=limit) for name in names]
        for conversation, operator in route(policy, team, queue.values(), now=now).assignments:
            del queue[conversation]
            waits[channel_of[conversation]].append(now - arrived_at[conversation])
            busy[operator].append(now + handling[int(conversation[1:])])
        now += tick_s
    unserved = {"website": 0, "email": 0}
    for left in queue.values():
        unserved[left.channel] += 1
    arrived = {"website": 0, "email": 0}
    for _, channel in arrivals[:upcoming]:
        arrived[channel] += 1
    return Outcome(waits, unserved, arrived)
