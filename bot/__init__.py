"""The Teams surface of the procurement assistant (botbuilder lives only here)."""
