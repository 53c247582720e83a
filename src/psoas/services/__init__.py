"""Use cases: read input, apply the rules, hand back values. The CLI and web app call only these."""
