from psoas.charts.layout import fit_text, text_width, wrap_text
from psoas.charts.prose import amount, change, counted, listed


def test_amounts_have_at_most_one_decimal_and_no_negative_zero() -> None:
    assert [amount(v) for v in (3.0, 2.5, 2.26, -0.01, 1200)] == ["3", "2.5", "2.3", "0", "1200"]


def test_counts_and_changes_read_naturally() -> None:
    assert counted(1, "point") == "1 point"
    assert counted(2.5, "point") == "2.5 points"
    assert change(6, 3) == "a fall of 3 points"
    assert change(2, 3) == "a rise of 1 point"
    assert change(4, 4.02) == "no change"
    assert listed(["a"]) == "a"
    assert listed(["a", "b", "c"]) == "a, b and c"


def test_long_text_is_shortened_or_wrapped_to_fit() -> None:
    long = "Getting in and out of the car after a long drive to see my sister"
    short = fit_text(long, 150, 14)
    assert short.endswith("…")
    assert text_width(short, 14) <= 150
    lines = wrap_text(long, 200, 14)
    assert len(lines) > 1
    assert all(text_width(line, 14) <= 200 for line in lines)
    assert " ".join(lines) == long


def test_wide_characters_count_as_wide() -> None:
    assert text_width("痛み", 14) > text_width("ab", 14)
