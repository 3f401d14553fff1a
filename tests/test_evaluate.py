"""kg's own scorer on small hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
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
