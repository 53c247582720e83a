from collections.abc import Sequence


class InputError(Exception):
    """Bad input from a person: each problem names the field, the bad value and what is allowed.

    The CLI turns it into exit status 2; the web app into a 422 with field errors.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class NotFound(Exception):
    """Nothing with that id belongs to this person. Someone else's record is reported the same
    way as a missing one, so ids reveal nothing."""


class Conflict(Exception):
    """The request is well formed but clashes with what is stored (a finished session, a step
    already recorded otherwise). The message says what is stored."""
