"""The one error an activity upload can cause; its message is shown to the person as is."""


class ActivityFileError(ValueError):
    """An upload that is not a readable GPX, TCX or FIT activity.

    The message names the file, says what is wrong and what is accepted, on one line.
    """

    def __init__(self, name: str, problem: str) -> None:
        label = f"activity file {name}" if name else "activity file"
        super().__init__(f"{label}: {problem}")
        self.name = name
        self.problem = problem
