from psoas.desktop.unseen_states import unseen_sentence


def test_nothing_unseen_needs_no_sentence() -> None:
    assert unseen_sentence([]) is None


def test_one_or_more_unseen_states_make_one_sentence() -> None:
    assert unseen_sentence(["full-screen windows (Wayland)"]) == (
        "Full-screen windows (Wayland) cannot be seen here, so it does not hold a reminder back"
    )
    assert unseen_sentence(["a", "b", "c"]) == (
        "A, b and c cannot be seen here, so they do not hold a reminder back"
    )
