"""Import a recorded run from a GPX, TCX or FIT file, streaming, into a terrain summary."""

from psoas.activities.errors import ActivityFileError
from psoas.activities.reader import read_activity
from psoas.activities.sniff import ByteSource

__all__ = ["ActivityFileError", "ByteSource", "read_activity"]
