"""Small words the renderer and the messages share: severities, "or", the rendered frame."""

from __future__ import annotations

WORD_TEXTS: dict[str, dict[str, str]] = {
    "or": {"en": "or", "ru": "или"},
    # A text that has no key (a diagnostic made by hand): the same in every locale.
    "verbatim": {"en": "{text}", "ru": "{text}"},
    "severity-error": {"en": "error", "ru": "ошибка"},
    "severity-warning": {"en": "warning", "ru": "предупреждение"},
    "rendered-heading": {
        "en": "{severity}[{code}] at {line}:{column}: {message}",
        "ru": "{severity}[{code}] в {line}:{column}: {message}",
    },
    "rendered-hint": {"en": "hint: {hint}", "ru": "подсказка: {hint}"},
    "more-problems": {
        "en": "and {count:,} more problems, not shown",
        "ru": "и ещё ошибок, не показанных здесь: {count:,}",
    },
    "more-warnings": {
        "en": "and {count:,} more warnings, not shown",
        "ru": "и ещё предупреждений, не показанных здесь: {count:,}",
    },
    "hint-fix-first": {
        "en": "fix the ones above first; the rest are often the same mistake",
        "ru": "сначала исправьте те, что выше: остальные часто вызваны той же ошибкой",
    },
    # The one line a failing command prints (cli): diagnostics in short.
    "short-hint": {"en": "{text} (hint: {hint})", "ru": "{text} (подсказка: {hint})"},
    "more-details": {"en": "and {count} more", "ru": "и ещё {count}"},
    "formula-has-errors": {
        "en": "the formula has {count} {count:plural:error|errors}: {details}",
        "ru": "в формуле {count} {count:plural:ошибка|ошибки|ошибок}: {details}",
    },
}
