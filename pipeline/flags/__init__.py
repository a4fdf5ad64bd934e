"""Red-flag rules for spot-checks."""
