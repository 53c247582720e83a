"""Tell GPX, TCX and FIT apart by their first bytes; the file name is never trusted."""

import re
from typing import Literal, Protocol

from psoas.activities.errors import ActivityFileError
from psoas.domain.activity import ActivityFormat

# Enough for an XML declaration, a few comments and the root tag; a FIT header is 12–14 bytes.
HEAD_BYTES = 16 * 1024
ACCEPTED = (
    "expected a GPX, TCX or FIT file exported from a watch or running app (or a .gz or .zip "
    "of them)"
)
Archive = Literal["gzip", "zip"]
ARCHIVES: dict[bytes, Archive] = {b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip"}
XML_ROOTS: dict[str, ActivityFormat] = {"gpx": "gpx", "TrainingCenterDatabase": "tcx"}
# Files people upload by mistake, named so the message says what they sent.
KNOWN_KINDS = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
}
XML_SPACE = b" \t\r\n"
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.DOTALL)
_FIRST_TAG = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)(?=[\s/>])")


class ByteSource(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Rejoined:
    """The sniffed head followed by the rest of the stream, read as if nothing was taken.

    The head is read from an offset, never re-sliced from its start: a decoder reading a few
    bytes at a time from a 4 MB head must not copy the head on every read.
    """

    def __init__(self, head: bytes, rest: ByteSource) -> None:
        self._head = memoryview(head)
        self._at = 0
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        left = len(self._head) - self._at
        if left <= 0:
            return self._rest.read(size)
        if size < 0:
            self._at = len(self._head)
            return bytes(self._head[-left:]) + self._rest.read()
        taken = bytes(self._head[self._at : self._at + size])
        self._at += len(taken)
        return taken


def sniff(stream: ByteSource, *, name: str) -> tuple[ActivityFormat | Archive, Rejoined]:
    """The format of the file, and a stream that starts at its first byte (for XML, at its
    first non-blank byte: some exports write blank lines before the XML declaration, which an
    XML parser refuses)."""
    head = _read_head(stream)
    kind = detect(head, name=name)
    if kind in ("gpx", "tcx") and head[:1] in (b" ", b"\t", b"\r", b"\n"):
        head = head.lstrip(XML_SPACE)
    return kind, Rejoined(head, stream)


def detect(head: bytes, *, name: str) -> ActivityFormat | Archive:
    if not head:
        raise ActivityFileError(name, f"the file is empty; {ACCEPTED}")
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    for magic, archive in ARCHIVES.items():
        if head.startswith(magic):
            return archive
    for magic, kind in KNOWN_KINDS.items():
        if head.startswith(magic):
            raise ActivityFileError(name, f"this is {kind}, not an activity; {ACCEPTED}")
    text = _decode(head).lstrip("\ufeff \t\r\n")
    root = _xml_root(text)
    if root is None and text.startswith("<") and len(head) < HEAD_BYTES:
        raise ActivityFileError(
            name, f"the file ends before its first XML element (truncated?); {ACCEPTED}"
        )
    if root is None:
        raise ActivityFileError(
            name, f"not a GPX, TCX or FIT file (starts with {_preview(head)}); {ACCEPTED}"
        )
    if root not in XML_ROOTS:
        raise ActivityFileError(
            name,
            f"an XML file whose root is <{root}>, not <gpx> (GPX) or "
            f"<TrainingCenterDatabase> (TCX); {ACCEPTED}",
        )
    return XML_ROOTS[root]


def _read_head(stream: ByteSource) -> bytes:
    chunks: list[bytes] = []
    left = HEAD_BYTES
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _xml_root(text: str) -> str | None:
    if not text.startswith("<"):
        return None
    found = _FIRST_TAG.match(_SKIPPED.sub("", text).lstrip())
    return found.group(1) if found else None


def _decode(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def _preview(head: bytes) -> str:
    sample = head[:16]
    text = sample.decode("utf-8", errors="replace")
    if "\ufffd" not in text and all(c.isprintable() or c in "\t\r\n" for c in text):
        return repr(text)
    return "bytes " + sample.hex(" ").upper()
