"""What to tell a professional: the answers that led to a referral, in the check-in's words."""

from psoas.domain.catalogue import Catalogue
from psoas.domain.profile import Profile


def answers_to_tell(
    profile: Profile, fields: tuple[str, ...], catalogue: Catalogue
) -> tuple[str, ...]:
    """One line per answer, labelled as the check-in labels it."""
    questions = {q.field: q for q in catalogue.check_in.questions}
    flags = {q.id: q.question for q in catalogue.screening.red_flags}
    lines: list[str] = []
    for field in fields:
        value = getattr(profile, field)
        if field == "red_flags":
            # In the order they are asked, so the answer order never changes the plan.
            lines += [
                f"You answered yes to: {text}" for flag, text in flags.items() if flag in value
            ]
        elif field in ("symptoms", "conditions"):
            labels = questions[field].options
            title = "Symptoms" if field == "symptoms" else "Conditions"
            if value:
                lines.append(f"{title}: " + "; ".join(t for k, t in labels.items() if k in value))
        else:
            lines.append(_number_line(field, value))
    return tuple(lines)


def _number_line(field: str, value: int | None) -> str:
    if field == "pain_now":
        return f"Pain now: {value} out of 10"
    if field == "age":
        return "Age: not given" if value is None else f"Age: {value}"
    if field == "symptoms_weeks":
        return "How long: not given" if value is None else f"Symptoms for {value} weeks"
    if field == "pregnancy_weeks":
        return "Weeks pregnant: not given" if value is None else f"Weeks pregnant: {value}"
    return f"{field}: {value}"
