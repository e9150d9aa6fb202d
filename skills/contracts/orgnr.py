"""Norwegian organisation numbers: nine digits, the last a mod-11 check digit."""

from __future__ import annotations

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalize_orgnr(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def is_valid_orgnr(text: str) -> bool:
    digits = normalize_orgnr(text)
    if len(digits) != 9 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])
