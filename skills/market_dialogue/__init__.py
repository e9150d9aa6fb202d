"""Drafting market-dialogue invitations: brief, schedule, thresholds, Doffin text, .docx."""
