"""The assistant's own functions: help, and the status check (run by the bot, which
owns the resources it checks)."""

from skills.function_names import Fn

ASSISTANT = "assistant"
HELP = Fn(ASSISTANT, "help", verb="help")
DIAGNOSTICS = "diagnostics"
STATUS = Fn(DIAGNOSTICS, "status", verb="status")
