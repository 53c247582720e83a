from collections.abc import Sequence


class ContentError(Exception):
    """Content that fails validation: every problem names its file and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))
