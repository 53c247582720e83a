"""The SVG documents: labelled views, alt text, house style, CSP-safe markup, animation."""

import re
import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring

from psoas.domain.figure import Arrow
from psoas.figures import (
    alt_text,
    animated_svg,
    default_side,
    figure_size,
    key_poses_svg,
    pose_svg,
)
from psoas.figures import style as house
from tests.figures.scenes import CATALOGUE, figure_of

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root: ET.Element = fromstring(svg)
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def test_key_poses_sit_side_by_side_each_labelled() -> None:
    root = parse(key_poses_svg(figure_of("glute-bridge"), name="Glute bridge", side=None))
    assert root.get("width") == str(round(2 * house.PANEL_WIDTH))
    assert texts(root) == ["Side view", "Start", "End"]
    assert len(root.findall(f"{NS}g[@class='panel']")) == 2


def test_one_sided_figures_name_the_side_and_a_still_position_says_hold() -> None:
    root = parse(key_poses_svg(figure_of("psoas-smash"), name="Psoas smash", side="right"))
    assert texts(root)[0] == "Side view · right side"
    still = parse(pose_svg(figure_of("core-release-soft-ball"), "end", name="Core", side=None))
    assert texts(still) == ["Side view", "Hold"]


def test_title_and_description_give_screen_readers_the_pose() -> None:
    figure = figure_of("boat-pose")
    root = parse(pose_svg(figure, "end", name="Boat pose", side=None))
    assert root.get("role") == "img"
    assert root.findtext(f"{NS}title") == "Boat pose"
    description = root.findtext(f"{NS}desc") or ""
    assert description == alt_text("Boat pose", figure, None)
    assert description.startswith("Boat pose, side view: Sitting on the floor")


def test_markup_has_no_style_or_script_so_the_csp_allows_it() -> None:
    for exercise_id in CATALOGUE.exercises:
        figure = figure_of(exercise_id)
        for svg in (
            key_poses_svg(figure, name=exercise_id, side="left"),
            animated_svg(figure, name=exercise_id, side="left"),
        ):
            root = parse(svg)
            tags = {element.tag.removeprefix(NS) for element in root.iter()}
            assert not tags & {"script", "style", "foreignObject", "image"}, tags
            for element in root.iter():
                names = set(element.attrib)
                assert "style" not in names
                assert not any(n.startswith("on") for n in names)


def test_house_style_one_line_width_one_limb_width_and_the_iliopsoas_colour() -> None:
    root = parse(key_poses_svg(figure_of("half-kneeling-psoas-stretch"), name="x", side="left"))
    parts = [p for p in root.iter(f"{NS}path") if "part" in (p.get("class") or "")]
    # Arms and legs share one width; the trunk is wider, hands and feet a little narrower.
    limbs = ("thigh", "shin", "upper-arm", "forearm")
    limb_widths = {p.get("stroke-width") for p in parts if (p.get("class") or "").endswith(limbs)}
    assert limb_widths == {"9"}
    near = {p.get("stroke") for p in parts if " near-" in f" {p.get('class')}"}
    far = {p.get("stroke") for p in parts if " far-" in f" {p.get('class')}"}
    assert near == {house.NEAR}
    assert far == {house.FAR}
    band = [p for p in root.iter(f"{NS}path") if p.get("class") == "iliopsoas"]
    assert len(band) == 2
    assert {b.get("stroke") for b in band} == {house.ILIOPSOAS}
    floor = root.findall(f".//{NS}g[@class='floor']/{NS}line")
    assert floor
    assert floor[0].get("stroke-width") == str(house.LINE_WIDTH)


def test_no_iliopsoas_band_when_it_is_not_the_target() -> None:
    svg = key_poses_svg(figure_of("supine-strap-hamstring-stretch"), name="x", side="left")
    assert 'class="iliopsoas"' not in svg


