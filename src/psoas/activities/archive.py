"""The activity files inside a .gz or .zip download, read without trusting the archive.

Bulk exports deliver .fit.gz files and "export original" downloads a .zip. Both are bounded: at
most ``MAX_UNPACKED_BYTES`` come out of one archive (a zip bomb unpacks to gigabytes from a few
kilobytes), a zip holds at most ``MAX_MEMBERS`` files, and archives are not read inside archives
beyond one .gz in a .zip.
"""

import gzip
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from psoas.activities.errors import ActivityFileError
from psoas.activities.sniff import ByteSource

MB = 1024 * 1024
MAX_UNPACKED_BYTES = 512 * MB
MAX_MEMBERS = 100
# A zip is read from a spooled copy: small ones in memory, large ones on disk.
SPOOL_IN_MEMORY_BYTES = 8 * MB
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
# What zipfile, gzip and zlib raise on damaged or crafted archives (a crafted central directory
# can even make zipfile seek before the start: ValueError).
DAMAGED = (OSError, EOFError, ValueError, zlib.error, zipfile.BadZipFile)


class Bounded:
    """A decompressing stream that refuses to give more than ``limit`` bytes in all, and turns
    the decompressor's errors into a sentence."""

    def __init__(self, inner: IO[bytes], *, name: str, budget: list[int]) -> None:
        self._inner = inner
        self._name = name
        self._budget = budget  # shared by every member of one archive

    def read(self, size: int = -1, /) -> bytes:
        wanted = self._budget[0] + 1 if size < 0 else min(size, self._budget[0] + 1)
        try:
            data = self._inner.read(wanted)
        except ActivityFileError:
            raise  # an archive inside refused already, in its own words
        except DAMAGED as error:
            raise ActivityFileError(
                self._name, f"the compressed file is damaged or cut short ({error}); {AGAIN}"
            ) from error
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise ActivityFileError(
                self._name,
                f"it unpacks to more than {MAX_UNPACKED_BYTES // MB} MB, far more than any "
                "activity; refused as a possible zip bomb",
            )
        return data


AGAIN = "download it again"


def gunzip(source: ByteSource, *, name: str, budget: list[int] | None = None) -> Bounded:
    inner = gzip.GzipFile(fileobj=source, mode="rb")  # type: ignore[call-overload]
    return Bounded(inner, name=name, budget=budget or [MAX_UNPACKED_BYTES])


def inner_name(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def zip_members(source: ByteSource, *, name: str) -> Iterator[tuple[str, Bounded]]:
    """(member name, stream) for each activity file in the zip, in the zip's order."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
        shutil.copyfileobj(source, spool)
        spool.seek(0)
        try:
            archive = zipfile.ZipFile(spool)
        except DAMAGED as error:
            raise ActivityFileError(
                name, f"the zip file is damaged or cut short ({error}); {AGAIN}"
            ) from error
        with archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise ActivityFileError(
                    name,
                    f"the zip holds {len(members)} files; at most {MAX_MEMBERS} are read from "
                    "one upload",
                )
            declared = sum(info.file_size for info in members)
            if declared > MAX_UNPACKED_BYTES:
                raise ActivityFileError(
                    name,
                    f"the zip unpacks to {declared // MB:,} MB, more than the "
                    f"{MAX_UNPACKED_BYTES // MB} MB read from one upload; refused as a possible "
                    "zip bomb",
                )
            wanted = [
                info
                for info in members
                if info.filename.lower().endswith(ACTIVITY_SUFFIXES)
                and not info.filename.startswith("__MACOSX/")
            ]
            if not wanted:
                raise ActivityFileError(
                    name, "the zip holds no .fit, .gpx or .tcx file; expected an activity inside"
                )
            budget = [MAX_UNPACKED_BYTES]
            for info in wanted:
                label = f"{name}/{info.filename}" if name else info.filename
                try:
                    member = archive.open(info)
                except (*DAMAGED, NotImplementedError, RuntimeError) as error:
                    raise ActivityFileError(
                        label, f"this file in the zip cannot be unpacked ({error})"
                    ) from error
                with member:
                    yield label, Bounded(member, name=label, budget=budget)
