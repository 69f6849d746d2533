"""The texts of the checker's diagnostics: types, units, ranges, constant conditions.

``key -> {locale: template}``; see :mod:`agentlevels._messages.message`.
"""

from __future__ import annotations

CHECK_TEXTS: dict[str, dict[str, str]] = {
    "unknown-variable": {
        "en": "unknown variable `${name}`",
        "ru": "неизвестная переменная `${name}`",
    },
    "hint-did-you-mean": {"en": "did you mean {names}?", "ru": "может быть, {names}?"},
    "hint-catalog": {
        "en": "the catalog lists the known variables (`agentlevels metrics`)",
        "ru": "известные переменные перечислены в каталоге (`agentlevels metrics`)",
    },
    "is-condition": {"en": "{expression} is a condition", "ru": "{expression} — условие"},
    "is-number": {"en": "{expression} is a number", "ru": "{expression} — число"},
    "takes-numbers": {
        "en": "`{operator}` takes numbers, but {found}",
        "ru": "`{operator}` работает с числами, а {found}",
    },
    "not-takes-condition": {
        "en": "`!` takes a condition, but {found}",
        "ru": "`!` применяется к условию, а {found}",
    },
    "hint-negate-comparison": {
        "en": "to negate the comparison, write `!({text})`",
        "ru": "чтобы взять отрицание сравнения, напишите `!({text})`",
    },
    "hint-test-zero": {
        "en": "to test for zero, write `{text} == 0`",
        "ru": "чтобы проверить, равно ли значение нулю, напишите `{text} == 0`",
    },
    "joins-conditions": {
        "en": "`{operator}` joins conditions, but {found}",
        "ru": "`{operator}` соединяет условия, а {found}",
    },
    "hint-did-you-mean-text": {"en": "did you mean `{text}`?", "ru": "может быть, `{text}`?"},
    "makes-chain-true": {
        "en": "`{literal}` makes the whole `{operator}` chain true",
        "ru": "`{literal}` делает всю цепочку `{operator}` истинной",
    },
    "makes-chain-false": {
        "en": "`{literal}` makes the whole `{operator}` chain false",
        "ru": "`{literal}` делает всю цепочку `{operator}` ложной",
    },
    "no-effect": {
        "en": "`{literal}` has no effect here",
        "ru": "`{literal}` здесь ни на что не влияет",
    },
    "hint-real-condition": {
        "en": "remove it, or replace it with a real condition",
        "ru": "удалите его или замените настоящим условием",
    },
    "constants-always-true": {
        "en": "{expression} compares constants, so it is always true",
        "ru": "{expression} сравнивает константы, поэтому всегда истинно",
    },
    "constants-always-false": {
        "en": "{expression} compares constants, so it is always false",
        "ru": "{expression} сравнивает константы, поэтому всегда ложно",
    },
    "constants-always-unknown": {
        "en": "{expression} compares constants, so it is always unknown",
        "ru": "{expression} сравнивает константы, поэтому его значение всегда неизвестно",
    },
    "hint-compare-variable": {
        "en": "compare a $variable instead",
        "ru": "сравните вместо этого $переменную",
    },
    "compares-same-types": {
        "en": "`{operator}` compares two numbers or two conditions, but {left} and {right}",
        "ru": "`{operator}` сравнивает два числа или два условия, но {left}, а {right}",
    },
    "compares-numbers": {
        "en": "`{operator}` compares numbers, but {found}",
        "ru": "`{operator}` сравнивает числа, а {found}",
    },
    "units-compares": {
        "en": "{expression} compares {left} and {right}",
        "ru": "{expression} сравнивает {left} и {right}",
    },
    "units-adds": {
        "en": "{expression} adds {left} and {right}",
        "ru": "{expression} складывает {left} и {right}",
    },
    "units-subtracts": {
        "en": "{expression} subtracts {left} and {right}",
        "ru": "{expression} вычитает друг из друга {left} и {right}",
    },
    "hint-same-thing": {
        "en": "check that both sides measure the same thing",
        "ru": "проверьте, что обе стороны измеряют одно и то же",
    },
    "never-true": {
        "en": "{expression} can never be true: {bounds}",
        "ru": "{expression} никогда не выполняется: {bounds}",
    },
    "always-true": {
        "en": "{expression} is always true when known: {bounds}",
        "ru": "{expression} выполняется всегда, когда значение известно: {bounds}",
    },
    "bounds-between": {
        "en": "${name} is between {low} and {high}",
        "ru": "${name} лежит в пределах от {low} до {high}",
    },
    "bounds-at-least": {"en": "${name} is at least {low}", "ru": "${name} не меньше {low}"},
    "bounds-at-most": {"en": "${name} is at most {high}", "ru": "${name} не больше {high}"},
    "hint-check-range": {
        "en": "check the number against the metric's range",
        "ru": "сверьте число с диапазоном метрики",
    },
    "division-by-zero": {
        "en": "dividing by zero always gives an unknown value",
        "ru": "деление на ноль всегда даёт неизвестное значение",
    },
    "hint-non-zero": {
        "en": "divide by a non-zero number or a $variable",
        "ru": "делите на ненулевое число или на $переменную",
    },
    "condition-expected": {
        "en": "a condition must be true or false, but {found}",
        "ru": "условие должно быть истинным или ложным, а {found}",
    },
    "hint-compare-it": {
        "en": "compare it, as in `{text}`",
        "ru": "сравните его с числом, например `{text}`",
    },
    "number-expected": {
        "en": "this formula must give a number, but {found}",
        "ru": "эта формула должна давать число, а {found}",
    },
    "hint-remove-comparison": {
        "en": "remove the comparison, or compile it as a condition (kind='boolean')",
        "ru": "уберите сравнение или компилируйте формулу как условие (kind='boolean')",
    },
    "reads-no-variable": {
        "en": "this condition reads no $variable, so it is always the same",
        "ru": "это условие не читает ни одной $переменной,"
        " поэтому его значение всегда одно и то же",
    },
    "hint-true-or-false": {
        "en": "write `true` or `false` if that is what you mean",
        "ru": "если так и задумано, напишите `true` или `false`",
    },
}
