"""kg's own scorer on small hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import KgError
from kg.evaluate import evaluate, format_evaluation, predicted_rows, read_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD = {
    "a": [
        {"kind": "strike", "event_date": "2023-11-05", "attacker": "RU", "admin1_iso": ["UA-32"],
         "weapon_class": ["missile"], "injured": 2, "location": ["Bucha"]},
        {"kind": "interception", "event_date": "2023-11-05", "weapon_class": ["drone"], "intercepted": 2},
        {"kind": "other", "event_date": "2014", "country": "UA"},
    ],
}


def test_matched_missed_and_extra_events_and_their_slots() -> None:
    predicted = {"a": [
        {"kind": "strike", "event_date": "2023-11-06", "attacker": "RU", "admin1_iso": "UA-32",
         "weapon_class": "missile", "injured": "3", "location": "Bucha"},
        {"kind": "strike", "event_date": "2023-11-05", "attacker": "RU", "admin1_iso": "UA-30"},
    ]}
    result = evaluate(GOLD, predicted)
    assert (result.events.right, result.events.offered, result.events.asked) == (1, 2, 2)
    assert result.events.f1 == pytest.approx(0.5)
    assert (result.kinds["interception"].recall, result.kinds["strike"].precision) == (0.0, 0.5)
    slots = result.slots
    assert (slots["exact_date"].right, slots["attacker"].right, slots["location"].right) == (0, 1, 1)
    assert (slots["injured"].right, slots["injured"].asked) == (0, 1)


def test_a_count_of_zero_is_a_count() -> None:
    """Gold read from JSON gives 0 as a number, an events CSV as text: both are a denied count."""
    gold = {"a": [{"kind": "strike", "admin1_iso": ["UA-32"], "killed": 0, "injured": None}]}
    for predicted_killed, right in (("0", 1), (0, 1), ("", 0), ("2", 0)):
        result = evaluate(gold, {"a": [{"kind": "strike", "admin1_iso": "UA-32", "killed": predicted_killed}]})
        assert (result.slots["killed"].right, result.slots["killed"].asked) == (right, 1), predicted_killed
        assert result.slots["injured"].asked == 0


def test_an_interception_without_a_class_matches_any_of_its_article() -> None:
    predicted = {"a": [{"kind": "interception", "event_date": "2023-11-05", "intercepted": "2"}]}
    result = evaluate(GOLD, predicted)
    assert result.kinds["interception"].right == 1
    assert result.slots["intercepted"].right == 1


def test_articles_not_in_gold_are_not_scored_and_the_table_reads() -> None:
    result = evaluate(GOLD, {"zzz": [{"kind": "strike", "admin1_iso": "UA-32"}]})
    assert result.events.offered == 0
    assert format_evaluation(result).splitlines()[0].split()[:4] == ["events", "P", "R", "F1"]


def test_read_gold_and_score_the_seed_graph(tmp_path: Path) -> None:
    gold = tmp_path / "seed_gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "seed-000", "events": [
        {"kind": "strike", "event_date": "2023-11-05", "attacker": "RU", "admin1_iso": ["UA-32"],
         "injured": 2, "damaged_buildings": 10}]}) + "\n", encoding="utf-8")
    result = evaluate(read_gold(gold), predicted_rows([ROOT / "seeds"], gold))
    assert result.events.recall == 1.0
    assert (result.slots["injured"].right, result.slots["damaged_buildings"].right) == (1, 1)


def test_kg_evaluate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "seed_gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "seed-000", "events": [
        {"kind": "air_raid_alert", "event_date": "2023-11-05", "country": "UA"}]}) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(ROOT / "seeds"), "--json", str(tmp_path / "scores.json")]) == 0
    assert "air_raid_alert            1.000  1.000  1.000" in capsys.readouterr().out
    assert json.loads((tmp_path / "scores.json").read_text())["kinds"]["air_raid_alert"]["f1"] == 1.0


# --- bad input: one line naming the file (and line) and the problem, exit 2 --------------------

GOLD_LINE = json.dumps({"doc_id": "seed-000", "events": [{"kind": "strike", "country": "UA"}]})
NOT_UTF8 = "not UTF-8 text ('utf-8' codec can't decode byte 0xff in position 0: invalid start byte)"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main(["evaluate", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "seed_gold.jsonl"
    path.write_text(GOLD_LINE + "\n", encoding="utf-8")
    return path


def test_a_missing_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none_gold.jsonl"
    assert run(capsys, missing, ROOT / "seeds") == (2, "", f"kg: [E006] {missing}: no such file or directory\n")


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\n", f"[E001] {{path}}: {NOT_UTF8}"),
    (b"", "[E002] {path}: empty file"),
    (b"\n  \n", "[E002] {path}: empty file"),
    (GOLD_LINE.encode() + b"\n{bad\n", "[E003] {path}:2: malformed JSON line "
                                       "(Expecting property name enclosed in double quotes)"),
    (b"[1]\n", "[E003] {path}:1: malformed JSON line (expected an object, got list)"),
    (b'{"events": []}\n', "[E028] {path}:1: gold article has no 'doc_id'"),
    (b'{"doc_id": " ", "events": []}\n', "[E028] {path}:1: gold article has no 'doc_id'"),
    (b'{"doc_id": "a"}\n', "[E028] {path}:1: gold article has no 'events' list"),
    (b'{"doc_id": "a", "events": {}}\n', "[E028] {path}:1: gold article has no 'events' list"),
    (b'{"doc_id": "a", "events": [{}, "strike"]}\n',
     "[E028] {path}:1: gold article event 2 is not an object, got str"),
    (b'{"doc_id": "a", "events": []}\n\n{"doc_id": "a", "events": [{}]}\n',
     "[E009] {path}:3: duplicate doc_id 'a' (first read from {path}:1)"),
])
def test_bad_gold_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    path = tmp_path / "bad_gold.jsonl"
    path.write_bytes(content)
    assert run(capsys, path, ROOT / "seeds") == (2, "", "kg: " + message.format(path=path) + "\n")


def test_a_gold_folder_and_a_gold_line_repeated_word_for_word(
        tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, tmp_path, ROOT / "seeds") == (2, "", f"kg: [E017] {tmp_path}: cannot read (Is a directory)\n")
    gold.write_text("\ufeff" + GOLD_LINE + "\n" + GOLD_LINE + "\n", encoding="utf-8")  # and a BOM
    assert read_gold(gold) == {"seed-000": [{"kind": "strike", "country": "UA"}]}


def events_csv(tmp_path: Path, columns: list[str]) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(",".join(columns) + "\n" + ",".join("" for _ in columns) + "\n", encoding="utf-8")
    return path


def test_bad_events_csvs(tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.export import EVENT_COLUMNS

    missing = tmp_path / "none.csv"
    assert run(capsys, gold, missing) == (2, "", f"kg: [E006] {missing}: no such file or directory\n")
    no_doc_id = events_csv(tmp_path, ["kind", "event_date"])
    assert run(capsys, gold, no_doc_id) == (2, "", (
        f"kg: [E029] {no_doc_id}: not an events table (as kg export --format events-csv writes), missing columns: "
        "doc_id, country, admin1_iso, attacker, weapon_class, location, acled_sub_event_type, "
        "launched, intercepted, killed, injured, damaged_buildings\n"))
    no_counts = events_csv(tmp_path, [c for c in EVENT_COLUMNS if c not in ("killed", "injured")])
    assert run(capsys, gold, no_counts)[::2] == (2, (
        f"kg: [E029] {no_counts}: not an events table (as kg export --format events-csv writes), missing columns: "
        "killed, injured\n"))
    no_counts.write_bytes(b"\xff")
    assert run(capsys, gold, no_counts) == (2, "", f"kg: [E001] {no_counts}: {NOT_UTF8}\n")
    no_counts.write_bytes(b"")
    assert run(capsys, gold, no_counts) == (2, "", f"kg: [E002] {no_counts}: empty file\n")


def test_a_whole_events_csv_is_scored(tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.export import EVENT_COLUMNS

    path = tmp_path / "events.csv"
    row = {column: "" for column in EVENT_COLUMNS} | {"doc_id": "seed-000", "kind": "strike", "country": "UA"}
    path.write_text(",".join(EVENT_COLUMNS) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    code, out, err = run(capsys, gold, path)
    assert (code, err) == (0, "")
    assert "strike                    1.000  1.000  1.000" in out


def test_an_input_that_is_no_table_graph_or_articles(
        tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.events-csv"
    path.write_text("doc_id,kind\n", encoding="utf-8")
    assert run(capsys, gold, path) == (
        2, "", f"kg: [E007] {path}: unsupported input, expected a .txt or .jsonl file or a folder of them\n"
               f"kg: [E016] no articles to build from {path}\n")


def test_a_folder_of_unreadable_articles(tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(9):
        (folder / f"b{number}.txt").write_bytes(b"\xff\xfe")
    unreadable = "".join(f"kg: [E001] {folder / f'b{n}.txt'}: {NOT_UTF8}\n" for n in range(9))
    assert run(capsys, gold, folder) == (2, "", unreadable + f"kg: [E016] no articles to build from {folder}\n")
    problems: list[KgError] = []
    with pytest.raises(KgError, match=rf"^\[E016\] no articles to build from {folder}$"):
        predicted_rows([folder], gold, problems)
    assert [str(p) for p in problems] == [f"[E001] {folder / f'b{n}.txt'}: {NOT_UTF8}" for n in range(9)]


def test_articles_partly_unreadable(tmp_path: Path, gold: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed-000.txt").write_bytes((ROOT / "seeds" / "seed-000.txt").read_bytes())
    (folder / "bad.txt").write_bytes(b"\xff")
    with pytest.raises(KgError, match=r"^\[E001\] .*bad\.txt: not UTF-8"):
        predicted_rows([folder], gold)
    problems: list[KgError] = []
    rows = predicted_rows([folder], gold, problems)
    assert [str(p) for p in problems] == [f"[E001] {folder / 'bad.txt'}: {NOT_UTF8}"]
    assert list(rows) == ["seed-000"]


def test_the_cli_scores_what_it_can_read_and_exits_1(
        tmp_path: Path, gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed-000.txt").write_bytes((ROOT / "seeds" / "seed-000.txt").read_bytes())
    (folder / "bad.txt").write_bytes(b"\xff")
    code, out, err = run(capsys, gold, folder)
    assert (code, err) == (1, f"kg: [E001] {folder / 'bad.txt'}: {NOT_UTF8}\n")
    assert "F1" in out
