"""What the assistant can do, and how a chat message maps to it without a model."""
