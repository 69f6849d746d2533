"""Messages in every shipped locale: keys, arguments, texts and the one renderer."""
