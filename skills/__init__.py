"""Procurement capabilities as Semantic Kernel plugins over pure domain code."""
