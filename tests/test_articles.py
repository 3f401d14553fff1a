"""The article readers: .txt and .jsonl files and folders, and one problem per bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.articles import read_articles
from kg.errors import KgError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def read(*paths: str | Path) -> tuple[list, list[str]]:
    """The articles read from ``paths`` and the messages of the problems met."""
    problems: list[KgError] = []
    articles = list(read_articles(paths, problems))
    return articles, [str(problem) for problem in problems]


def jsonl(path: Path, *lines: object) -> Path:
    """Write ``lines`` (JSON values, or raw strings) one a line to ``path``."""
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


GOOD = {"doc_id": "good", "text": "Drones hit Kursk."}


def test_seed_txt_with_leading_space_date_line() -> None:
    [article], problems = read(SEEDS / "seed-000.txt")
    assert problems == []
    assert article.doc_id == "seed-000"
    assert article.date == dt.date(2023, 11, 7)
    assert article.text.startswith("In a recent development, Russia")
    assert article.source == str(SEEDS / "seed-000.txt")


@pytest.mark.parametrize("first_line", ["date 2024-01-02", "DATE 2024-01-02", "\tDate: 2024-01-02  "])
def test_txt_date_line_variants(tmp_path: Path, first_line: str) -> None:
    (tmp_path / "a.txt").write_text(f"{first_line}\nSome text.\n", encoding="utf-8")
    [article], problems = read(tmp_path / "a.txt")
    assert problems == []
    assert (article.date, article.text) == (dt.date(2024, 1, 2), "Some text.")


def test_txt_without_date_line(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Dates were shelled on 2024-01-02.\nMore.\n", encoding="utf-8")
    [article], problems = read(tmp_path / "plain.txt")
    assert problems == []
    assert article.date is None
    assert article.text == "Dates were shelled on 2024-01-02.\nMore."


def test_jsonl_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"doc_id": "d1", "date": "2024-03-04", "text": "One.", "url": "https://example.org/1",
         "title": "Title", "outlet": "Outlet"},
        "",
        {"id": "d2", "date": None, "text": "Two."},
        {"id": 3, "text": "Three."},
    )
    articles, problems = read(path)
    assert problems == []
    assert [a.doc_id for a in articles] == ["d1", "d2", "3"]
    first, second, _ = articles
    assert (first.date, first.url, first.title, first.outlet) == (
        dt.date(2024, 3, 4), "https://example.org/1", "Title", "Outlet")
    assert (second.date, second.url, second.title, second.outlet) == (None, None, None, None)
    assert {a.source for a in articles} == {str(path)}


def test_folder_mixes_kinds_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.txt").write_text("C.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    jsonl(tmp_path / "b.jsonl", {"id": "b1", "text": "B1."}, {"id": "b2", "text": "B2."})
    (tmp_path / "notes.md").write_text("ignored in folders", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    # Sorted by path components: a.txt, b/c.txt, b.jsonl.
    assert [a.doc_id for a in articles] == ["a", "c", "b1", "b2"]
    assert articles[1].source == str(tmp_path / "b" / "c.txt")


def test_mixed_inputs_keep_argument_order_and_read_a_file_once(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "y.txt").write_text("Y.", encoding="utf-8")
    articles, problems = read(tmp_path / "z.txt", tmp_path / "sub", tmp_path)
    assert problems == []
    assert [a.doc_id for a in articles] == ["z", "y"]


# Each bad input: (file name, content as bytes, expected message fragment).
BAD_INPUTS = [
    ("latin.txt", "caf\xe9 bombed".encode("latin-1"), "latin.txt: not UTF-8 text"),
    ("empty.txt", b"", "empty.txt: empty file"),
    ("only-date.txt", b"date 2024-01-01\n\n", "only-date.txt: empty file"),
    ("bad-date.txt", b"date 2024-13-01\nText.", "bad-date.txt:1: bad date '2024-13-01'"),
    ("latin.jsonl", b'{"id": "x", "text": "caf\xe9"}\n', "latin.jsonl: not UTF-8 text"),
    ("blank.jsonl", b"\n  \n", "blank.jsonl: empty file"),
    ("broken.jsonl", b'\n{"id": "x", "text": \n', "broken.jsonl:2: malformed JSON line"),
    ("list.jsonl", b'["x"]\n', "list.jsonl:1: malformed JSON line (expected an object, got list)"),
    ("no-text.jsonl", b'{"id": "x"}\n', "no-text.jsonl:1: article has no 'text'"),
    ("empty-text.jsonl", b'{"id": "x", "text": "  "}\n', "empty-text.jsonl:1: article has no 'text'"),
    ("bad-date.jsonl", b'{"id": "x", "text": "T.", "date": "7 Nov 2023"}\n',
     "bad-date.jsonl:1: bad date '7 Nov 2023', expected YYYY-MM-DD"),
    ("number-date.jsonl", b'{"id": "x", "text": "T.", "date": 20231107}\n',
     "number-date.jsonl:1: bad date 20231107"),
    ("no-id.jsonl", b'{"text": "T."}\n', "no-id.jsonl:1: article has no 'doc_id' or 'id'"),
    ("notes.md", b"# notes\n", "notes.md: unsupported input"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_problem_and_the_rest_still_comes_through(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / "before.txt").write_text("Before.", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    jsonl(tmp_path / "zz-after.jsonl", {"id": "after", "text": "After."})
    inputs = [tmp_path / "before.txt", tmp_path / name, tmp_path / "zz-after.jsonl"]
    articles, problems = read(*inputs)
    assert [a.doc_id for a in articles] == ["before", "after"]
    assert len(problems) == 1
    assert message in problems[0]
    assert str(tmp_path / name) in problems[0]


def test_bad_lines_do_not_stop_the_rest_of_a_jsonl_file(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", GOOD, "{oops", {"id": "no-text"}, {"id": "last", "text": "Last."})
    articles, problems = read(path)
    assert [a.doc_id for a in articles] == ["good", "last"]
    assert [p.split("]")[0] for p in problems] == ["[E003", "[E004"]
    assert f"{path}:2:" in problems[0] and f"{path}:3:" in problems[1]


def test_missing_path(tmp_path: Path) -> None:
    articles, problems = read(tmp_path / "nowhere", SEEDS)
    assert [a.doc_id for a in articles] == ["seed-000"]
    assert problems == [f"[E006] {tmp_path / 'nowhere'}: no such file or directory"]


def test_duplicate_doc_ids_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("From the txt file.", encoding="utf-8")
    path = jsonl(tmp_path / "more.jsonl", GOOD, {"id": "other", "text": "Other."}, GOOD)
    articles, problems = read(tmp_path / "good.txt", path)
    assert [(a.doc_id, a.text) for a in articles] == [("good", "From the txt file."), ("other", "Other.")]
    assert problems == [
        f"[E009] {path}:1: duplicate doc_id 'good' (first read from {tmp_path / 'good.txt'}:1)",
        f"[E009] {path}:3: duplicate doc_id 'good' (first read from {tmp_path / 'good.txt'}:1)",
    ]


def test_reading_is_deterministic(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert read(tmp_path) == read(tmp_path)
    assert [a.doc_id for a in read(tmp_path)[0]] == ["a", "b", "c"]
