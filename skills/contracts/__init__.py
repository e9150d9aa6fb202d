"""Contract deadlines: the register, the deadline engine and reminders."""
