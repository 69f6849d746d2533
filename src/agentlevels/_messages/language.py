"""The texts of the formula language's diagnostics: the scanner, the parser, the checker.

``key -> {locale: template}``; see :mod:`agentlevels._messages.message` for
the placeholders. The English texts are the library's messages as they have
always read; a key is stable once shipped (editors may keep their own
translations by key).
"""

from __future__ import annotations

LANGUAGE_TEXTS: dict[str, dict[str, str]] = {
    # ---- the scanner: lexical mistakes
    "not-a-comparison": {
        "en": "`{symbol}` is not a comparison",
        "ru": "`{symbol}` — не сравнение",
    },
    "not-an-operator": {
        "en": "`{symbol}` is not an operator",
        "ru": "`{symbol}` — не оператор",
    },
    "single-symbol": {
        "en": "a single `{symbol}` is not an operator",
        "ru": "одиночный `{symbol}` — не оператор",
    },
    "hint-compare": {"en": "to compare, write `==`", "ru": "для сравнения пишите `==`"},
    "hint-at-least": {"en": "for 'at least', write `>=`", "ru": "«не меньше» пишется как `>=`"},
    "hint-at-most": {"en": "for 'at most', write `<=`", "ru": "«не больше» пишется как `<=`"},
    "hint-not-equal": {"en": "for 'not equal', write `!=`", "ru": "«не равно» пишется как `!=`"},
    "hint-and": {"en": "for 'and', write `&&`", "ru": "«и» пишется как `&&`"},
    "hint-or": {"en": "for 'or', write `||`", "ru": "«или» пишется как `||`"},
    "hint-write": {"en": "write `{text}`", "ru": "напишите `{text}`"},
    "comma-decimal": {
        "en": "`{number}` uses a comma as the decimal mark",
        "ru": "в `{number}` дробная часть отделена запятой",
    },
    "hint-decimal-or-whole": {
        "en": "for a decimal, write `{decimal}`; for a whole number, `{whole}`",
        "ru": "если это дробь, напишите `{decimal}`; если целое число — `{whole}`",
    },
    "exponent": {
        "en": "`{number}` uses an exponent, which formulas do not support",
        "ru": "в `{number}` есть показатель степени, а формулы его не поддерживают",
    },
    "hint-in-full": {"en": "write the number out in full", "ru": "запишите число полностью"},
    "not-a-number": {"en": "`{number}` is not a number", "ru": "`{number}` — не число"},
    "hint-number-form": {
        "en": "numbers are digits with an optional decimal part, as in `500` or `12.5`",
        "ru": "число пишется цифрами, дробная часть — через точку: `500` или `12.5`",
    },
    "number-too-long": {
        "en": "`{number}` has {digits} significant digits; at most {limit} are allowed",
        "ru": "в `{number}` {digits} {digits:plural:значащая цифра|значащие цифры|значащих цифр};"
        " допускается не больше {limit}",
    },
    "hint-round": {
        "en": "round it: a formula's numbers are thresholds, not measurements",
        "ru": "округлите его: числа в формуле — пороги, а не результаты измерений",
    },
    "number-too-small": {
        "en": "`{number}` is too close to 0: numbers other than 0 must be at least about 2.2e-308",
        "ru": "`{number}` слишком близко к 0: числа, отличные от 0, должны быть"
        " не меньше примерно 2.2e-308",
    },
    "hint-zero-or-unit": {
        "en": "use 0, or a metric in a larger unit",
        "ru": "напишите 0 или возьмите метрику в более крупных единицах",
    },
    "dollar-alone": {
        "en": "`$` must be followed by a variable name",
        "ru": "после `$` должно идти имя переменной",
    },
    "hint-as-in-answers": {"en": "as in `$answers`", "ru": "например, `$answers`"},
    "name-not-lower-case": {
        "en": "`{name}` is not a variable name: names are lower case",
        "ru": "`{name}` — не имя переменной: имена пишутся строчными буквами",
    },
    "not-a-name": {"en": "`{name}` is not a variable name", "ru": "`{name}` — не имя переменной"},
    "hint-name-form": {
        "en": "a name starts with a letter or `_` and holds lower-case letters, digits and `_`",
        "ru": "имя начинается с буквы или `_` и состоит из строчных латинских букв, цифр и `_`",
    },
    "word-not-operator": {
        "en": "`{word}` is not an operator here",
        "ru": "`{word}` здесь не оператор",
    },
    "keyword-not-lower-case": {
        "en": "`{word}` is not a keyword: keywords are lower case",
        "ru": "`{word}` — не ключевое слово: ключевые слова пишутся строчными буквами",
    },
    "bare-word": {
        "en": "`{word}` is not a variable, number or keyword",
        "ru": "`{word}` — не переменная, не число и не ключевое слово",
    },
    "hint-add-dollar": {
        "en": "variables start with `$`: did you mean `${name}`?",
        "ru": "имена переменных начинаются с `$`: может быть, `${name}`?",
    },
    "lookalike-character": {
        "en": "`{char}` ({name}) is not part of the language",
        "ru": "`{char}` ({name}) не входит в язык формул",
    },
    "non-ascii-digit": {
        "en": "`{char}` ({name}) is not an ASCII digit",
        "ru": "`{char}` ({name}) — не цифра ASCII",
    },
    "hint-ascii-digit": {
        "en": "write the digit {digit} as `{digit}`",
        "ru": "цифру {digit} пишите как `{digit}`",
    },
    "foreign-character": {
        "en": "`{char}` is not part of the language",
        "ru": "`{char}` не входит в язык формул",
    },
    "hint-no-comments": {
        "en": "formulas have no comments; keep notes in the level's description",
        "ru": "в формулах нет комментариев; пояснения пишите в описании уровня",
    },
    "hint-no-lists": {
        "en": "decimals use a point, as in `12.5`; formulas have no lists",
        "ru": "дробная часть отделяется точкой, как в `12.5`; списков в формулах нет",
    },
    "hint-alphabet": {
        "en": "formulas use $variables, numbers, + - * /, comparisons, && || ! and parentheses",
        "ru": "в формулах бывают $переменные, числа, + - * /, сравнения, && || ! и скобки",
    },
    "unmatched-parenthesis": {"en": "this `)` closes nothing", "ru": "эта `)` ничего не закрывает"},
    "hint-unmatched": {
        "en": "remove it, or add the `(` it should close",
        "ru": "удалите её или добавьте `(`, которую она должна закрывать",
    },
    "unclosed-parenthesis": {"en": "this `(` is never closed", "ru": "эта `(` нигде не закрыта"},
    "hint-unclosed": {"en": "add the matching `)`", "ru": "добавьте парную `)`"},
    "too-deep": {
        "en": "the formula nests deeper than {limit} levels of parentheses and prefix operators",
        "ru": "скобки и префиксные операторы вложены в формуле глубже"
        " {limit} {limit:plural:уровня|уровней|уровней}",
    },
    "hint-split": {
        "en": "split it into simpler conditions",
        "ru": "разбейте формулу на более простые условия",
    },
    # ---- the parser: limits
    "too-long-with-spaces": {
        "en": "the formula is {length:,} characters long with its spaces;"
        " at most {limit:,} are allowed",
        "ru": "в формуле {length:,} {length:plural:символ|символа|символов} с пробелами;"
        " допускается не больше {limit:,}",
    },
    "too-long-without-spaces": {
        "en": "the formula is {length:,} characters long, not counting spaces;"
        " at most {limit:,} are allowed",
        "ru": "в формуле {length:,} {length:plural:символ|символа|символов} без пробелов;"
        " допускается не больше {limit:,}",
    },
    "empty-formula": {"en": "the formula is empty", "ru": "формула пуста"},
    "hint-write-condition": {
        "en": "write a condition such as `$answers >= 500`",
        "ru": "напишите условие, например `$answers >= 500`",
    },
    "too-many-nodes": {
        "en": "the formula has more than {limit:,} parts",
        "ru": "в формуле больше {limit:,} {limit:plural:части|частей|частей}",
    },
    # ---- the parser: grammar errors
    "term-number": {"en": "a number", "ru": "число"},
    "term-variable": {"en": "a $variable", "ru": "$переменная"},
    "term-end": {"en": "the end of the formula", "ru": "конец формулы"},
    "unexpected-character": {"en": "unexpected character", "ru": "неожиданный символ"},
    "unexpected-end": {
        "en": "the formula ends too early: {what} needs something after it",
        "ru": "формула обрывается слишком рано: {what} требует продолжения",
    },
    "cannot-start": {
        "en": "a formula cannot start with {what}",
        "ru": "{what} не может стоять в начале формулы",
    },
    "hint-start": {
        "en": "start with a $variable, a number, `(`, `!` or `-`",
        "ru": "начните с $переменной, числа, `(`, `!` или `-`",
    },
    "hint-shell": {
        "en": "{hint}; on a command line, use single quotes:"
        " the shell replaced `$name` with nothing",
        "ru": "{hint}; в командной строке берите формулу в одинарные кавычки:"
        " оболочка заменила `$name` пустой строкой",
    },
    "number-after-number": {
        "en": "a number cannot follow `{previous}` directly",
        "ru": "число не может идти сразу после `{previous}`",
    },
    "hint-no-thousands": {
        "en": "numbers have no thousands separator: write `{joined}`",
        "ru": "в числах нет разделителя тысяч: напишите `{joined}`",
    },
    "empty-parentheses": {"en": "empty parentheses", "ru": "пустые скобки"},
    "hint-fill-parentheses": {
        "en": "put an expression between them, or remove them",
        "ru": "напишите в них выражение или удалите их",
    },
    "cannot-follow-directly": {
        "en": "{what} cannot follow `{previous}` directly",
        "ru": "{what} не может идти сразу после `{previous}`",
    },
    "hint-operator-before": {
        "en": "put an operator such as `&&` or `+` before `{text}`",
        "ru": "поставьте перед `{text}` оператор, например `&&` или `+`",
    },
    "cannot-follow": {
        "en": "{what} cannot follow `{previous}`",
        "ru": "{what} не может идти после `{previous}`",
    },
    "hint-expected-operand": {
        "en": "expected a number, a $variable, `true`, `false` or `(`",
        "ru": "ожидалось число, $переменная, `true`, `false` или `(`",
    },
    "hint-expected-operator": {
        "en": "expected an operator or `)`",
        "ru": "ожидался оператор или `)`",
    },
    "hint-expected": {"en": "expected {words}", "ru": "ожидалось: {words}"},
    "hint-expected-end": {"en": "expected the end of the formula", "ru": "ожидался конец формулы"},
    "hint-expected-or-end": {
        "en": "expected {words}, the end of the formula",
        "ru": "ожидалось: {words} или конец формулы",
    },
    "chained-comparison": {
        "en": "comparisons cannot be chained",
        "ru": "сравнения нельзя записывать цепочкой",
    },
    "hint-compare-twice": {
        "en": "compare twice and join with `&&`",
        "ru": "сравните дважды и соедините сравнения через `&&`",
    },
}
