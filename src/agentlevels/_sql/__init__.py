"""The SQL backend: checked formulas as SQL expressions, through sqlglot (optional)."""
