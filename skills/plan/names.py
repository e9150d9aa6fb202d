"""The procurement-plan plugin and its functions."""

from skills.function_names import Fn

PLAN = "plan"
SHOW = Fn(PLAN, "show")
MARK_STARTED = Fn(PLAN, "mark_started", verb="plan.mark_started")
SAVE = Fn(PLAN, "save", verb="plan.save")
NEW_ENTRY = Fn(PLAN, "new_entry", verb="plan.new_entry")
CHECK_ENTRY = Fn(PLAN, "check_entry", verb="plan.check_entry")
ADD_ENTRY = Fn(PLAN, "add_entry", verb="plan.add_entry")
