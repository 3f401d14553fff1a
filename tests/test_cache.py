"""kg's cache of derived indexes: entries kept by key, rebuilt when the key changes or the entry is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import gazetteer
from kg.cache import cache_dir, cached, key_of


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, as ``$KG_CACHE_DIR``."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_entry_is_made_once_per_key_and_replaced_by_a_new_key(folder: Path) -> None:
    made = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"value": len(made)}

    assert cache_dir() == folder
    assert cached("index", "k1", make) == {"value": 1}
    assert cached("index", "k1", make) == {"value": 1} and len(made) == 1  # read back, not made again
    assert cached("index", "k2", make) == {"value": 2}
    assert sorted(path.name for path in folder.iterdir()) == ["index-k2.pickle"]


def test_a_broken_or_unwritable_entry_is_made_in_memory(folder: Path) -> None:
    folder.mkdir()
    (folder / "index-k1.pickle").write_bytes(b"not a pickle")
    assert cached("index", "k1", lambda: [1, 2]) == [1, 2]
    assert cached("index", "k1", lambda: [3]) == [1, 2]  # rewritten whole
    (folder / "blocked").write_text("a file, not a folder", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_CACHE_DIR", str(folder / "blocked"))
        assert cached("index", "k1", lambda: "made") == "made"


def test_a_key_covers_texts_and_file_contents(tmp_path: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text("x", encoding="utf-8")
    first = key_of(["3.0.2"], [data])
    assert key_of(["3.0.2"], [data]) == first
    assert key_of(["3.0.3"], [data]) != first
    data.write_text("y", encoding="utf-8")
    assert key_of(["3.0.2"], [data]) != first


def test_the_cached_settlement_index_is_the_one_built(folder: Path) -> None:
    gazetteer._settlements.cache_clear()
    try:
        built = gazetteer._settlements()  # made and written
        assert len(list(folder.glob("settlements-*.pickle"))) == 1
        gazetteer._settlements.cache_clear()
        assert gazetteer._settlements() == built  # read back
        assert built.by_name[gazetteer.normalize("Kyiv")][0].region == "UA-30"
    finally:
        gazetteer._settlements.cache_clear()
