"""Psoas Coach: cited exercises, safety screening and a personal plan for the psoas and hip flexors.

The public Python API lives in :mod:`psoas.services` (planning from a profile) and
:mod:`psoas.catalogue` (the validated content). The CLI and, later, the web
app are thin shells over it.
"""

__version__ = "0.1.0"
