"""The built-in encoder's name, in a module that imports nothing (the CLI reads it at start-up,
before numpy or any model is needed)."""

DEFAULT_MODEL = "use-multilingual"
