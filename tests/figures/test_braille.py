"""The terminal drawing: braille dots from the same geometry as the SVG."""

from psoas.figures import braille_lines
from tests.figures.scenes import figure_of

BLANK = "\u2800"


def test_only_braille_characters_and_no_blank_rows_around() -> None:
    lines = braille_lines(figure_of("glute-bridge"), side=None, width_chars=40)
    assert lines[0].strip(BLANK)
    assert lines[-1].strip(BLANK)
    for line in lines:
        assert len(line) <= 40
        assert all(0x2800 <= ord(c) <= 0x28FF for c in line)


def test_the_floor_is_the_last_row_drawn_right_across() -> None:
    lines = braille_lines(figure_of("walk-break"), side=None, width_chars=30)
    assert len(lines[-1]) == 30
    assert BLANK not in lines[-1]


def test_standing_is_tall_and_lying_is_low() -> None:
    standing = braille_lines(figure_of("walk-break"), side=None)
    lying = braille_lines(figure_of("supine-strap-hamstring-stretch"), side="left")
    assert len(standing) >= 10
    assert len(lying) < len(standing)


def test_the_right_side_is_drawn_facing_the_other_way() -> None:
    # Lying face down on a roller: the head, highest, is forward.
    left = braille_lines(figure_of("foam-roll-psoas"), side="left", width_chars=40)
    right = braille_lines(figure_of("foam-roll-psoas"), side="right", width_chars=40)

    def drawn_columns(line: str) -> list[int]:
        return [i for i, c in enumerate(line) if c != BLANK]

    assert min(drawn_columns(left[0])) > 20, "facing right: the head is on the right"
    assert max(drawn_columns(right[0])) < 20, "facing left: the head is on the left"
