"""Pure value types: no I/O, no clock, no randomness."""
