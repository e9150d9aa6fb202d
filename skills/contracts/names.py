"""The contract skills' plugins and functions."""

from skills.function_names import Fn

CONTRACTS = "contracts"
DEADLINES = Fn(CONTRACTS, "deadlines")
REMINDERS = "reminders"
ACKNOWLEDGE = Fn(REMINDERS, "acknowledge")
SNOOZE = Fn(REMINDERS, "snooze")
OPTIONS = "options"
PROPOSE_OPTION = Fn(OPTIONS, "propose_option")
CONFIRM_OPTION = Fn(OPTIONS, "confirm_option")
TERMS = "terms"
PROPOSE_TERMS = Fn(TERMS, "propose_terms")
CONFIRM_TERMS = Fn(TERMS, "confirm_terms")
