"""The `psoas` command: a thin shell over psoas.services and psoas.catalogue.

Command modules import only Typer at the top and everything heavier inside the command, so that
`psoas plan --json` starts quickly.
"""
