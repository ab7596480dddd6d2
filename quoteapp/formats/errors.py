"""The one exception type of the formats layer."""


class FormatError(ValueError):
    """A file could not be read or written; the message says what to do about it."""
