"""Teaching and guiding: the training scenarios, playing them, handouts, and the guided check (interview)."""
