"""The cached catalogue data: what the library commands print without loading the models. It
must never be stale, and a broken cache file must never be worse than no cache."""

import json
import shutil
from pathlib import Path

import pytest

from psoas.catalogue import ContentError, content_dir, load_catalogue
from psoas.catalogue.cached_data import cache_file, catalogue_data


@pytest.fixture
def content(tmp_path: Path, isolated_home: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    return copy


def test_the_data_is_the_validated_catalogue_as_json(content: Path) -> None:
    catalogue = load_catalogue(content)
    for data in (catalogue_data(content), catalogue_data(content)):  # built, then from the cache
        assert data["sources"] == [s.model_dump(mode="json") for s in catalogue.sources.values()]
        assert data["conflicts"] == [
            c.model_dump(mode="json") for c in catalogue.conflicts.values()
        ]
        assert data["exercises"] == {
            id_: e.model_dump(mode="json") for id_, e in catalogue.exercises.items()
        }
    assert cache_file(content.resolve()).is_file()


def test_an_edited_content_file_is_seen_at_once(content: Path) -> None:
    first = catalogue_data(content)["sources"][0]
    sources = content / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    line = f'title: "{first["title"]}"'
    assert text.count(line) == 1, "the test edits this line"
    sources.write_text(text.replace(line, "title: A title changed a moment ago"), encoding="utf-8")
    assert catalogue_data(content)["sources"][0]["title"] == "A title changed a moment ago"


def test_a_content_error_is_reported_not_hidden_by_the_cache(content: Path) -> None:
    catalogue_data(content)
    (content / "sources.yaml").write_text("- id: Not A Slug\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"sources\.yaml"):
        catalogue_data(content)


@pytest.mark.parametrize(
    "broken",
    [b"", b"{not json", b'{"key": 1}', b'{"key": "x", "data": []}', b"\xff\xfe", b"[]"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(content: Path, broken: bytes) -> None:
    expected = catalogue_data(content)
    path = cache_file(content.resolve())
    path.write_bytes(broken)
    assert catalogue_data(content) == expected
    assert path.read_bytes() != broken


def test_a_cache_with_the_right_key_but_wrong_shape_is_rebuilt(content: Path) -> None:
    expected = catalogue_data(content)
    path = cache_file(content.resolve())
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["data"]["sources"] = {"not": "a list"}
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert catalogue_data(content) == expected


def test_a_cache_folder_that_cannot_be_written_costs_only_the_cache(
    content: Path, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "cache").write_text("a file where the folder would be", encoding="utf-8")
    assert catalogue_data(content)["sources"]


def test_an_unreadable_content_file_is_a_content_error_not_a_crash(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psoas.catalogue.cached_data as cached_data

    def unreadable(digest: object, folder: Path) -> None:
        raise PermissionError(13, "Permission denied", str(folder / "sources.yaml"))

    monkeypatch.setattr(cached_data, "add_content", unreadable)
    (content / "sources.yaml").write_text("- id: Not A Slug\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"sources\.yaml"):
        catalogue_data(content)
