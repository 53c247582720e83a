"""An SVG document under construction, built with ElementTree so every text is escaped.

Nothing here writes a style attribute, a <style> element, a script or an event handler: the web
app's Content-Security-Policy blocks inline styles, so all looks are presentation attributes.
"""

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from psoas.charts.prose import amount
from psoas.charts.theme import FONT_FAMILY, INK

SVG_NS = "http://www.w3.org/2000/svg"
Attrs = Mapping[str, str | float]

# Characters XML 1.0 cannot hold at all, even escaped; a typed name may still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text that is safe to put in XML: characters XML cannot hold become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def number(value: float) -> str:
    """A coordinate as short text: at most one decimal."""
    return amount(value)


def _attribute(value: str | float) -> str:
    return clean(value) if isinstance(value, str) else number(value)


class Canvas:
    """The root <svg> with its <title> and <desc>, and helpers to add elements to it."""

    def __init__(self, *, width: int, height: int, title: str, description: str) -> None:
        digest = hashlib.blake2s(
            f"{title}\n{description}\n{width}".encode(errors="replace"), digest_size=5
        )
        # Ids are unique per chart and width, so several charts (and a narrow and a wide
        # drawing of one) can sit in one HTML page.
        chart_id = f"chart-{digest.hexdigest()}"
        self.width = width
        self.height = height
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "viewBox": f"0 0 {width} {height}",
                "width": str(width),
                "height": str(height),
                "role": "img",
                "aria-labelledby": f"{chart_id}-t {chart_id}-d",
                "font-family": FONT_FAMILY,
                "fill": INK,
            },
        )
        self.add(self.root, "title", {"id": f"{chart_id}-t"}, text=title)
        self.add(self.root, "desc", {"id": f"{chart_id}-d"}, text=description)

    def add(
        self, parent: ET.Element, tag: str, attrs: Attrs, *, text: str | None = None
    ) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: _attribute(v) for k, v in attrs.items()})
        if text is not None:
            element.text = clean(text)
        return element

    def group(self, attrs: Attrs | None = None, parent: ET.Element | None = None) -> ET.Element:
        return self.add(self.root if parent is None else parent, "g", attrs or {})

    def line(
        self,
        parent: ET.Element,
        start: tuple[float, float],
        end: tuple[float, float],
        *,
        stroke: str,
        width: float = 1,
        dash: str | None = None,
        kind: str | None = None,
    ) -> ET.Element:
        """A straight line; kind becomes its class, for tests and tools to find it."""
        attrs: dict[str, str | float] = {} if kind is None else {"class": kind}
        attrs |= {"x1": start[0], "y1": start[1], "x2": end[0], "y2": end[1], "stroke": stroke}
        if width != 1:
            attrs["stroke-width"] = width
        if dash:
            attrs["stroke-dasharray"] = dash
        return self.add(parent, "line", attrs)

    def text(
        self,
        parent: ET.Element,
        x: float,
        y: float,
        content: str,
        *,
        size: int,
        fill: str = INK,
        anchor: str = "start",
        bold: bool = False,
    ) -> ET.Element:
        attrs: dict[str, str | float] = {"x": x, "y": y, "font-size": size, "fill": fill}
        if anchor != "start":
            attrs["text-anchor"] = anchor
        if bold:
            attrs["font-weight"] = "bold"
        return self.add(parent, "text", attrs, text=content)

    def to_svg(self) -> str:
        return ET.tostring(self.root, encoding="unicode")
