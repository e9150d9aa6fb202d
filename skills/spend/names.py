"""The purchasing-analysis plugin and its functions."""

from skills.function_names import Fn

SPEND = "spend"
ANALYSE = Fn(SPEND, "analyse")
WITHOUT_CONTRACT = Fn(SPEND, "without_contract")
BY_CATEGORY = Fn(SPEND, "loyalty")
BY_SUPPLIER = Fn(SPEND, "supplier")
