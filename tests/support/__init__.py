"""Helpers that start real processes (bot, Playground) on loopback for tests."""
