"""The supplier-input plugin and its function."""

from skills.function_names import Fn

SUPPLIER_INPUT = "supplier_input"
SUMMARIZE = Fn(SUPPLIER_INPUT, "summarize", verb="supplier_input.summarize")
