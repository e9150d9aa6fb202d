"""The market-dialogue plugin and its functions."""

from skills.function_names import Fn

MARKET_DIALOGUE = "market_dialogue"
START = Fn(MARKET_DIALOGUE, "start", verb="market_dialogue.start")
DRAFT = Fn(MARKET_DIALOGUE, "draft", verb="market_dialogue.draft")
