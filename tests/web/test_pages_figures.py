"""Figures on the web: the figure route, and the images on the exercise, plan and player pages,
each with alt text that describes the pose."""

import html
import re
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from fastapi.testclient import TestClient

from psoas.catalogue import load_catalogue
from tests.web.conftest import main_of, save_profile

NS = "{http://www.w3.org/2000/svg}"
IMG = re.compile(r'<img src="([^"]+)" alt="([^"]+)"')
CATALOGUE = load_catalogue()


def test_the_figure_is_a_cacheable_svg_image(client: TestClient) -> None:
    response = client.get("/exercises/glute-bridge/figure.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "public, max-age=86400"
    root = fromstring(response.text)
    assert [t.text for t in root.iter(f"{NS}text")] == ["Side view", "Start", "End"]


@pytest.mark.parametrize(
    ("query", "labels"),
    [
        ("pose=start", ["Side view · left side", "Start"]),
        ("pose=end&side=right", ["Side view · right side", "End"]),
        ("motion=animated&side=right", ["Side view · right side", "Start ⇄ End"]),
    ],
)
def test_pose_side_and_motion_choose_the_picture(
    client: TestClient, query: str, labels: list[str]
) -> None:
    response = client.get(f"/exercises/psoas-smash/figure.svg?{query}")
    assert response.status_code == 200, response.text
    root = fromstring(response.text)
    assert [t.text for t in root.iter(f"{NS}text")] == labels
    assert (root.find(f".//{NS}animate") is not None) == ("animated" in query)


def test_a_bad_choice_is_named_and_an_unknown_exercise_is_not_found(client: TestClient) -> None:
    response = client.get("/exercises/psoas-smash/figure.svg?side=middle")
    assert response.status_code == 422
    assert "side: must be one of left, right (got &#39;middle&#39;)" in response.text
    assert client.get("/exercises/glute-bridge/figure.svg?side=up").status_code == 422
    assert client.get("/exercises/glute-bridge/figure.svg?pose=middle").status_code == 422
    assert client.get("/exercises/no-such-thing/figure.svg").status_code == 404


def test_the_exercise_page_shows_each_key_pose_with_alt_text(client: TestClient) -> None:
    page = main_of(client.get("/exercises/half-kneeling-psoas-stretch").text)
    images = [(src, html.unescape(alt)) for src, alt in IMG.findall(page)]
    assert [src for src, _ in images] == [
        "/exercises/half-kneeling-psoas-stretch/figure.svg?pose=start",
        "/exercises/half-kneeling-psoas-stretch/figure.svg?pose=end",
    ]
    assert images[0][1].startswith(
        "Start position. Half-kneeling psoas stretch, side view, left side: Kneeling"
    )
    assert "Kneeling on the knee of the side being stretched" in images[0][1]
    assert "shown for the left side; the right side is its mirror image" in page
    for src, _ in images:
        assert client.get(src).status_code == 200


def test_every_exercise_page_has_a_figure(client: TestClient) -> None:
    for exercise_id in CATALOGUE.exercises:
        page = main_of(client.get(f"/exercises/{exercise_id}").text)
        assert f"/exercises/{exercise_id}/figure.svg" in page, exercise_id


PROFILE: dict[str, Any] = {
    "activities": ["desk-work"],
    "goals": ["relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "equipment": ["foam-roller", "strap-or-towel", "mat"],
    "minutes_per_session": 15,
    "sessions_per_week": 3,
}


def test_plan_cards_and_the_player_show_the_figures(client: TestClient) -> None:
    save_profile(client, PROFILE)
    plan = main_of(client.get("/plan").text)
    cards = re.findall(r'<h3 id="item-[a-z]+-([a-z0-9-]+)">', plan)
    assert cards
    for exercise_id in cards:
        assert f'src="/exercises/{exercise_id}/figure.svg?pose=' in plan, exercise_id
    player = main_of(client.get("/session").text)
    for exercise_id in cards:
        exercise = CATALOGUE.exercises[exercise_id]
        key = f"{exercise_id}:left" if exercise.dose.sides == "each" else f"{exercise_id}:both"
        match = re.search(
            rf'<picture data-figure="{key}" hidden>\s*<source srcset="([^"]+)" '
            r'media="\(prefers-reduced-motion: reduce\)">\s*<img src="([^"]+)" alt="([^"]+)"',
            player,
        )
        assert match, key
        assert "motion=animated" in match.group(2)
        assert "motion" not in match.group(1)
        assert html.unescape(match.group(3)).startswith(exercise.name)


def test_every_figure_has_its_size_before_it_loads(client: TestClient) -> None:
    """Width and height on each <img>, the figure's own, so a lazy image that loads moves
    nothing (the plan grew by 259 px on a phone as its figures came in)."""
    save_profile(client, PROFILE)
    for path in ("/plan", "/session", "/exercises/half-kneeling-psoas-stretch"):
        images = re.findall(r"<img\b[^>]*>", main_of(client.get(path).text))
        assert images, path
        for tag in images:
            source = html.unescape(re.findall(r'src="([^"]+)"', tag)[0])
            svg = fromstring(client.get(source).text)
            assert f'width="{svg.get("width")}"' in tag, (path, tag)
            assert f'height="{svg.get("height")}"' in tag, (path, tag)
