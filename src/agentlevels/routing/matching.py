"""Pools of operators, and the chains that make room in a full pool.

A conversation's *pool* is the online operators of its eligible groups; the
pool keeps a binary heap of those with free slots, so the usual pick costs
``O(log m)``. When a pool has no free slot, a conversation assigned earlier
in the same call may still be able to move to another operator of *its*
pool, handing its slot over; that one may in turn make room by moving
another, and so on. :func:`find_chain` looks for the shortest such chain
(an augmenting path of the bipartite matching between conversations and
slots), searching pool by pool rather than conversation by conversation,
since conversations of one pool are interchangeable for it.

A search that fails finds a *closed* set: full operators whose conversations
of this call can only go to one another. Nothing in it can ever free up in
the same call (loads only grow), so its pools are marked dead and no later
search enters them again.
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Any


class Pool:
    """The operators one set of eligible groups reaches.

    ``heap`` holds the entries of those with free slots (stale ones are
    dropped on the way up); ``members`` is every online member; ``carriers``
    maps an operator to the assignment slots of this pool's conversations
    they took in this call; ``dead`` marks a pool in a closed, full set.
    """

    __slots__ = ("carriers", "dead", "heap", "members", "online")

    def __init__(self) -> None:
        self.heap: list[tuple[Any, ...]] = []
        self.online = 0
        self.members: set[int] = set()
        self.carriers: dict[int, list[int]] = {}
        self.dead = False


def top(pool: Pool, version: list[int]) -> int:
    """The best operator of ``pool`` with a free slot, or -1; drops stale entries."""
    heap = pool.heap
    while heap and heap[0][-1] != version[heap[0][-2]]:
        heapq.heappop(heap)
    return heap[0][-2] if heap else -1


def find_chain(start: Pool, pools: list[Pool], version: list[int]) -> list[tuple[int, Pool]]:
    """The shortest chain of moves that frees a slot in ``start``, or ``[]``.

    The chain is ``[(o1, P1), ..., (ok, Pk)]``: operator ``o1`` of ``start``
    hands over a conversation of pool ``P1``, which moves to ``o2`` (a member
    of ``P1``), ... and a conversation of ``Pk`` carried by ``ok`` moves to
    the best free operator of ``Pk``. Pools are tried in creation order and
    carriers in the order they took their first conversation, so the chain
    found does not depend on the order of the inputs. A failed search marks
    every pool it reached dead.
    """
    reached: dict[int, tuple[int, Pool] | None] = {id(start): None}
    seen = [start]
    frontier = deque((start,))
    while frontier:
        pool = frontier.popleft()
        for other in pools:
            if other.dead or id(other) in reached:
                continue
            carrier = next((op for op in other.carriers if op in pool.members), -1)
            if carrier < 0:
                continue
            reached[id(other)] = (carrier, pool)
            if top(other, version) >= 0:
                return _chain(other, reached)
            seen.append(other)
            frontier.append(other)
    for pool in seen:
        pool.dead = True
    return []


def _chain(end: Pool, reached: dict[int, tuple[int, Pool] | None]) -> list[tuple[int, Pool]]:
    chain: list[tuple[int, Pool]] = []
    pool = end
    step = reached[id(pool)]
    while step is not None:
        carrier, before = step
        chain.append((carrier, pool))
        pool = before
        step = reached[id(pool)]
    chain.reverse()
    return chain
