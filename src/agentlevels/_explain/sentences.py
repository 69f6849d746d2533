"""Conditions said in words, in English and Russian.

``$answers >= 500 || $chats >= 500`` reads "answer 500 tickets or 500 chats".
Every metric of the default catalog has a phrase for every comparison against a
constant; anything else (arithmetic, two variables, metrics of a custom
catalog) reads as the formula's own canonical text with the comparison in
words, which is never wrong. ``!`` is pushed down to the comparisons (Kleene
logic makes ``!($a >= 5)`` exactly ``$a < 5``), so negations read naturally too.

Cumulative totals read as a task ("answer 500 tickets"); rates, shares and
averages read as a level to keep ("keep the share of negative ratings at 5%
or less").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from agentlevels import nodes
from agentlevels._explain.plural import (
    NBSP,
    Forms2,
    Forms3,
    format_number,
    genitive_ru,
    plural_en,
    plural_ru,
)

if TYPE_CHECKING:
    from agentlevels._language.formula import Formula

__all__ = ["explain", "explain_node"]

# Each comparison and the one that means its negation (exact under Kleene logic).
NEGATED: Final[dict[str, str]] = {
    ">=": "<",
    ">": "<=",
    "<=": ">",
    "<": ">=",
    "==": "!=",
    "!=": "==",
}
# ``5 < $a`` is ``$a > 5``.
MIRRORED: Final[dict[str, str]] = {
    ">=": "<=",
    ">": "<",
    "<=": ">=",
    "<": ">",
    "==": "==",
    "!=": "!=",
}
_COMPARISON_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        ">=": "is at least",
        ">": "is more than",
        "<=": "is at most",
        "<": "is less than",
        "==": "equals",
        "!=": "does not equal",
    },
    "ru": {
        ">=": "не меньше",
        ">": "больше",
        "<=": "не больше",
        "<": "меньше",
        "==": "равно",
        "!=": "не равно",
    },
}
_OPERATORS: Final[dict[type[nodes.Node], str]] = {
    nodes.Ge: ">=",
    nodes.Gt: ">",
    nodes.Le: "<=",
    nodes.Lt: "<",
    nodes.Eq: "==",
    nodes.Ne: "!=",
}


@attrs.frozen
class ValueUnit:
    """How a value of a rate, share or average is written: ``5%``, ``60 seconds``."""

    en: Forms2 | None  # None: a bare number
    ru_genitive: Forms2 | None  # не выше 1 секунды / 5 секунд
    ru_accusative: Forms3 | None  # на 1 секунду / 2 секунды / 5 секунд
    en_shift: Forms2 | None = None  # how a difference reads, if not like the value
    ru_shift: Forms3 | None = None
    percent: bool = False


PERCENT = ValueUnit(
    en=None,
    ru_genitive=None,
    ru_accusative=None,
    en_shift=("percentage point", "percentage points"),
    ru_shift=("процентный пункт", "процентных пункта", "процентных пунктов"),
    percent=True,
)
SECONDS = ValueUnit(("second", "seconds"), ("секунды", "секунд"), ("секунду", "секунды", "секунд"))
CHARACTERS = ValueUnit(
    ("character", "characters"), ("символа", "символов"), ("символ", "символа", "символов")
)
BARE = ValueUnit(None, None, None)


def _per_hour(en: Forms2, ru_accusative: Forms3, ru_genitive: Forms2) -> ValueUnit:
    return ValueUnit(
        (en[0] + " per hour", en[1] + " per hour"),
        (ru_genitive[0] + " в час", ru_genitive[1] + " в час"),
        (
            ru_accusative[0] + " в час",
            ru_accusative[1] + " в час",
            ru_accusative[2] + " в час",
        ),
    )


@attrs.frozen
class Task:
    """A cumulative total, said as a task: "answer 500 tickets", "ответьте на 500 тикетов"."""

    en_verb: str
    en_object: Forms2
    en_unit: Forms2  # what a shortfall counts: "180 more answers"
    ru_verb: str
    ru_preposition: str
    ru_object: Forms3  # accusative after the number
    ru_unit: Forms3  # nominative after "ещё"
    countable: bool = True  # "fewer than 5 calls" / "less than 5 hours"


@attrs.frozen
class Rate:
    """A rate, share or average, said as a level to keep: "keep … at 5% or less"."""

    en_subject: str
    ru_subject: str  # accusative: "держите долю отрицательных оценок …"
    unit: ValueUnit


@attrs.frozen
class Flag:
    """A boolean metric: "be online" / "be offline"."""

    en_true: str
    en_false: str
    ru_true: str
    ru_false: str


Phrasing: TypeAlias = Task | Rate | Flag

_TICKET_EN = ("ticket", "tickets")
_TICKET_RU = ("тикет", "тикета", "тикетов")
_SECOND_RU = ("секунду", "секунды", "секунд")


def _seconds_task(en_where: str, ru_verb: str, ru_unit_suffix: str) -> Task:
    return Task(
        "spend",
        ("second " + en_where, "seconds " + en_where),
        ("second " + en_where, "seconds " + en_where),
        ru_verb,
        "",
        _SECOND_RU,
        (
            "секунда " + ru_unit_suffix,
            "секунды " + ru_unit_suffix,
            "секунд " + ru_unit_suffix,
        ),
    )


def _percent(en: str, ru: str) -> Rate:
    return Rate(en, ru, PERCENT)


def _seconds(en: str, ru: str) -> Rate:
    return Rate(en, ru, SECONDS)


METRIC_PHRASES: Final[dict[str, Phrasing]] = {
    # The 19 level variables.
    "worktime": Task(
        "work",
        ("hour", "hours"),
        ("hour of work", "hours of work"),
        "отработайте",
        "",
        ("час", "часа", "часов"),
        ("час работы", "часа работы", "часов работы"),
        countable=False,
    ),
    "answers": Task(
        "answer",
        _TICKET_EN,
        ("answer", "answers"),
        "ответьте",
        "на",
        _TICKET_RU,
        ("ответ", "ответа", "ответов"),
    ),
    "answers_ph": Rate(
        "the ticket answer rate",
        "темп ответов на тикеты",
        _per_hour(("answer", "answers"), ("ответ", "ответа", "ответов"), ("ответа", "ответов")),
    ),
    "chats": Task(
        "answer",
        ("chat", "chats"),
        ("chat", "chats"),
        "ответьте",
        "на",
        ("чат", "чата", "чатов"),
        ("чат", "чата", "чатов"),
    ),
    "chats_ph": Rate(
        "the chat rate",
        "темп чатов",
        _per_hour(("chat", "chats"), ("чат", "чата", "чатов"), ("чата", "чатов")),
    ),
    "missed_chats": Task(
        "miss",
        ("chat", "chats"),
        ("missed chat", "missed chats"),
        "пропустите",
        "",
        ("чат", "чата", "чатов"),
        ("пропущенный чат", "пропущенных чата", "пропущенных чатов"),
    ),
    "chat_answers": Task(
        "send",
        ("chat message", "chat messages"),
        ("chat message", "chat messages"),
        "отправьте",
        "",
        ("сообщение в чате", "сообщения в чате", "сообщений в чате"),
        ("сообщение в чате", "сообщения в чате", "сообщений в чате"),
    ),
    "chat_answers_ph": Rate(
        "the chat message rate",
        "темп сообщений в чатах",
        _per_hour(
            ("chat message", "chat messages"),
            ("сообщение", "сообщения", "сообщений"),
            ("сообщения", "сообщений"),
        ),
    ),
    "calls": Task(
        "take",
        ("call", "calls"),
        ("call", "calls"),
        "примите",
        "",
        ("звонок", "звонка", "звонков"),
        ("звонок", "звонка", "звонков"),
    ),
    "calls_ph": Rate(
        "the call rate",
        "темп звонков",
        _per_hour(("call", "calls"), ("звонок", "звонка", "звонков"), ("звонка", "звонков")),
    ),
    "call_seconds": _seconds_task("on calls", "проведите в разговорах", "разговоров"),
    "call_seconds_ph": Rate(
        "call time per hour worked",
        "время звонков за час работы",
        _per_hour(("second", "seconds"), _SECOND_RU, ("секунды", "секунд")),
    ),
    "missed_calls": Task(
        "miss",
        ("call", "calls"),
        ("missed call", "missed calls"),
        "пропустите",
        "",
        ("звонок", "звонка", "звонков"),
        ("пропущенный звонок", "пропущенных звонка", "пропущенных звонков"),
    ),
    "rewards": Task(
        "earn",
        ("positive rating", "positive ratings"),
        ("positive rating", "positive ratings"),
        "получите",
        "",
        ("положительную оценку", "положительные оценки", "положительных оценок"),
        ("положительная оценка", "положительные оценки", "положительных оценок"),
    ),
    "rewards_p": _percent("the share of positive ratings", "долю положительных оценок"),
    "punishments": Task(
        "receive",
        ("negative rating", "negative ratings"),
        ("negative rating", "negative ratings"),
        "получите",
        "",
        ("отрицательную оценку", "отрицательные оценки", "отрицательных оценок"),
        ("отрицательная оценка", "отрицательные оценки", "отрицательных оценок"),
    ),
    "punishments_p": _percent("the share of negative ratings", "долю отрицательных оценок"),
    "not_ranked": Task(
        "leave",
        ("interaction unrated", "interactions unrated"),
        ("unrated interaction", "unrated interactions"),
        "оставьте без оценки",
        "",
        ("обращение", "обращения", "обращений"),
        ("неоценённое обращение", "неоценённых обращения", "неоценённых обращений"),
    ),
    "not_ranked_p": _percent("the share of unrated interactions", "долю неоценённых обращений"),
    # Badge metrics.
    "transferred_tickets": Task(
        "transfer",
        _TICKET_EN,
        ("transferred ticket", "transferred tickets"),
        "передайте",
        "",
        _TICKET_RU,
        ("переданный тикет", "переданных тикета", "переданных тикетов"),
    ),
    "break_seconds": _seconds_task("on breaks", "проведите на перерывах", "перерывов"),
    "breaks": Task(
        "take",
        ("break", "breaks"),
        ("break", "breaks"),
        "сделайте",
        "",
        ("перерыв", "перерыва", "перерывов"),
        ("перерыв", "перерыва", "перерывов"),
    ),
    "avg_ticket_view_seconds": _seconds(
        "the average ticket viewing time", "среднее время просмотра тикета"
    ),
    "avg_chat_pickup_seconds": _seconds(
        "the average chat pick-up time", "среднее время реакции на чат"
    ),
    "longest_answer_chars": Rate(
        "the longest ticket answer", "самый длинный ответ на тикет", CHARACTERS
    ),
    "tagged_tickets": Task(
        "tag",
        _TICKET_EN,
        ("tagged ticket", "tagged tickets"),
        "проставьте метки на",
        "",
        _TICKET_RU,
        ("тикет с метками", "тикета с метками", "тикетов с метками"),
    ),
    "avg_handling_seconds": _seconds(
        "the average ticket handling time", "среднее время обработки тикета"
    ),
    "online_seconds": _seconds_task("online", "проведите онлайн", "онлайн"),
    "longest_chat_seconds": _seconds("the longest chat", "самый длинный чат"),
    "resolved_tickets": Task(
        "resolve",
        _TICKET_EN,
        ("resolved ticket", "resolved tickets"),
        "решите",
        "",
        _TICKET_RU,
        ("решённый тикет", "решённых тикета", "решённых тикетов"),
    ),
    "deleted_tickets": Task(
        "delete",
        _TICKET_EN,
        ("deleted ticket", "deleted tickets"),
        "удалите",
        "",
        _TICKET_RU,
        ("удалённый тикет", "удалённых тикета", "удалённых тикетов"),
    ),
    "longest_call_seconds": _seconds("the longest call", "самый длинный звонок"),
    "online": Flag("be online", "be offline", "будьте в сети", "будьте не в сети"),
    # Quality metrics.
    "resolved_ph": Rate(
        "productivity",
        "продуктивность",
        _per_hour(
            ("resolved ticket", "resolved tickets"),
            ("решённый тикет", "решённых тикета", "решённых тикетов"),
            ("решённого тикета", "решённых тикетов"),
        ),
    ),
    "first_contact_resolution_p": _percent(
        "the first-contact resolution rate", "долю решённых с первого обращения"
    ),
    "avg_response_seconds": _seconds(
        "the average first response time", "среднее время первого ответа"
    ),
    "rating": Rate("the average rating", "среднюю оценку", BARE),
    "csat_p": _percent("customer satisfaction", "удовлетворённость клиентов"),
    "nps": Rate("the net promoter score", "индекс NPS", BARE),
    "negative_response_p": _percent("the negative response rate", "долю негативных ответов"),
    "resolution_p": _percent("the resolution rate", "долю решённых обращений"),
    "recontact_p": _percent("the recontact rate", "долю повторных обращений"),
    "replies_per_ticket": Rate(
        "the average number of replies per ticket", "среднее число ответов на тикет", BARE
    ),
}


# --- phrases -----------------------------------------------------------------------------------


@attrs.frozen
class Leaf:
    """One requirement. ``head`` is shared by neighbours with the same head, as in
    "answer 500 tickets or 500 chats"."""

    head: str
    tail: str

    @property
    def text(self) -> str:
        return f"{self.head} {self.tail}" if self.head else self.tail


@attrs.frozen
class Compound:
    """Requirements joined by "and" (``all_of``) or "or"."""

    all_of: bool
    parts: tuple[Phrase, ...]

    @property
    def depth(self) -> int:
        return 1 + max((p.depth if isinstance(p, Compound) else 0) for p in self.parts)


Phrase: TypeAlias = Leaf | Compound


def join(all_of: bool, parts: Sequence[Phrase]) -> Phrase:
    """Join phrases, flattening a compound of the same kind into its parent."""
    flat: list[Phrase] = []
    for part in parts:
        if isinstance(part, Compound) and part.all_of == all_of:
            flat.extend(part.parts)
        else:
            flat.append(part)
    return flat[0] if len(flat) == 1 else Compound(all_of, tuple(flat))


def render(phrase: Phrase, locale: str) -> str:
    """A phrase as text; nested compounds get parentheses only where they would be ambiguous."""
    if isinstance(phrase, Leaf):
        return phrase.text
    texts: list[str] = []
    previous_head: str | None = None
    for part in phrase.parts:
        if isinstance(part, Leaf):
            shared = bool(part.head) and part.head == previous_head
            texts.append(part.tail if shared else part.text)
            previous_head = part.head
        else:
            inner = render(part, locale)
            texts.append(f"({inner})" if part.depth >= 2 else inner)
            previous_head = None
    compound_inside = any(isinstance(p, Compound) for p in phrase.parts)
    word = (
        ("and" if phrase.all_of else "or") if locale != "ru" else ("и" if phrase.all_of else "или")
    )
    if locale == "ru":
        last_join = f", {word} " if compound_inside and not phrase.all_of else f" {word} "
    else:
        last_join = f", {word} " if compound_inside else f" {word} "
    if len(texts) == 2:
        return texts[0] + last_join + texts[1]
    return ", ".join(texts[:-1]) + last_join + texts[-1]


# --- comparisons in words --------------------------------------------------------------------


def _value_text(value: int | float, unit: ValueUnit, locale: str, *, genitive: bool) -> str:
    number = format_number(value, locale)
    if unit.percent:
        return f"{number}{NBSP}%" if locale == "ru" else f"{number}%"
    if locale == "ru":
        if genitive and unit.ru_genitive is not None:
            return f"{number} {genitive_ru(value, unit.ru_genitive)}"
        if not genitive and unit.ru_accusative is not None:
            return f"{number} {plural_ru(value, unit.ru_accusative)}"
        return number
    if unit.en is not None:
        return f"{number} {plural_en(value, unit.en)}"
    return number


def task_phrase(task: Task, operator: str, value: int | float, locale: str) -> Leaf:
    """A cumulative total compared with ``value``."""
    number = format_number(value, locale)
    if locale == "ru":
        noun = plural_ru(value, task.ru_object)
        prep = f"{task.ru_preposition} " if task.ru_preposition else ""
        verb = task.ru_verb
        if operator == ">=":
            return Leaf(f"{verb} {prep}".strip(), f"{number} {noun}")
        if operator == "!=":
            return Leaf(
                f"{verb} {prep}".strip(),
                f"любое число {task.ru_object[2]}, кроме {number}",
            )
        qualifier = {">": "более чем", "<=": "не более чем", "<": "менее чем", "==": "ровно"}
        return Leaf(verb, f"{qualifier[operator]} {prep}{number} {noun}")
    noun = plural_en(value, task.en_object)
    fewer = "fewer than" if task.countable else "less than"
    qualifier = {">=": "", ">": "more than ", "<=": "at most ", "<": fewer + " ", "==": "exactly "}
    if operator == "!=":
        return Leaf(task.en_verb, f"any number of {task.en_object[1]} but {number}")
    return Leaf(task.en_verb, f"{qualifier[operator]}{number} {noun}")


def rate_phrase(rate: Rate, operator: str, value: int | float, locale: str) -> Leaf:
    """A rate, share or average compared with ``value``: a level to keep."""
    if locale == "ru":
        amount = _value_text(value, rate.unit, locale, genitive=True)
        words = {
            ">=": "не ниже",
            ">": "выше",
            "<=": "не выше",
            "<": "ниже",
            "==": "ровно на уровне",
            "!=": "не на уровне",
        }
        return Leaf("держите", f"{rate.ru_subject} {words[operator]} {amount}")
    amount = _value_text(value, rate.unit, locale, genitive=False)
    templates = {
        ">=": "{s} at {v} or more",
        ">": "{s} above {v}",
        "<=": "{s} at {v} or less",
        "<": "{s} below {v}",
        "==": "{s} at exactly {v}",
        "!=": "{s} other than {v}",
    }
    return Leaf("keep", templates[operator].format(s=rate.en_subject, v=amount))


def flag_phrase(flag: Flag, truth: bool, locale: str) -> Leaf:
    if locale == "ru":
        return Leaf("", flag.ru_true if truth else flag.ru_false)
    return Leaf("", flag.en_true if truth else flag.en_false)


def fallback_phrase(left: str, operator: str, right: str, locale: str) -> Leaf:
    """Any comparison, read as its own text with the operator in words."""
    if locale == "ru":
        words = _COMPARISON_WORDS["ru"][operator]
        return Leaf("добейтесь, чтобы", f"{left} было {words} {right}")
    return Leaf("make sure", f"{left} {_COMPARISON_WORDS['en'][operator]} {right}")


# --- the fold over a formula ------------------------------------------------------------------


@attrs.frozen
class _Number:
    """What a number-valued sub-tree is: its node, a metric name, or a constant value."""

    node: nodes.Node
    variable: str | None = None
    constant: int | float | None = None
    has_variables: bool = True


@attrs.frozen
class _Condition:
    """A boolean sub-tree in words: as it is, and negated."""

    node: nodes.Node
    positive: Phrase
    negative: Phrase
    truth: bool | None = None  # a literal's value


_Result: TypeAlias = _Number | _Condition


def _constant_value(node: nodes.Node) -> int | float | None:
    if isinstance(node, nodes.Number):
        return node.value
    from agentlevels._language.runtime import evaluate_constant

    value = evaluate_constant(node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _format(node: nodes.Node) -> str:
    from agentlevels._language.format import format_node

    return format_node(node)


def _side_text(node: nodes.Node) -> str:
    text = _format(node)
    boolean = isinstance(node, nodes.Comparison | nodes.Logical)
    return f"({text})" if boolean else text


class _Explainer:
    def __init__(self, locale: str) -> None:
        self.locale = "ru" if locale == "ru" else "en"

    def __call__(self, node: nodes.Node, kids: Sequence[_Result]) -> _Result:
        locale = self.locale
        if isinstance(node, nodes.Number):
            return _Number(node, constant=node.value, has_variables=False)
        if isinstance(node, nodes.Variable):
            phrasing = METRIC_PHRASES.get(node.name)
            if isinstance(phrasing, Flag):
                return _Condition(
                    node, flag_phrase(phrasing, True, locale), flag_phrase(phrasing, False, locale)
                )
            return _Number(node, variable=node.name)
        if isinstance(node, nodes.Boolean):
            return self._literal(node, node.value)
        if isinstance(node, nodes.Not):
            (inner,) = kids
            if isinstance(inner, _Condition):
                truth = None if inner.truth is None else not inner.truth
                return _Condition(node, inner.negative, inner.positive, truth)
            return self._opaque(node)
        if isinstance(node, nodes.Logical):
            conditions = [k for k in kids if isinstance(k, _Condition)]
            all_of = isinstance(node, nodes.And)
            positive = join(all_of, [c.positive for c in conditions])
            negative = join(not all_of, [c.negative for c in conditions])
            return _Condition(node, positive, negative)
        if isinstance(node, nodes.Comparison):
            return self._comparison(node, kids)
        if isinstance(node, nodes.Neg | nodes.Binary):
            has_variables = any(not isinstance(k, _Number) or k.has_variables for k in kids)
            constant = None if has_variables else _constant_value(node)
            return _Number(node, constant=constant, has_variables=has_variables)
        return self._opaque(node)

    def _literal(self, node: nodes.Node, value: bool) -> _Condition:
        words = {
            "en": ("always", "never"),
            "ru": ("всегда", "никогда"),
        }[self.locale]
        yes, no = Leaf("", words[0]), Leaf("", words[1])
        return _Condition(node, yes if value else no, no if value else yes, value)

    def _opaque(self, node: nodes.Node) -> _Condition:
        text = _format(node)
        if self.locale == "ru":
            head = "добейтесь, чтобы"
            return _Condition(
                node, Leaf(head, f"{text} было истинно"), Leaf(head, f"{text} было ложно")
            )
        return _Condition(
            node, Leaf("make sure", f"{text} is true"), Leaf("make sure", f"{text} is false")
        )

    def _comparison(self, node: nodes.Comparison, kids: Sequence[_Result]) -> _Condition:
        operator = _OPERATORS[type(node)]
        left, right = kids
        phrase = self._compare(left, operator, right)
        negated = self._compare(left, NEGATED[operator], right)
        if phrase is None or negated is None:
            left_text, right_text = _side_text(node.left), _side_text(node.right)
            phrase = fallback_phrase(left_text, operator, right_text, self.locale)
            negated = fallback_phrase(left_text, NEGATED[operator], right_text, self.locale)
        return _Condition(node, phrase, negated)

    def _compare(self, left: _Result, operator: str, right: _Result) -> Leaf | None:
        if isinstance(left, _Number) and isinstance(right, _Number):
            if left.variable is None and right.variable is not None:
                left, right, operator = right, left, MIRRORED[operator]
            if left.variable is None or right.constant is None:
                return None
            phrasing = METRIC_PHRASES.get(left.variable)
            if isinstance(phrasing, Task):
                return task_phrase(phrasing, operator, right.constant, self.locale)
            if isinstance(phrasing, Rate):
                return rate_phrase(phrasing, operator, right.constant, self.locale)
            return None
        if isinstance(left, _Condition) and isinstance(right, _Condition):
            if operator not in ("==", "!="):
                return None
            if left.truth is not None and right.truth is None:
                left, right = right, left
            if right.truth is None or left.truth is not None:
                return None
            wanted = right.truth if operator == "==" else not right.truth
            chosen = left.positive if wanted else left.negative
            return chosen if isinstance(chosen, Leaf) else None
        return None


def explain_node(node: nodes.Node, locale: str = "en") -> str:
    """``node`` (a boolean condition) in words; see :func:`explain`."""
    if isinstance(node, nodes.Boolean):
        return _constant_text(node.value, locale)
    result = nodes.fold(node, _Explainer(locale))
    if isinstance(result, _Number):
        # A number-valued formula has no requirement to state; show it as written.
        return _format(node)
    return render(result.positive, "ru" if locale == "ru" else "en")


def _constant_text(value: bool, locale: str) -> str:
    if locale == "ru":
        return "без условий: выполняется всегда" if value else "никогда: условие не выполнимо"
    return "no condition: always met" if value else "never: the condition cannot be met"


def explain(formula: Formula | str, locale: str = "en") -> str:
    """A condition in plain words, in English (``"en"``) or Russian (``"ru"``).

    ``formula`` is a compiled :class:`~agentlevels.Formula` or formula text
    (compiled against the default catalog, so a bad formula raises the usual
    formula errors). Any other locale falls back to English.

    >>> explain("$answers >= 500 || $chats >= 500")
    'answer 500 tickets or 500 chats'
    >>> explain("$answers >= 500 || $chats >= 500", "ru")
    'ответьте на 500 тикетов или 500 чатов'
    """
    from agentlevels._language.formula import as_formula

    return explain_node(as_formula(formula, kind=None).node, locale)
