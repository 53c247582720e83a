"""Reading drawn charts back: parse the SVG and find the plot area, points, bars and text."""

import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml.ElementTree import fromstring

from psoas.charts.png import PNG_SIGNATURE

NS = "{http://www.w3.org/2000/svg}"
_TRANSLATE = re.compile(r"translate\(([-\d.]+) ([-\d.]+)\)")


@dataclass(frozen=True)
class Area:
    x: float
    y: float
    width: float
    height: float

    def holds(self, x: float, y: float) -> bool:
        return (
            self.x - 1e-6 <= x <= self.x + self.width + 1e-6
            and self.y - 1e-6 <= y <= self.y + self.height + 1e-6
        )


def parse(svg: str) -> ET.Element:
    root: ET.Element = fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if element.get("class") == name]


def plot_area(root: ET.Element) -> Area:
    [rect] = by_class(root, "plot-area")
    return Area(*(float(rect.get(key, "nan")) for key in ("x", "y", "width", "height")))


def points(root: ET.Element) -> list[tuple[float, float]]:
    """Every data point's (x, y), in drawing order."""
    found = []
    for group in by_class(root, "point"):
        match = _TRANSLATE.fullmatch(group.get("transform", ""))
        assert match, group.get("transform")
        found.append((float(match[1]), float(match[2])))
    return found


def point_titles(root: ET.Element) -> list[str]:
    return [group.findtext(f"{NS}title", "") for group in by_class(root, "point")]


def texts(root: ET.Element) -> list[str]:
    """Visible text, in drawing order (not <title>/<desc>)."""
    return [element.text or "" for element in root.iter(f"{NS}text")]


def unsafe_parts(root: ET.Element) -> list[str]:
    """Anything the web app's CSP would block or that could run code or fetch something."""
    found = []
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        if tag in {"script", "style", "foreignObject", "image", "a", "use"}:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name == "style" or name.lower().startswith("on") or "href" in name:
                found.append(f"{tag}@{name}")
            if "url(" in value or "javascript:" in value.lower():
                found.append(f"{tag}@{name}={value}")
    return found


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, checking the signature first."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
