"""Words and files: a decision as a localised answer, and that answer as JSON, terminal text, a memo, a matrix;
the message catalogue; writing files whole."""
