"""The seed article end to end: the events it must give, validation, queries, determinism."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

import kg
from kg.export import events_table, write_events_csv
from kg.pipeline import build
from kg.store import save_graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def seed():
    result = build([SEEDS], progress=False)
    assert not result.problems
    return result


@pytest.fixture(scope="module")
def rows(seed) -> dict[tuple[str, str], dict[str, str]]:
    """The seed's events table by (kind, scope)."""
    return {(r["kind"], r["admin1_iso"] or r["country"]): r for r in events_table(seed.graph)}


def test_the_seed_gives_exactly_its_events(rows) -> None:
    scored = sorted(k for k in rows if k[0] != "other")
    assert scored == [("air_raid_alert", "UA"), ("interception", "RU-BRY;RU-KRS"),
                      ("interception", "UA"), ("strike", "UA-32")]
    assert {r["event_date"] for k, r in rows.items() if k[0] != "other"} == {"2023-11-05"}


def test_interception_of_four_cruise_missiles(rows) -> None:
    row = rows[("interception", "UA")]
    assert (row["attacker"], row["weapon_class"], row["weapon"], row["intercepted"]) == (
        "RU", "missile", "cruise missile", "4")
    assert row["actor1"] == "Ukrainian air defence"
    assert row["sentence"].startswith("Ukrainian military authorities reported successfully shooting down")


def test_debris_strike_on_kyiv_oblast(rows) -> None:
    row = rows[("strike", "UA-32")]
    assert (row["attacker"], row["weapon_class"], row["admin1"], row["injured"], row["damaged_buildings"]) == (
        "RU", "missile", "Kyiv Oblast", "2", "10")
    assert row["acled_sub_event_type"] == "Shelling/artillery/missile attack"


def test_air_raid_alert_of_three_hours(rows) -> None:
    row = rows[("air_raid_alert", "UA")]
    assert (row["start_time"], row["end_time"], row["attacker"]) == (
        "2023-11-05T03:00:00+02:00", "2023-11-05T06:00:00+02:00", "")


def test_drones_intercepted_over_bryansk_and_kursk(rows) -> None:
    row = rows[("interception", "RU-BRY;RU-KRS")]
    assert (row["attacker"], row["weapon_class"], row["country"], row["intercepted"]) == ("UA", "drone", "RU", "2")
    assert row["admin1"] == "Bryansk Oblast;Kursk Oblast"


def test_past_events_keep_their_own_dates(rows) -> None:
    assert {r["event_date"] for k, r in rows.items() if k[0] == "other"} == {"2014", "2023-06"}


def test_the_seed_graph_conforms(seed) -> None:
    result = kg.validate(seed.graph)
    assert result.conforms, result.text


def test_stored_queries_on_the_seed(seed) -> None:
    assert kg.query(seed.graph, "regions_targeted_by_drones").rows == [
        ("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast")]
    alerts = kg.query(seed.graph, "air_raid_alerts").rows
    assert [(str(r[0]), r[4], r[5]) for r in alerts] == [("2023-11-05", dt.timedelta(hours=3), "seed-000")]


def test_two_builds_give_byte_identical_turtle(seed, tmp_path: Path) -> None:
    save_graph(seed.graph, tmp_path / "a.ttl")
    save_graph(build([SEEDS], progress=False).graph, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


@pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval is not here")
def test_seed_scores_f1_one_with_the_shared_scorer(seed, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    sys.modules["score"] = score
    spec.loader.exec_module(score)
    write_events_csv(seed.graph, tmp_path / "seed.csv")
    gold = score.read_gold(str(EVAL / "dev" / "seed_gold.jsonl"))
    result = score.score(gold, score.read_pred(str(tmp_path / "seed.csv"), gold))
    assert result["micro"]["f1"] == 1.0
    assert result["counts_accuracy"] == 1.0
