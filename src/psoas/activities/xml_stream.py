"""Stream the points out of a GPX or TCX file in bounded memory, and read their values.

defusedxml refuses DTDs, entities and external references (uploads are untrusted: no billion
laughs, no file reads). Every element is cleared and detached from its parent as soon as it
ends, so neither the finished points nor the root keep the document alive.
"""

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from psoas.activities.errors import ActivityFileError
from psoas.activities.sniff import ByteSource

# Activity files nest about six deep; far deeper is hostile or broken, and the stack would grow.
MAX_DEPTH = 64
# Expat's codes for input that stops inside an element, a token, a character or a CDATA section.
TRUNCATED_CODES = frozenset({3, 5, 6, 20})
# Expat's codes, in words a person can act on.
XML_CAUSES = {
    2: "a tag is written wrongly",
    4: "a character there is not allowed in XML (a stray <, & or control character)",
    7: "an element is closed with the wrong tag",
    8: "an attribute appears twice in one element",
    9: "there is more after the end of the document (two files joined into one?)",
    11: "it uses an entity that is not defined",
    14: "a character reference names no valid character",
    17: "something comes before the XML declaration <?xml ...?>",
    18: "it declares an encoding that is not known",
    19: "its bytes do not match the encoding it declares",
    27: "a namespace prefix is used without being declared",
}

Fields = dict[str, str]


def point_fields(
    source: ByteSource,
    *,
    name: str,
    label: str,
    root: str,
    point: str,
    wanted: frozenset[str],
    marks: frozenset[str] = frozenset(),
    texts: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, Fields, Fields]]:
    """Yield (kind, attributes, fields) in document order: ("point", ...) for each ``point``
    element; (local name, attributes, {}) where an element named in ``marks`` starts; and
    ("parent/name", {}, {"text": ...}) where an element outside points named so in ``texts`` ends.

    Fields are keyed by the path of local names below the point ("Position/LatitudeDegrees");
    only ``wanted`` paths are kept. Namespaces are ignored: GPX 1.0 and 1.1 read alike.
    """
    open_elements: list[Element] = []
    local_names: dict[str, str] = {}  # tag with namespace -> local name; few distinct tags
    point_depth = 0  # depth of the open point element, 0 outside one
    attributes: Fields = {}
    fields: Fields = {}

    def local(tag: str) -> str:
        found = local_names.get(tag)
        if found is None:
            found = local_names[tag] = tag.rpartition("}")[2]
        return found

    try:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                depth = len(open_elements)
                if depth == 1 and local(element.tag) != root:
                    raise ActivityFileError(
                        name,
                        f"the {label} root is <{local(element.tag)}>; a {label} file starts "
                        f"with <{root}>",
                    )
                if depth > MAX_DEPTH:
                    raise ActivityFileError(
                        name,
                        f"the {label} nests elements over {MAX_DEPTH} deep, which no activity "
                        "export does; export the activity again",
                    )
                if not point_depth and local(element.tag) == point:
                    point_depth = depth
                    attributes, fields = dict(element.attrib), {}
                elif not point_depth and local(element.tag) in marks:
                    yield local(element.tag), dict(element.attrib), {}
                continue
            depth = len(open_elements)
            if point_depth == depth:
                point_depth = 0
                yield "point", attributes, fields
            elif not point_depth and texts and depth > 1:
                path = f"{local(open_elements[-2].tag)}/{local(element.tag)}"
                if path in texts:
                    yield path, {}, {"text": (element.text or "").strip()}
            elif point_depth and element.text:
                if depth == point_depth + 1:
                    key = local(element.tag)
                else:
                    key = "/".join(local(e.tag) for e in open_elements[point_depth:])
                if key in wanted:
                    fields[key] = element.text.strip()
            open_elements.pop()
            element.clear()
            if open_elements:
                del open_elements[-1][:]
    except ParseError as error:
        line, column = error.position
        if error.code in TRUNCATED_CODES:
            problem = f"the {label} ends early at line {line} (truncated?)"
        else:
            cause = XML_CAUSES.get(error.code, "it breaks the rules of XML")
            problem = f"the {label} is not well-formed XML at line {line}, column {column}: {cause}"
        raise ActivityFileError(name, f"{problem}; export the activity again") from error
    except DefusedXmlException as error:
        raise ActivityFileError(
            name,
            f"the {label} declares a DTD or entities, which activity files never need; "
            "refused for safety",
        ) from error


def number(text: str, *, name: str, what: str, index: int) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ActivityFileError(name, f"track point {index}: {what} {text!r} is not a number")
    return value


def coordinate(text: str | None, *, name: str, what: str, index: int, limit: float) -> float:
    if text is None:
        raise ActivityFileError(name, f"track point {index} has no {what}")
    value = number(text, name=name, what=what, index=index)
    if abs(value) > limit:
        raise ActivityFileError(
            name, f"track point {index}: {what} {value:g} is outside -{limit:g} to {limit:g}"
        )
    return value


def timestamp(text: str, *, name: str, index: int) -> datetime:
    """An ISO 8601 time; one without a zone is UTC, as GPX and TCX require."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ActivityFileError(
            name,
            f"track point {index}: time {text!r} is not an ISO 8601 time "
            "such as 2024-05-01T06:30:00Z",
        ) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ActivityFileError(
            name,
            f"track point {index}: time {text!r} falls outside the years 1 to 9999 once "
            "converted to UTC",
        ) from None
