import pytest

from psoas.charts.scales import Linear, nice_ticks


@pytest.mark.parametrize(
    ("lo", "hi", "whole", "expected"),
    [
        (0, 10, False, [0, 2, 4, 6, 8, 10]),
        (0, 4, True, [0, 1, 2, 3, 4]),
        (0, 7, True, [0, 2, 4, 6, 8]),
        (0, 310, False, [0, 100, 200, 300, 400]),
        (0, 12, False, [0, 5, 10, 15]),
        (-3, 10, False, [-5, 0, 5, 10]),
        (5, 5, False, [5, 5.2, 5.4, 5.6, 5.8, 6]),
    ],
)
def test_ticks_are_round_and_cover_the_range(
    lo: float, hi: float, whole: bool, expected: list[float]
) -> None:
    ticks = nice_ticks(lo, hi, whole=whole)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= lo
    assert ticks[-1] >= hi


def test_whole_ticks_never_step_by_a_fraction() -> None:
    ticks = nice_ticks(0, 3, whole=True)
    assert all(tick == int(tick) for tick in ticks)


def test_linear_maps_the_ends_and_a_flat_domain_to_the_middle() -> None:
    y = Linear(0, 10, 300, 100)
    assert (y(0), y(10), y(5)) == (300, 100, 200)
    assert Linear(3, 3, 0, 100)(3) == 50
