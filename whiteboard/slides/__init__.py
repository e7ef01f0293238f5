"""Pure layout: the story's slides as backend-neutral scenes (shapes, text, style roles, steps)."""
