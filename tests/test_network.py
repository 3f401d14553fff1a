"""The actor network of the small graph: nodes, edges, date slices, the report and the files."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import kg
from kg.graph import event_iri, new_graph
from kg.network import actor_network, report, write_gexf, write_graphml, write_png
from kg.records import Event

ACTOR = "https://w3id.org/kg-conflict/id/actor/"
RU_FORCES = ACTOR + "ru/russian-armed-forces"
UA_FORCES = ACTOR + "ua/ukrainian-armed-forces"
UA_AIR_DEFENCE = ACTOR + "ua/ukrainian-air-defence"
UA_AIR_FORCE = ACTOR + "ua/ukrainian-air-force"
RU_MOD = ACTOR + "ru/russian-ministry-of-defence"
CIVILIANS = ACTOR + "ua/civilians"
UKRAINE = "https://w3id.org/kg-conflict/id/place/ua"
RUSSIA = "https://w3id.org/kg-conflict/id/place/ru"
REPORT = """\
Actor network: 8 actors and countries, 11 edges (attack 6, interception 2, claim 3), dated 2023-10-20 to 2023-11-09

Centrality
actor                        type         side  out  in  degree  betweenness
---------------------------  -----------  ----  ---  --  ------  -----------
Russian armed forces         ArmedForces  RU    5    3   0.714   0.19
Ukrainian armed forces       ArmedForces  UA    1    3   0.429   0.095
Ukraine                      Country      UA    0    3   0.143   0.0
Russian Ministry of Defence  Government   RU    2    0   0.143   0.0
Ukrainian air defence        AirDefence   UA    2    0   0.143   0.0
Russia                       Country      RU    0    1   0.143   0.0
Ukrainian Air Force          ArmedForces  UA    1    0   0.143   0.0
civilians                    Civilians    UA    0    1   0.143   0.0
(8 rows)

Strongest dyads
source                       target                  edges  kinds
---------------------------  ----------------------  -----  --------------
Russian armed forces         Ukraine                 3      attack 3
Russian Ministry of Defence  Ukrainian armed forces  2      claim 2
Ukrainian air defence        Russian armed forces    2      interception 2
Russian armed forces         Ukrainian armed forces  1      attack 1
Russian armed forces         civilians               1      attack 1
Ukrainian Air Force          Russian armed forces    1      claim 1
Ukrainian armed forces       Russia                  1      attack 1
(7 rows)

