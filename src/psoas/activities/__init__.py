"""Import recorded activities from GPX, TCX or FIT files (or .gz and .zip of them), streaming,
into summaries: sport, distance, time, climb and terrain."""

from psoas.activities.errors import ActivityFileError
from psoas.activities.reader import read_activities, read_activity
from psoas.activities.sniff import ByteSource

__all__ = ["ActivityFileError", "ByteSource", "read_activities", "read_activity"]
