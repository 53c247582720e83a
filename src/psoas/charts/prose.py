"""Numbers and changes in plain words, for the summaries screen readers read out."""

from collections.abc import Sequence

# Values closer than this count as equal: scores come from forms with at most one decimal.
TOLERANCE = 1e-9


def amount(value: float) -> str:
    """3 -> '3', 2.5 -> '2.5', 2.25 -> '2.2' (at most one decimal)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def counted(count: float, singular: str, plural: str | None = None) -> str:
    """'1 point', '3 points', '2.5 points'."""
    word = singular if abs(count - 1) < TOLERANCE else (plural or f"{singular}s")
    return f"{amount(count)} {word}"


def change(first: float, last: float) -> str:
    """'a fall of 3 points', 'a rise of 1 point' or 'no change'."""
    difference = round(last - first, 1)
    if abs(difference) < TOLERANCE:
        return "no change"
    direction = "rise" if difference > 0 else "fall"
    return f"a {direction} of {counted(abs(difference), 'point')}"


def listed(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)
