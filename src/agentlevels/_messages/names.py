"""The texts of the diagnostics about names: other scripts, look-alike letters, functions.

``key -> {locale: template}``; see :mod:`agentlevels._messages.message`.
"""

from __future__ import annotations

NAME_TEXTS: dict[str, dict[str, str]] = {
    # ---- a bare word that names a metric without its `$`
    "hint-add-dollar-suggest": {
        "en": "variables start with `$`: did you mean {names}?",
        "ru": "имена переменных начинаются с `$`: может быть, {names}?",
    },
    "hint-dollar-no-metric": {
        "en": "variables start with `$`, but no metric is named like `{word}`;"
        " the catalog lists them (`agentlevels metrics`)",
        "ru": "имена переменных начинаются с `$`, но метрики с похожим на `{word}` именем нет;"
        " все метрики перечислены в каталоге (`agentlevels metrics`)",
    },
    "hint-dollar": {
        "en": "variables start with `$`, as in `$answers`",
        "ru": "имена переменных начинаются с `$`, например `$answers`",
    },
    # ---- a name followed by `(`
    "function-call": {
        "en": "`{word}(...)` calls a function, and formulas have no functions",
        "ru": "`{word}(...)` — вызов функции, а функций в формулах нет",
    },
    "hint-max": {
        "en": "for 'the larger of', compare each value and join with `||`: `$a >= 5 || $b >= 5`",
        "ru": "вместо «большее из» сравните каждое значение и соедините через `||`:"
        " `$a >= 5 || $b >= 5`",
    },
    "hint-min": {
        "en": "for 'the smaller of', compare each value and join with `&&`: `$a >= 5 && $b >= 5`",
        "ru": "вместо «меньшее из» сравните каждое значение и соедините через `&&`:"
        " `$a >= 5 && $b >= 5`",
    },
    "hint-sum": {
        "en": "write the sum out: `$a + $b`",
        "ru": "запишите сумму явно: `$a + $b`",
    },
    "hint-average": {
        "en": "write the average out: `($a + $b) / 2`",
        "ru": "запишите среднее явно: `($a + $b) / 2`",
    },
    # ---- a Latin name with letters of other scripts that look Latin
    "lookalike-letter": {
        "en": "`{word}` has {count:plural:a letter that only looks|letters that only look} Latin",
        "ru": "в `{word}` {count:plural:есть буква, которая только похожа на латинскую"
        "|есть буквы, которые только похожи на латинские"
        "|есть буквы, которые только похожи на латинские}",
    },
    "letter-in-word": {
        "en": "the `{char}` in `{word}` is the {letter} {char}",
        "ru": "`{char}` в `{word}` — {letter} {char}",
    },
    "letter-more": {
        "en": "the `{char}` is the {letter} {char}",
        "ru": "`{char}` — {letter} {char}",
    },
    "character-in-word": {
        "en": "the `{char}` in `{word}` is {name}, not the Latin `{ascii}`",
        "ru": "`{char}` в `{word}` — символ {name}, а не латинское `{ascii}`",
    },
    "character-more": {
        "en": "the `{char}` is {name}, not the Latin `{ascii}`",
        "ru": "`{char}` — символ {name}, а не латинское `{ascii}`",
    },
    "letters-joined": {"en": "{first}, {rest}", "ru": "{first}, {rest}"},
    "hint-lookalike": {
        "en": "{letters}; did you mean {fixes}?",
        "ru": "{letters}; может быть, {fixes}?",
    },
    "hint-lookalike-retype": {
        "en": "{letters}; type the name with a Latin keyboard layout",
        "ru": "{letters}; наберите имя в латинской раскладке",
    },
    "letter-cyrillic": {"en": "Cyrillic letter", "ru": "кириллическая буква"},
    "letter-greek": {"en": "Greek letter", "ru": "греческая буква"},
    "letter-armenian": {"en": "Armenian letter", "ru": "армянская буква"},
    "letter-coptic": {"en": "Coptic letter", "ru": "коптская буква"},
    "letter-cherokee": {"en": "Cherokee letter", "ru": "буква письма чероки"},
    "letter-georgian": {"en": "Georgian letter", "ru": "грузинская буква"},
    # ---- a number in digits other than ASCII ones
    "non-ascii-digits": {
        "en": "`{number}` is written in digits other than the ASCII 0-9",
        "ru": "`{number}` записано не цифрами ASCII 0-9",
    },
    # ---- a name written in another script
    "non-latin-name-script": {
        "en": "`{word}` is written in {script}: names use only the Latin letters a-z,"
        " digits and `_`",
        "ru": "`{word}` написано {script}: в именах бывают только латинские буквы a-z, цифры и `_`",
    },
    "non-latin-name": {
        "en": "`{word}` has letters other than the Latin a-z: names use only the letters a-z,"
        " digits and `_`",
        "ru": "в `{word}` есть буквы, кроме латинских a-z: в именах бывают только буквы a-z,"
        " цифры и `_`",
    },
    "script-cyrillic": {"en": "Cyrillic", "ru": "кириллицей"},
    "script-greek": {"en": "Greek", "ru": "греческими буквами"},
    "script-armenian": {"en": "Armenian", "ru": "армянскими буквами"},
    "script-coptic": {"en": "Coptic", "ru": "коптскими буквами"},
    "script-cherokee": {"en": "Cherokee", "ru": "буквами чероки"},
    "script-georgian": {"en": "Georgian", "ru": "грузинскими буквами"},
}
