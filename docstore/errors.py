"""The one family of errors the document store raises; each message is for the user, in Russian.

The CLI and the pages catch `DocstoreError` at the edge and show `str(error)` as one line.
"""

from __future__ import annotations


class DocstoreError(Exception):
    """A write or lookup in the document store that cannot be done; the message is Russian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(DocstoreError):
    """The user's roles (in the document's scope) do not allow the action."""


class ForbiddenTransition(Forbidden):
    """The workflow has no such transition from the current state, or not for these roles."""


class DuplicateDocument(DocstoreError):
    """The same bytes are already stored (as a version of `document_id`)."""

    def __init__(self, message: str, *, document_id: int, version_id: int) -> None:
        super().__init__(message)
        self.document_id = document_id
        self.version_id = version_id


class IngestFailed(DocstoreError):
    """A file could not be taken in (unreadable, or its records could not be written)."""


class NotFound(DocstoreError):
    """No such document, version, organization, user or blob."""
