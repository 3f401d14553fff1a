"""The seed article end to end: the events it must give, validation, queries, determinism."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

import kg
from kg.export import events_table, write_events_csv
from kg.files import save_graph
from kg.pipeline import build
from kg.queries import catalogue

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


class EventIri:
    """Equal to the IRI of one of the seed's events of a kind: the hash at its end is not spelled out."""

    __hash__ = None

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.pattern = re.compile(rf"https://w3id\.org/kg-conflict/id/event/seed-000/{kind}-[0-9a-f]{{12}}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.pattern.fullmatch(other) is not None

    def __repr__(self) -> str:
        return f"<event seed-000/{self.kind}-...>"


ACTOR = "https://w3id.org/kg-conflict/id/actor/"
PLACE = "https://w3id.org/kg-conflict/id/place/"
KYIV_TIME = dt.timezone(dt.timedelta(hours=2))
STRIKE, ALERT, OTHER = EventIri("strike"), EventIri("air-raid-alert"), EventIri("other")
INTERCEPTION = EventIri("interception")  # two of them: the missiles over Ukraine, the drones over Russia
MISSILES = "Ukrainian military authorities reported successfully shooting down four cruise missiles and suspected " \
           "that the remaining targets may have been false signals."
DRONES = "Simultaneously, Russia’s defense ministry reported intercepting and shooting down two drones in the " \
         "Bryansk and Kursk regions, both bordering Ukraine."
DEBRIS = "As a result of the attack, two people were injured, and ten buildings sustained damage from falling " \
         "missile debris in a specific area of the Kyiv region."
ALERT_TEXT = "In the early hours of Sunday morning, an air raid alert was issued across all of Ukraine, which lasted " \
             "for approximately three hours before being lifted at 6 a.m. local time."
CRIMEA = "Recent drone attacks on Russian regions, particularly Crimea, which was annexed by Moscow in 2014, have " \
         "increasingly become a daily occurrence."
JUNE = "Although Ukraine rarely claims direct responsibility for these drone strikes, it asserts that targeting " \
       "Russian military infrastructure assists in their counter-offensive launched in June."
RU_FORCES = {"type": "ArmedForces", "side": "RU", "label": "Russian armed forces",
             "iri": ACTOR + "ru/russian-armed-forces"}
UA_FORCES = {"type": "ArmedForces", "side": "UA", "label": "Ukrainian armed forces",
             "iri": ACTOR + "ua/ukrainian-armed-forces"}


def edge(kind: str, source: dict[str, str], target: dict[str, str], **cells: object) -> dict[str, object]:
    """A row of actor_network: its two ends and its other non-empty cells."""
    ends = {f"{end}_{key}" if key != "iri" else end: value
            for end, actor in (("source", source), ("target", target)) for key, value in actor.items()}
    return {"kind": kind, **ends, "event_date": "2023-11-05", **cells}


def actor(iri: str, type_: str, side: str, label: str) -> dict[str, str]:
    return {"iri": ACTOR + iri, "type": type_, "side": side, "label": label}


# Each stored query's answer on the seed article, all parameters unbound: its columns, then its
# rows in order, each a tuple of every cell or a dict of its non-empty cells (for wide rows).
# Checked by hand against seeds/seed-000.txt and ../shared/eval/dev/seed_gold.jsonl.
SEED_ANSWERS: dict[str, tuple[str, list[tuple | dict[str, object]]]] = {
    "regions_targeted_by_drones": ("region_iso region_name", [
        ("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast")]),
    # the four cruise missiles were shot down over Ukraine as a whole: no region
    "regions_targeted_by_missiles": ("region_iso region_name", [("UA-32", "Kyiv Oblast")]),
    "interceptions": ("event_date weapon weapon_class launched intercepted interceptor reported_by attacker", [
        ("2023-11-05", "drone", "drone", None, 2, "Russian air defence", "Russian Ministry of Defence", "UA"),
        ("2023-11-05", "cruise missile", "missile", None, 4, "Ukrainian air defence", "Ukrainian authorities", "RU"),
    ]),
    "interceptions_by_weapon": ("weapon_class interceptions intercepted launched rate", [
        ("drone", 1, 2, None, None), ("missile", 1, 4, None, None)]),  # no launched count: no rate
    "interceptions_by_interceptor": ("interceptor interceptor_side interceptions intercepted launched rate", [
        ("Russian air defence", "RU", 1, 2, None, None), ("Ukrainian air defence", "UA", 1, 4, None, None)]),
    "casualties_damage_by_region": ("country region_iso region_name events killed injured damaged_buildings", [
        ("UA", "UA-32", "Kyiv Oblast", 1, None, 2, 10)]),
    "casualties_damage_by_month": ("month country region_iso region_name events killed injured damaged_buildings", [
        ("2023-11", "UA", "UA-32", "Kyiv Oblast", 1, None, 2, 10)]),
    # events in a region only: not the missiles over Ukraine, the alert, or the June event (no place)
    "region_timeline": ("event_date start_time region_iso place kind attacker weapon_class launched intercepted "
                        "killed injured damaged_buildings event", [
        {"event_date": "2014", "region_iso": "UA-43", "place": "Autonomous Republic of Crimea", "kind": "other",
         "event": OTHER},
        *({"event_date": "2023-11-05", "region_iso": iso, "place": name, "kind": "interception",
           "attacker": "Ukrainian armed forces", "weapon_class": "drone", "intercepted": 2, "event": INTERCEPTION}
          for iso, name in (("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast"))),
        {"event_date": "2023-11-05", "region_iso": "UA-32", "place": "Kyiv Oblast", "kind": "strike",
         "attacker": "Russian armed forces", "weapon_class": "missile", "injured": 2, "damaged_buildings": 10,
         "event": STRIKE},
    ]),
    # "lasted for approximately three hours before being lifted at 6 a.m.", on Sunday 5 November
    "air_raid_alerts": ("event_date area start_time end_time duration doc_id", [
        ("2023-11-05", "Ukraine", dt.datetime(2023, 11, 5, 3, tzinfo=KYIV_TIME),
         dt.datetime(2023, 11, 5, 6, tzinfo=KYIV_TIME), dt.timedelta(hours=3), "seed-000")]),
    "actor_pairs": ("attacker attacker_side target events", [
        ("Russian armed forces", "RU", "Kyiv Oblast", 1),
        ("Russian armed forces", "RU", "Ukraine", 1),
        ("Ukrainian armed forces", "UA", "Bryansk Oblast", 1),
        ("Ukrainian armed forces", "UA", "Kursk Oblast", 1),
    ]),
    # the debris strike names no weapon but "missile"; the interception, cruise missiles
    "weapons_by_side": ("side weapon_class weapon events strikes interceptions", [
        ("RU", "missile", "cruise missile", 1, 0, 1),
        ("RU", "missile", "missile", 1, 1, 0),
        ("UA", "drone", "drone", 1, 0, 1),
    ]),
    "events_by_source": ("doc_id published outlet url events strikes interceptions air_raid_alerts armed_clashes "
                         "other_events", [("seed-000", "2023-11-07", None, None, 6, 1, 2, 1, 0, 2)]),
    "conflicting_claims": ("event_date kind place count value_a doc_a reporter_a value_b doc_b reporter_b event_a "
                           "event_b", []),  # one article, no two reports of one thing
    "places_hit_more_than_once": ("place region_iso country days strikes first last", []),
    # dated to the day: not the annexation (2014) or the counter-offensive (2023-06)
    "events_in_date_range": ("event_date start_time kind label doc_id event", [
        ("2023-11-05", None, "interception", "interception, 2023-11-05, Ukraine", "seed-000", INTERCEPTION),
        ("2023-11-05", None, "interception", "interception, 2023-11-05, Bryansk Oblast, Kursk Oblast", "seed-000",
         INTERCEPTION),
        ("2023-11-05", None, "strike", "strike, 2023-11-05, Kyiv Oblast", "seed-000", STRIKE),
        ("2023-11-05", "2023-11-05T03:00:00+02:00", "air_raid_alert", "air raid alert, 2023-11-05, Ukraine",
         "seed-000", ALERT),
    ]),
    # one row per event and sentence, in order of the event's IRI
    "event_provenance": ("event doc_id outlet url published sentence start_char end_char text", [
        (ALERT, "seed-000", None, None, "2023-11-07", 5, 700, 874, ALERT_TEXT),
        (INTERCEPTION, "seed-000", None, None, "2023-11-07", 1, 132, 289, MISSILES),
        (INTERCEPTION, "seed-000", None, None, "2023-11-07", 7, 1074, 1224, DRONES),
        (OTHER, "seed-000", None, None, "2023-11-07", 9, 1367, 1510, CRIMEA),
        # the sentence that ends a paragraph keeps its paragraph break
        (OTHER, "seed-000", None, None, "2023-11-07", 11, 1603, 1793, JUNE + "\n\n"),
        (STRIKE, "seed-000", None, None, "2023-11-07", 3, 351, 504, DEBRIS),
    ]),
    "actor_network": ("kind source source_type source_side source_label target target_type target_side "
                      "target_label event_date weapon_class launched intercepted killed injured damaged_buildings "
                      "event", [
        edge("attack", RU_FORCES, {"iri": PLACE + "ua", "type": "Country", "side": "UA", "label": "Ukraine"},
             weapon_class="missile", injured=2, damaged_buildings=10, event=STRIKE),
        edge("claim", actor("ru/russian-ministry-of-defence", "Government", "RU", "Russian Ministry of Defence"),
             UA_FORCES, weapon_class="drone", intercepted=2, event=INTERCEPTION),
        edge("claim", actor("ua/ukrainian-authorities", "Government", "UA", "Ukrainian authorities"),
             RU_FORCES, weapon_class="missile", intercepted=4, event=INTERCEPTION),
        edge("interception", actor("ru/russian-air-defence", "AirDefence", "RU", "Russian air defence"),
             UA_FORCES, weapon_class="drone", intercepted=2, event=INTERCEPTION),
        edge("interception", actor("ua/ukrainian-air-defence", "AirDefence", "UA", "Ukrainian air defence"),
             RU_FORCES, weapon_class="missile", intercepted=4, event=INTERCEPTION),
    ]),
    # in order of date (as written), then event IRI
    "events_table": ("doc_id event_id kind acled_event_type acled_sub_event_type event_date start_time end_time "
                     "attacker actor1 actor2 weapon_class weapon country admin1_iso admin1 location latitude "
                     "longitude launched intercepted killed injured damaged_buildings sentence", [
        {"doc_id": "seed-000", "event_id": OTHER, "kind": "other", "acled_event_type": "Strategic developments",
         "acled_sub_event_type": "Other", "event_date": "2014", "country": "UA", "admin1_iso": "UA-43",
         "admin1": "Autonomous Republic of Crimea", "location": "Crimea", "sentence": "9 " + CRIMEA},
        {"doc_id": "seed-000", "event_id": OTHER, "kind": "other", "acled_event_type": "Strategic developments",
         "acled_sub_event_type": "Other", "event_date": "2023-06", "sentence": "11 " + JUNE + " "},
        {"doc_id": "seed-000", "event_id": ALERT, "kind": "air_raid_alert",
         "acled_event_type": "Strategic developments", "acled_sub_event_type": "Other", "event_date": "2023-11-05",
         "start_time": "2023-11-05T03:00:00+02:00", "end_time": "2023-11-05T06:00:00+02:00", "country": "UA",
         "sentence": "5 " + ALERT_TEXT},
        {"doc_id": "seed-000", "event_id": INTERCEPTION, "kind": "interception",
         "acled_event_type": "Strategic developments", "acled_sub_event_type": "Disrupted weapons use",
         "event_date": "2023-11-05", "attacker": "RU", "actor1": "Ukrainian air defence",
         "actor2": "Russian armed forces", "weapon_class": "missile", "weapon": "cruise missile", "country": "UA",
         "intercepted": 4, "sentence": "1 " + MISSILES},
        {"doc_id": "seed-000", "event_id": INTERCEPTION, "kind": "interception",
         "acled_event_type": "Strategic developments", "acled_sub_event_type": "Disrupted weapons use",
         "event_date": "2023-11-05", "attacker": "UA", "actor1": "Russian air defence",
         "actor2": "Ukrainian armed forces", "weapon_class": "drone", "weapon": "drone", "country": "RU",
         "admin1_iso": "RU-BRY;RU-KRS", "admin1": "Bryansk Oblast;Kursk Oblast", "location": "Bryansk;Kursk",
         "intercepted": 2,
         "sentence": "7 " + DRONES},
        {"doc_id": "seed-000", "event_id": STRIKE, "kind": "strike", "acled_event_type": "Explosions/Remote violence",
         "acled_sub_event_type": "Shelling/artillery/missile attack", "event_date": "2023-11-05", "attacker": "RU",
         "actor1": "Russian armed forces", "weapon_class": "missile", "weapon": "missile", "country": "UA",
         "admin1_iso": "UA-32", "admin1": "Kyiv Oblast", "location": "Kyiv", "injured": 2, "damaged_buildings": 10,
         "sentence": "3 " + DEBRIS},
    ]),
}


def test_every_stored_query_has_a_seed_answer() -> None:
    assert set(SEED_ANSWERS) == set(catalogue())


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_stored_query_answer_on_the_seed(seed, name: str) -> None:
    columns, rows = SEED_ANSWERS[name]
    columns = columns.split()
    for row in rows:
        assert (isinstance(row, tuple) and len(row) == len(columns)) or set(row) <= set(columns), row
    result = kg.query(seed.graph, name)
    assert result.columns == columns
    expected = [row if isinstance(row, tuple) else tuple(row.get(c) for c in columns) for row in rows]
    if name == "events_table":  # its multi-valued cells come in no defined order
        assert list(map(any_order, result.rows)) == list(map(any_order, expected))
    else:
        assert result.rows == expected


def any_order(row: tuple) -> tuple:
    """A row with its ';'- or line-separated text cells as sorted lists of their parts."""
    return tuple(sorted(re.split(r"[;\n]", cell)) if isinstance(cell, str) and re.search(r"[;\n]", cell) else cell
                 for cell in row)


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
