"""The procurement-plan plugin and its functions."""

from skills.function_names import Fn

PLAN = "plan"
SHOW = Fn(PLAN, "show")
MARK_STARTED = Fn(PLAN, "mark_started", verb="plan.mark_started")
SAVE = Fn(PLAN, "save", verb="plan.save")
