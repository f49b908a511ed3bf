"""The one error type extraction raises: its message is meant for the user, in Russian."""


class UnreadableDocument(Exception):
    """The file is not a DOCX/PDF nok can read (wrong type, corrupt, encrypted, empty, too big)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
