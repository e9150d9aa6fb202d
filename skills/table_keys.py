"""Table Storage keys for any string, shared by every store that writes to tables.

Table keys may not hold '/', '\\', '#', '?' or control characters, and are at most
1 KiB, yet contract ids are Norwegian case numbers (`2024/017`) and Teams ids hold
anything. Everything outside a safe set is written as '~' and its UTF-8 bytes in hex,
so distinct ids never share a key, and ids that need no escaping keep their old key
byte for byte (rows written before the escaping existed are still found).
"""

from __future__ import annotations

import hashlib

_KEY_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:;@.-_=")
_KEY_MAX = 512


def table_key(value: str) -> str:
    """An injective, Table-safe key for any string (ids too long are hashed)."""
    escaped = "".join(
        char if char in _KEY_SAFE else "".join(f"~{byte:02x}" for byte in char.encode())
        for char in value
    )
    if len(escaped) <= _KEY_MAX:
        return escaped
    # '~h' never comes out of the escaping above ('h' is not a hex digit).
    return "~h" + hashlib.sha256(value.encode()).hexdigest()
