"""The one error a spend source raises when a file cannot be used as given."""

from __future__ import annotations

from skills.i18n import InputError


class LedgerFileError(InputError):
    """The file cannot be loaded: not what its name says, columns missing, lines unreadable.
    The message names the file and says what to do; nothing from it is kept."""
