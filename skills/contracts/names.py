"""The contract skills' plugins and functions."""

from skills.function_names import Fn

CONTRACTS = "contracts"
DEADLINES = Fn(CONTRACTS, "deadlines", verb="contracts.deadlines")
REMINDERS = "reminders"
ACKNOWLEDGE = Fn(REMINDERS, "acknowledge", verb="reminder.ack")
SNOOZE = Fn(REMINDERS, "snooze", verb="reminder.snooze")
OPTIONS = "options"
PROPOSE_OPTION = Fn(OPTIONS, "propose_option", verb="option.propose")
CONFIRM_OPTION = Fn(OPTIONS, "confirm_option", verb="option.confirm")
TERMS = "terms"
PROPOSE_TERMS = Fn(TERMS, "propose_terms", verb="terms.propose")
CONFIRM_TERMS = Fn(TERMS, "confirm_terms", verb="terms.confirm")
