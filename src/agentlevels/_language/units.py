"""Units of measure for metrics, combined through ``*`` and ``/``.

A unit is a product of named base units with integer exponents:
``count / hours`` is "per hour". Units never change a value; the checker
uses them to warn when a formula adds or compares unlike quantities.
"""

from __future__ import annotations

import re

import attrs

_BASE_NAME = re.compile(r"[a-z][a-z_]*\Z")


@attrs.frozen(repr=False)
class Unit:
    """A unit of measure: named base units with non-zero integer exponents.

    >>> Unit.parse("count/hours").symbol
    'count/hours'
    >>> Unit.parse("count") / Unit.parse("hours") == Unit.parse("count/hours")
    True
    """

    factors: tuple[tuple[str, int], ...] = ()

    @classmethod
    def base(cls, name: str) -> Unit:
        """The base unit ``name`` (lower-case letters and ``_``), as in ``Unit.base("hours")``."""
        if not _BASE_NAME.match(name):
            raise ValueError(f"a base unit name is lower-case letters and '_', not {name!r}")
        return cls(((name, 1),))

    @classmethod
    def parse(cls, text: str) -> Unit:
        """Parse ``"count/hours"``, ``"seconds/hours"``, ``"percent"`` or ``"1"``."""
        numerator, _, denominator = text.replace(" ", "").partition("/")
        unit = DIMENSIONLESS
        for name in numerator.split("*"):
            if name and name != "1":
                unit = unit * cls.base(name)
        for name in denominator.split("*") if denominator else ():
            unit = unit / cls.base(name)
        return unit

    def _combine(self, other: Unit, sign: int) -> Unit:
        exponents = dict(self.factors)
        for name, exponent in other.factors:
            exponents[name] = exponents.get(name, 0) + sign * exponent
        return Unit(tuple(sorted((n, e) for n, e in exponents.items() if e)))

    def __mul__(self, other: Unit) -> Unit:
        return self._combine(other, 1)

    def __truediv__(self, other: Unit) -> Unit:
        return self._combine(other, -1)

    @property
    def symbol(self) -> str:
        """The unit as text: ``count/hours``; ``1`` for a pure number."""

        def part(factors: list[tuple[str, int]]) -> str:
            names = [n if abs(e) == 1 else f"{n}^{abs(e)}" for n, e in factors]
            return "*".join(names)

        up = [f for f in self.factors if f[1] > 0]
        down = [f for f in self.factors if f[1] < 0]
        if not down:
            return part(up) or "1"
        return f"{part(up) or '1'}/{part(down)}"

    def __repr__(self) -> str:
        return f"Unit.parse({self.symbol!r})"

    def __str__(self) -> str:
        return self.symbol


DIMENSIONLESS = Unit()
