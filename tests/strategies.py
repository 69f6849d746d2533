"""Hypothesis strategies shared by the test modules: typed formulas and snapshots."""

from __future__ import annotations

from hypothesis import strategies as st

from agentlevels import DEFAULT_CATALOG, Catalog, Metric, nodes

# A few metrics of each kind keep generated formulas readable and make
# variables repeat, which is where unknowns and zeros interact.
NUMBER_METRICS = ("answers", "chats", "worktime", "rewards_p", "nps")
BOOLEAN_METRICS = ("online", "busy")
CATALOG: Catalog = DEFAULT_CATALOG.extend([Metric("busy", type="boolean")])

integers = st.integers(min_value=0, max_value=10**6)
decimals = st.integers(min_value=0, max_value=10**6).map(lambda n: n / 100)


def number_leaves() -> st.SearchStrategy[nodes.Node]:
    return st.one_of(
        st.builds(nodes.Number, st.one_of(integers, decimals, st.sampled_from([0, 1, 0.5]))),
        st.builds(nodes.Variable, st.sampled_from(NUMBER_METRICS)),
    )


def boolean_leaves() -> st.SearchStrategy[nodes.Node]:
    return st.one_of(
        st.builds(nodes.Boolean, st.booleans()),
        st.builds(nodes.Variable, st.sampled_from(BOOLEAN_METRICS)),
    )


def _binary(
    classes: tuple[type[nodes.Binary], ...], operand: st.SearchStrategy[nodes.Node]
) -> st.SearchStrategy[nodes.Node]:
    return st.builds(lambda cls, a, b: cls(a, b), st.sampled_from(classes), operand, operand)


ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div)
ORDERING = (nodes.Lt, nodes.Le, nodes.Gt, nodes.Ge, nodes.Eq, nodes.Ne)


def number_formulas(max_leaves: int = 12) -> st.SearchStrategy[nodes.Node]:
    return st.recursive(
        number_leaves(),
        lambda inner: st.one_of(_binary(ARITHMETIC, inner), st.builds(nodes.Neg, inner)),
        max_leaves=max_leaves,
    )


def boolean_formulas(max_leaves: int = 12) -> st.SearchStrategy[nodes.Node]:
    comparisons = _binary(ORDERING, number_formulas(6))
    equalities = _binary((nodes.Eq, nodes.Ne), boolean_leaves())
    base = st.one_of(boolean_leaves(), comparisons, comparisons, equalities)

    def extend(inner: st.SearchStrategy[nodes.Node]) -> st.SearchStrategy[nodes.Node]:
        chains = st.lists(inner, min_size=2, max_size=4)
        return st.one_of(
            st.builds(nodes.And, chains),
            st.builds(nodes.Or, chains),
            st.builds(nodes.Not, inner),
        )

    return st.recursive(base, extend, max_leaves=max_leaves)


number_values = st.one_of(
    st.none(),
    st.sampled_from([0, 0.0, -0.0, 1, -1, 2**60, -(2**60), 10**30, 1e300, -1e300, 1e-300, 0.1]),
    # the edges of the float range (an int beyond it is refused by validation)
    st.sampled_from([1e308, -1e308, 5e-324, -5e-324, 1.7976931348623157e308, 2**1023]),
    st.integers(min_value=-1000, max_value=1000),
    st.floats(allow_nan=False, allow_infinity=False),
)
boolean_values = st.one_of(st.none(), st.booleans())


def snapshots() -> st.SearchStrategy[dict[str, int | float | bool | None]]:
    """Values for every generated metric: unknowns, zeros, negatives, huge and tiny."""
    fields: dict[str, st.SearchStrategy[int | float | bool | None]] = dict.fromkeys(
        NUMBER_METRICS, number_values
    )
    fields.update(dict.fromkeys(BOOLEAN_METRICS, boolean_values))
    return st.fixed_dictionaries(fields)


def _token_texts() -> list[str]:
    return [
        "$answers", "$chats", "$online", "$nope", "answers", "500", "12.5", "12,5", "0",
        "true", "false", "and", "or", "not", "AND", "(", ")", "((", "))", "+", "-", "*", "/",
        "!", "&&", "||", "&", "|", "=", "==", "!=", "<", "<=", ">", ">=", "=>", "$", "$A",
        "1e5", "١", "≥", " ", "\n", "\t", ".5", "1.", "9" * 20,
    ]  # fmt: skip


def formula_like_text() -> st.SearchStrategy[str]:
    """Text made of the language's tokens and near-misses, to reach deep into the parser."""
    return st.lists(st.sampled_from(_token_texts()), max_size=30).map(" ".join)


__all__ = [
    "BOOLEAN_METRICS",
    "CATALOG",
    "NUMBER_METRICS",
    "boolean_formulas",
    "formula_like_text",
    "number_formulas",
    "snapshots",
]