def test_the_right_side_is_the_left_side_mirrored() -> None:
    figure = figure_of("half-kneeling-psoas-stretch")

    def head_and_hip(side: str) -> tuple[float, float]:
        root = parse(pose_svg(figure, "start", name="x", side=side))  # type: ignore[arg-type]
        front_foot = next(p for p in root.iter(f"{NS}path") if p.get("class") == "part far-foot")
        back_shin = next(p for p in root.iter(f"{NS}path") if p.get("class") == "part near-shin")
        foot_x = float(re.findall(r"[-\d.]+", front_foot.get("d", ""))[0])
        shin_x = float(re.findall(r"[-\d.]+", back_shin.get("d", ""))[0])
        return foot_x, shin_x

    left_foot, left_shin = head_and_hip("left")
    right_foot, right_shin = head_and_hip("right")
    assert left_foot > left_shin, "facing right: the front foot is to the right"
    assert right_foot < right_shin, "facing left: the front foot is to the left"
    assert left_foot + right_foot == pytest.approx(2 * house.PANEL_WIDTH / 2, abs=1.5)


def test_animation_moves_between_the_key_poses_on_a_loop() -> None:
    root = parse(animated_svg(figure_of("glute-bridge"), name="Glute bridge", side=None))
    animations = list(root.iter(f"{NS}animate"))
    assert animations
    for animation in animations:
        values = animation.get("values", "").split(";")
        key_times = [float(t) for t in animation.get("keyTimes", "").split(";")]
        assert len(values) == len(key_times)
        assert key_times[0] == 0
        assert key_times[-1] == 1
        assert key_times == sorted(key_times)
        assert values[0] == values[-1], "it comes back to the start"
        assert animation.get("repeatCount") == "indefinite"
    assert texts(root) == ["Side view", "Start ⇄ End"]


def test_a_still_position_is_not_animated() -> None:
    svg = animated_svg(figure_of("psoas-smash"), name="x", side="left")
    assert "<animate" in svg  # the knee bends and straightens
    still = animated_svg(figure_of("core-release-soft-ball"), name="x", side=None)
    assert "<animate" not in still
    held = parse(animated_svg(figure_of("foam-roll-psoas"), name="x", side="left"))
    assert "<animate" not in ET.tostring(held, encoding="unicode")
    assert {"arrow movement", "arrow pressure"} <= {p.get("class") for p in held.iter(f"{NS}path")}


def arrow_paths(root: ET.Element, kind: str) -> list[ET.Element]:
    return [
        p
        for p in root.iter(f"{NS}path")
        if p.get("class") in (f"arrow {kind}", f"arrowhead {kind}")
    ]


