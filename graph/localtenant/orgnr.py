"""Norwegian organisation numbers: 9 digits, the last a mod-11 check digit."""

from __future__ import annotations

import random

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(base: str) -> int | None:
    """The check digit for the first eight digits, or None when no valid one exists."""
    if len(base) != 8 or not base.isdigit():
        raise ValueError(f"expected 8 digits, got {base!r}")
    remainder = sum(int(d) * w for d, w in zip(base, WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid(number: str) -> bool:
    """True for a 9-digit number (spaces allowed) with a correct check digit."""
    digits = number.replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        return False
    return check_digit(digits[:8]) == int(digits[8])


def make_orgnr(seed: str) -> str:
    """A valid, fictional organisation number that always comes out the same for `seed`."""
    rng = random.Random(f"orgnr:{seed}")
    while True:
        base = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(7))
        check = check_digit(base)
        if check is not None:
            return base + str(check)


def spaced(number: str) -> str:
    """'912345674' -> '912 345 674', the way it is usually printed."""
    return f"{number[:3]} {number[3:6]} {number[6:]}"
