from psoas.catalogue import load_catalogue
from psoas.domain.profile import Profile
from psoas.rules.exclusion import exclusion_reasons, missing_equipment

CATALOGUE = load_catalogue()


def test_a_contraindication_no_restriction_explains_is_still_given_its_own_reason() -> None:
    core = CATALOGUE.exercises["core-release-soft-ball"]
    listed = core.model_copy(
        update={"contraindications": (*core.contraindications, "osteoporosis")}
    )
    profile = Profile(conditions=("abdominal-hernia", "osteoporosis"), equipment=("soft-ball",))
    reasons = exclusion_reasons(listed, profile, "ok", CATALOGUE)
    assert [r.id for r in reasons] == ["hernia-no-abdominal-pressure", "contraindicated"]
    assert "osteoporosis" in reasons[1].text
    assert "abdominal-hernia" not in reasons[1].text


def test_safety_reasons_come_before_equipment() -> None:
    smash = CATALOGUE.exercises["psoas-smash"]
    reasons = exclusion_reasons(smash, Profile(conditions=("pregnancy",)), "ok", CATALOGUE)
    ids = [r.id for r in reasons]
    assert ids == [
        "pregnancy-no-belly-pressure-or-lying-face-down",
        "direct-pressure-off",
        "equipment",
    ]


def test_any_one_acceptable_item_meets_a_requirement() -> None:
    knee_raise = CATALOGUE.exercises["seated-knee-raise-hold"]
    assert missing_equipment(knee_raise, Profile(equipment=("chair",))) == []
    assert missing_equipment(knee_raise, Profile()) == ["bench or box or chair"]
