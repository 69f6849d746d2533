"""Help while typing a formula: completion at a cursor, hover, and the words they show."""