def test_the_animation_shows_a_movement_arrow_while_the_body_rests_in_its_pose_and_leaves_it() -> (
    None
):
    figure = figure_of("glute-bridge").model_copy(
        update={
            "arrows": (
                Arrow(kind="movement", at="hip", direction_deg=0),
                Arrow(kind="movement", at="near-knee", pose="end", direction_deg=180),
                Arrow(kind="pressure", at="near-thigh:0.5", direction_deg=180),
            )
        }
    )
    root = parse(animated_svg(figure, name="x", side=None))
    # The body's own animation: when it reaches the end pose and rests there.
    thigh = next(p for p in root.iter(f"{NS}path") if p.get("class") == "part near-thigh")
    body = thigh.find(f"{NS}animate")
    assert body is not None
    values, key_times = body.get("values", "").split(";"), body.get("keyTimes", "").split(";")
    end_value = values[len(values) // 2]
    arrive = key_times[values.index(end_value)]
    assert end_value != values[0]

    still = parse(key_poses_svg(figure, name="x", side=None))
    start_panel, end_panel = still.findall(f"{NS}g[@class='panel']")
    moving = arrow_paths(root, "movement")
    assert len(moving) == 4, "two arrows, each a shaft and a head"
    for panel, shown in ((start_panel, "1;0;1"), (end_panel, "0;1;0")):
        drawn = [p.get("d") for p in arrow_paths(panel, "movement")]
        paths = [p for p in moving if p.get("d") in drawn]
        assert len(paths) == 2, "placed where the key pose puts it"
        for path in paths:
            assert path.get("opacity") == shown[0], "as it looks before it plays"
            (blink,) = path.findall(f"{NS}animate")
            assert blink.attrib == {
                "attributeName": "opacity",
                "values": shown,
                "keyTimes": f"0;{arrive};1",
                "calcMode": "discrete",
                "dur": body.get("dur"),
                "repeatCount": "indefinite",
            }
    pressure = arrow_paths(root, "pressure")
    assert len(pressure) == 3, "shaft, head and bar"
    assert all(p.find(f"{NS}animate") is None and p.get("opacity") is None for p in pressure)


def test_every_movement_arrow_of_a_moving_exercise_is_in_its_animation() -> None:
    for exercise_id in CATALOGUE.exercises:
        figure = figure_of(exercise_id)
        if figure.end is None:
            continue
        root = parse(animated_svg(figure, name=exercise_id, side="left"))
        count = sum(a.kind == "movement" for a in figure.arrows)
        assert len(arrow_paths(root, "movement")) == 2 * count, exercise_id


def test_an_arrow_is_drawn_on_the_key_pose_it_names() -> None:
    figure = figure_of("glute-bridge").model_copy(
        update={
            "arrows": (
                Arrow(kind="movement", at="hip", direction_deg=0),
                Arrow(kind="pressure", at="near-knee", pose="end", direction_deg=180),
            )
        }
    )
    root = parse(key_poses_svg(figure, name="x", side=None))
    start, end = root.findall(f"{NS}g[@class='panel']")
    classes = [[p.get("class") for p in panel.iter(f"{NS}path")] for panel in (start, end)]
    assert "arrow movement" in classes[0]
    assert "arrow pressure" not in classes[0]
    assert "arrow pressure" in classes[1]
    assert "arrow movement" not in classes[1]


def test_every_single_pose_is_readable_at_200_px_wide() -> None:
    """At 200 px a panel is drawn at 200/260 of its size: labels stay at least 11 px and limbs at
    least 6 px thick, because no figure is shrunk much to fit its panel."""
    ratio = 200 / house.PANEL_WIDTH
    for exercise_id in CATALOGUE.exercises:
        figure = figure_of(exercise_id)
        for pose in figure.poses:
            root = parse(pose_svg(figure, pose, name=exercise_id, side="left"))
            assert root.get("width") == str(round(house.PANEL_WIDTH))
            for text in root.iter(f"{NS}text"):
                assert float(text.get("font-size", "0")) * ratio >= 10.5, exercise_id
            thighs = [p for p in root.iter(f"{NS}path") if p.get("class") == "part near-thigh"]
            assert float(thighs[0].get("stroke-width", "0")) * ratio >= 6, exercise_id


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE.exercises))
def test_the_size_pages_give_an_image_is_the_size_it_has(exercise_id: str) -> None:
    """Pages set width and height before an image loads, so nothing moves when it does."""
    exercise = CATALOGUE.exercises[exercise_id]
    if exercise.figure is None:
        return
    for side in ("left", "right") if exercise.dose.sides == "each" else (None,):
        size = figure_size(exercise.figure, side)
        for svg in (
            pose_svg(exercise.figure, "start", name=exercise.name, side=side),
            pose_svg(exercise.figure, "end", name=exercise.name, side=side),
            animated_svg(exercise.figure, name=exercise.name, side=side),
        ):
            root = parse(svg)
            assert (int(root.get("width", "")), int(root.get("height", ""))) == size


def test_steps_that_name_a_side_start_on_the_side_the_figure_shows() -> None:
    """The figure of a one-sided exercise is labelled with its default side; steps that say
    "left" or "right" must start there, or the caption and the steps disagree."""
    for exercise in CATALOGUE.exercises.values():
        side = default_side(exercise)
        named = re.findall(r"\b(left|right)\b", " ".join(exercise.steps[:1]).lower())
        if exercise.figure is None or side is None or not named:
            continue
        kneel = re.search(r"\bon your (left|right) knee\b", " ".join(exercise.steps).lower())
        first = kneel.group(1) if kneel else named[0]
        assert first == side, (exercise.id, side, exercise.steps[0])
        worked = re.findall(r"front of the (left|right) hip", " ".join(exercise.steps).lower())
        assert set(worked) <= {side}, (exercise.id, worked)
