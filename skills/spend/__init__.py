"""Purchasing analysis: what the counties buy, from whom and on which contracts."""
