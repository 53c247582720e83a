"""The exercise library and the sources: everything `psoas exercises show` and `psoas sources`
print, with every citation linking to its source."""

import html
import re

import pytest
from fastapi.testclient import TestClient

from psoas.catalogue import load_catalogue
from tests.web.conftest import main_of

CATALOGUE = load_catalogue()
PRESSURE = CATALOGUE.conflicts["direct-psoas-pressure"]


def text_of(page: str) -> str:
    """The page's own content with entities decoded, to compare with the content files."""
    return html.unescape(main_of(page))


def card_of(page: str, exercise_id: str) -> str:
    card = re.search(
        rf'<li class="card exercise-card" id="card-{exercise_id}">.*?</li>', page, re.S
    )
    assert card, exercise_id
    return card[0]


def test_the_library_is_a_card_per_exercise_under_its_phase(client: TestClient) -> None:
    page = main_of(client.get("/exercises").text)
    assert "<table" not in page  # a table made phones scroll sideways to see the dose
    for exercise in CATALOGUE.exercises.values():
        card = card_of(page, exercise.id)
        assert f'<a href="/exercises/{exercise.id}">{html.escape(exercise.name)}</a>' in card
        assert html.escape(exercise.summary) in card
        for fact in ("Works on", "Dose", "Equipment"):
            assert f"<dt>{fact}</dt>" in card
        # Under its phase's heading: the last <h2> before the card names the phase.
        heading = re.findall(r'<h2 id="phase-([a-z-]+)">', page[: page.index(card)])[-1]
        assert heading == exercise.phase
    assert "Lacrosse ball" in card_of(page, "psoas-smash")
    assert "None (the floor)" in card_of(page, "glute-bridge")
    assert "times a week" in card_of(page, "glute-bridge")


def test_each_exercise_page_shows_how_to_do_it_and_on_whose_word(client: TestClient) -> None:
    for exercise in CATALOGUE.exercises.values():
        response = client.get(f"/exercises/{exercise.id}")
        assert response.status_code == 200
        page = text_of(response.text)
        assert f"<h1>{exercise.name}</h1>" in page
        for text in (*exercise.steps, *exercise.common_mistakes, *exercise.cautions):
            assert text in page, exercise.id
        for cue in (*exercise.technique_cues, *exercise.breathing_cues):
            assert cue.text in page, exercise.id
        for claim in exercise.sources:
            assert f'href="/sources#{claim.source}"' in page
            assert claim.claim in page
        for source in exercise.dose.sources:
            assert f'href="/sources#{source}"' in page
        assert f"{exercise.dose.per_week.max} times a week" in page, exercise.id


@pytest.mark.parametrize("exercise_id", ["psoas-smash", "foam-roll-psoas"])
def test_direct_pressure_pages_say_the_sources_disagree(
    client: TestClient, exercise_id: str
) -> None:
    page = text_of(client.get(f"/exercises/{exercise_id}").text)
    note = page[page.index("Sources disagree") :]
    assert PRESSURE.topic in note
    assert PRESSURE.default.split(":")[0] in note  # "Release is indirect by default"
    for position in PRESSURE.positions:
        assert position.summary in note
    for source in PRESSURE.sources:
        assert f'href="/sources#{source}"' in note
    # And what rules it out, with the condition named.
    assert "Abdominal hernia" in page
    assert "With an abdominal hernia, nothing should press into the belly" in page


def test_an_unknown_exercise_is_a_404_page(client: TestClient) -> None:
    response = client.get("/exercises/no-such-stretch")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no-such-stretch" in response.text


def test_the_sources_page_has_every_source_and_disagreement(client: TestClient) -> None:
    page = text_of(client.get("/sources").text)
    for source in CATALOGUE.sources.values():
        article = page[page.index(f'id="{source.id}"') :]
        article = article[: article.index("</article>")]
        assert source.title in article
        for supported in source.supports:
            assert supported in article
        for who in (source.author, source.publisher):
            if who:
                assert who in article
    disagreements = page[page.index('id="disagreements"') :]
    for conflict in CATALOGUE.conflicts.values():
        assert conflict.topic in disagreements
        assert conflict.default in disagreements
        assert conflict.reason in disagreements


def test_every_citation_on_the_site_has_its_anchor(client: TestClient) -> None:
    anchors = set(
        re.findall(r'<article class="card source" id="([a-z0-9-]+)"', client.get("/sources").text)
    )
    assert anchors == set(CATALOGUE.sources)
    pages = ["/check-in", "/sources", *(f"/exercises/{e}" for e in CATALOGUE.exercises)]
    cited = {
        c
        for page in pages
        for c in re.findall(r'href="/sources#([a-z0-9-]+)"', client.get(page).text)
    }
    assert cited
    assert cited <= anchors


def test_an_unknown_address_is_a_helpful_404_page(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    page = main_of(response.text)
    assert "<h1>Page not found</h1>" in page
    assert "There is no page at this address." in page
    for link in ('href="/"', 'href="/plan"', 'href="/exercises"'):
        assert link in page
    assert '<meta name="description"' in response.text


def test_an_unknown_api_address_stays_a_json_problem(client: TestClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}
