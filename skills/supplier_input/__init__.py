"""Summaries of supplier input from a market dialogue, every point traceable to its source."""
