from __future__ import annotations

from typing import Any

from bot.mentions import strip_own_mention

BOT = "28:bot"


def mention(id_: str, tag: str) -> dict[str, Any]:
    return {"type": "mention", "mentioned": {"id": id_, "name": tag}, "text": tag}


def test_strips_only_the_bots_mention() -> None:
    text = "<at>Assistenten</at> frister for <at>Kari Nordmann</at>"
    entities = [mention(BOT, "<at>Assistenten</at>"), mention("29:kari", "<at>Kari Nordmann</at>")]
    assert strip_own_mention(text, entities, BOT) == "frister for Kari Nordmann"


def test_mention_in_the_middle_and_extra_spaces() -> None:
    text = "kan du  <at>Assistenten</at>  hjelpe"
    assert strip_own_mention(text, [mention(BOT, "<at>Assistenten</at>")], BOT) == "kan du hjelpe"


def test_no_entities_leaves_text_alone() -> None:
    assert strip_own_mention("hjelp", [], BOT) == "hjelp"


def test_only_a_mention_becomes_empty() -> None:
    assert (
        strip_own_mention("<at>Assistenten</at>", [mention(BOT, "<at>Assistenten</at>")], BOT) == ""
    )