Communities
1. Russian armed forces, Ukraine, Ukrainian Air Force, Ukrainian air defence, civilians
2. Russia, Russian Ministry of Defence, Ukrainian armed forces
"""


@pytest.fixture(scope="module")
def network(small_graph: Graph) -> nx.MultiDiGraph:
    return actor_network(small_graph)


def edges(network: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, object]]]:
    """The edges, sorted by source, target and event."""
    return sorted(network.edges(data=True), key=lambda edge: (edge[0], edge[1], edge[2]["event"]))


def test_nodes_are_actors_and_countries(network: nx.MultiDiGraph) -> None:
    assert dict(network.nodes(data=True)) == {
        RU_FORCES: {"type": "ArmedForces", "label": "Russian armed forces", "side": "RU"},
        UA_FORCES: {"type": "ArmedForces", "label": "Ukrainian armed forces", "side": "UA"},
        UA_AIR_DEFENCE: {"type": "AirDefence", "label": "Ukrainian air defence", "side": "UA"},
        UA_AIR_FORCE: {"type": "ArmedForces", "label": "Ukrainian Air Force", "side": "UA"},
        RU_MOD: {"type": "Government", "label": "Russian Ministry of Defence", "side": "RU"},
        CIVILIANS: {"type": "Civilians", "label": "civilians", "side": "UA"},
        UKRAINE: {"type": "Country", "label": "Ukraine", "side": "UA"},
        RUSSIA: {"type": "Country", "label": "Russia", "side": "RU"},
    }


def test_edges_are_attacks_interceptions_and_claims(
    network: nx.MultiDiGraph, small_events: tuple[Event, ...], second_events: tuple[Event, ...]
) -> None:
    (intercepted_missiles, kyiv_strike, _, intercepted_drones, vinnytsia_strike, _) = (
        str(event_iri(event)) for event in small_events)
    (reported_missiles, kyiv_report, vinnytsia_drones, belgorod_strike, _, clash) = (
        str(event_iri(event)) for event in second_events)
    assert edges(network) == sorted([
        # an attack on a named target, else on the country of each place struck
        (RU_FORCES, UA_FORCES, {"kind": "attack", "event": clash, "date": "2023-10-20"}),
        (RU_FORCES, UKRAINE, {"kind": "attack", "event": kyiv_strike, "date": "2023-11-05",
                              "weapon_class": "missile", "injured": 2, "damaged_buildings": 10}),
        (RU_FORCES, UKRAINE, {"kind": "attack", "event": kyiv_report, "date": "2023-11-05",
                              "weapon_class": "drone;missile", "injured": 3}),
        (RU_FORCES, UKRAINE, {"kind": "attack", "event": vinnytsia_drones, "date": "2023-11-09",
                              "weapon_class": "drone", "damaged_buildings": 4}),
        (RU_FORCES, CIVILIANS, {"kind": "attack", "event": vinnytsia_strike, "date": "2023-11-06",
                                "weapon_class": "missile", "killed": 1, "injured": 3}),
        (UA_FORCES, RUSSIA, {"kind": "attack", "event": belgorod_strike, "date": "2023-11-08",
                             "weapon_class": "drone", "injured": 1}),
        # an interceptor and the attacker whose weapons it shot down
        (UA_AIR_DEFENCE, RU_FORCES, {"kind": "interception", "event": intercepted_missiles, "date": "2023-11-05",
                                     "weapon_class": "missile", "intercepted": 4}),
        (UA_AIR_DEFENCE, RU_FORCES, {"kind": "interception", "event": reported_missiles, "date": "2023-11-05",
                                     "weapon_class": "missile", "launched": 6, "intercepted": 3}),
        # who reported an event, and its attacker
        (RU_MOD, UA_FORCES, {"kind": "claim", "event": intercepted_drones, "date": "2023-11-05",
                             "weapon_class": "drone", "intercepted": 2}),
        (RU_MOD, UA_FORCES, {"kind": "claim", "event": belgorod_strike, "date": "2023-11-08",
                             "weapon_class": "drone", "injured": 1}),
        (UA_AIR_FORCE, RU_FORCES, {"kind": "claim", "event": reported_missiles, "date": "2023-11-05",
                                   "weapon_class": "missile", "launched": 6, "intercepted": 3}),
    ], key=lambda edge: (edge[0], edge[1], edge[2]["event"]))


@pytest.mark.parametrize(("since", "until", "dates"), [
    ("2023-11-06", None, ["2023-11-06", "2023-11-08", "2023-11-08", "2023-11-09"]),
    (None, "2023-11-04", ["2023-10-20"]),
    ("2023-11-06", "2023-11-06", ["2023-11-06"]),
    ("2024-01-01", None, []),
])
def test_a_slice_of_dates(small_graph: Graph, since: str | None, until: str | None, dates: list[str]) -> None:
    network = actor_network(small_graph, since=since, until=until)
    assert sorted(date for _, _, date in network.edges(data="date")) == dates
    assert all(network.degree(node) for node in network)  # only the actors of those edges


def test_report(network: nx.MultiDiGraph) -> None:
    assert report(network) == REPORT


def test_report_of_an_empty_network() -> None:
    assert report(actor_network(new_graph())).endswith("Communities\n(none)\n")


def test_graphml_reads_back(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "actors.graphml"
    write_graphml(network, path)
    again = nx.read_graphml(path)
    assert again.is_multigraph() and again.is_directed()
    assert dict(again.nodes(data=True)) == dict(network.nodes(data=True))
    assert sorted(again.edges(data=True), key=str) == sorted(network.edges(data=True), key=str)


def test_gexf_reads_back(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "actors.gexf"
    write_gexf(network, path)
    again = nx.read_gexf(path)
    assert sorted(again) == sorted(network)  # string node ids: the actors' IRIs
    assert again.nodes[RU_FORCES] == {"label": "Russian armed forces", "type": "ArmedForces", "side": "RU"}
    assert again.number_of_edges() == network.number_of_edges() == 11
    assert {data["kind"] for _, _, data in again.edges(data=True)} == {"attack", "interception", "claim"}
    assert "lastmodifieddate" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("write", [write_graphml, write_gexf, write_png])
def test_the_same_network_gives_the_same_bytes(network: nx.MultiDiGraph, tmp_path: Path, write) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(network, first)
    write(network, second)
    assert first.read_bytes() == second.read_bytes()


def test_png_picture(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "out" / "actors.png"
    write_png(network, path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000


def test_python_api(small_graph: Graph, network: nx.MultiDiGraph) -> None:
    assert nx.utils.graphs_equal(kg.network(small_graph), network)
    assert kg.network(small_graph, since="2023-11-09").number_of_edges() == 1
