"""The actor network: who attacked, intercepted and reported on whom, as a networkx graph.

``actor_network`` builds a ``networkx.MultiDiGraph`` from the rows of the stored query
``actor_network``: one edge per event and relation,

- ``attack``: attacker -> the actor it attacked or, where none is named, the country of each
  place it struck;
- ``interception``: interceptor -> the attacker whose weapons it shot down;
- ``claim``: whoever reported an event -> the event's attacker.

Nodes are the IRIs of actors (and countries) as strings, with the attributes ``type`` (the
``cf:`` class: ``ArmedForces``, ``Country``...), ``label`` and ``side`` (ISO code, where known).
Edges carry ``kind``, ``event`` (its IRI), ``date`` (ISO, where known), ``weapon_class``
(``drone;missile``, where known) and the counts the event states (``launched``, ``intercepted``,
``killed``, ``injured``, ``damaged_buildings``). An attribute that is not known is left out, and
every value is a string or an integer, so that GraphML and GEXF (Gephi) files hold the graph as it is.

``report`` describes the network as text; ``write_graphml``, ``write_gexf`` and ``write_png``
write it to files.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from kg.files import write_atomic
from kg.queries import QueryResult, format_table, run_query

if TYPE_CHECKING:
    from rdflib import Graph


def _lazy_import(name: str) -> ModuleType:
    """``name`` imported on first use (the ``importlib.util.LazyLoader`` recipe): networkx takes
    a fifth of a second to import, which every ``kg`` command but ``network`` would pay."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


nx = _lazy_import("networkx")

EDGE_KINDS = ("attack", "interception", "claim")
COUNTS = ("launched", "intercepted", "killed", "injured", "damaged_buildings")
STRONGEST_DYADS = 10
# Louvain and the picture's layout are random: fixed seeds make them repeatable
COMMUNITY_SEED = 7
LAYOUT_SEED = 7
KIND_STYLES = {  # colour and line style of each kind of edge in the picture
    "attack": ("#c0392b", "solid"),
    "interception": ("#2471a3", "solid"),
    "claim": ("#7f8c8d", "dashed"),
}
SIDE_COLOURS = {"UA": "#f4d03f", "RU": "#e74c3c"}
OTHER_SIDE_COLOUR = "#bdc3c7"
GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def actor_network(graph: Graph, since: object = None, until: object = None) -> nx.MultiDiGraph:
    """The actor network of ``graph`` (see the module docstring), of the events dated to the day
    between ``since`` and ``until`` (``YYYY-MM-DD`` or ``datetime.date``; None: no bound).

    Nodes and edges are added in the query's order (by date, kind, source, target, event).
    """
    network = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str, str], dict[str, object]] = {}  # (kind, source, target, event): attributes
    weapon_classes: defaultdict[tuple[str, str, str, str], set[str]] = defaultdict(set)  # a row per class
    for row in run_query(graph, "actor_network", since=since, until=until).records():
        for end in ("source", "target"):
            node = {"type": row[f"{end}_type"], "label": row[f"{end}_label"], "side": row[f"{end}_side"]}
            network.add_node(row[end], **known(node))
        key = (row["kind"], row["source"], row["target"], row["event"])
        edges.setdefault(key, {"kind": row["kind"], "event": row["event"], "date": row["event_date"],
                               **{count: row[count] for count in COUNTS}})
        if row["weapon_class"]:
            weapon_classes[key].add(row["weapon_class"])
    for key, edge in edges.items():
        weapon_class = ";".join(sorted(weapon_classes[key])) or None
        network.add_edge(key[1], key[2], **known({**edge, "weapon_class": weapon_class}))
    return network


def known(attributes: dict[str, object]) -> dict[str, object]:
    """The attributes whose value is known (not None)."""
    return {name: value for name, value in attributes.items() if value is not None}


def label(network: nx.MultiDiGraph, node: str) -> str:
    """A node's label, or its IRI if it has none."""
    return str(network.nodes[node].get("label", node))


def centrality(network: nx.MultiDiGraph) -> QueryResult:
    """Per actor: its edges out and in, its degree and betweenness centrality (both normalised, over
    the directed graph of who acts on whom, parallel edges counted once); by degree, betweenness,
    edges, then label.
    """
    simple = nx.DiGraph(network)
    degree = nx.degree_centrality(simple)
    betweenness = nx.betweenness_centrality(simple)
    rows = [
        (label(network, node), data.get("type"), data.get("side"), network.out_degree(node),
         network.in_degree(node), round(degree[node], 3), round(betweenness[node], 3))
        for node, data in network.nodes(data=True)
    ]
    rows.sort(key=lambda row: (-row[5], -row[6], -row[3] - row[4], row[0]))
    return QueryResult(["actor", "type", "side", "out", "in", "degree", "betweenness"], rows)


def dyads(network: nx.MultiDiGraph, limit: int = STRONGEST_DYADS) -> QueryResult:
    """The ``limit`` pairs (source -> target) joined by the most edges, with the edges of each kind."""
    kinds: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, target, kind in network.edges(data="kind"):
        kinds[source, target][kind] += 1
    rows = [
        (label(network, source), label(network, target), counter.total(),
         ", ".join(f"{kind} {counter[kind]}" for kind in EDGE_KINDS if counter[kind]))
        for (source, target), counter in kinds.items()
    ]
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return QueryResult(["source", "target", "edges", "kinds"], rows[:limit])


def communities(network: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of actors more tied to each other than to the rest (Louvain, on the undirected graph
    weighted by the edges between each pair, with a fixed seed): the labels of each group sorted,
    the largest group first.
    """
    weighted = nx.Graph()
    weighted.add_nodes_from(network)
    for source, target in network.edges():
        weight = weighted.get_edge_data(source, target, {"weight": 0})["weight"]
        weighted.add_edge(source, target, weight=weight + 1)
    groups = nx.community.louvain_communities(weighted, weight="weight", seed=COMMUNITY_SEED)
    labelled = [sorted(label(network, node) for node in group) for group in groups]
    return sorted(labelled, key=lambda group: (-len(group), group))


def summary(network: nx.MultiDiGraph) -> str:
    """One line: how many nodes and edges of each kind, and the first and last date of an edge."""
    kinds = Counter(kind for _, _, kind in network.edges(data="kind"))
    dates = sorted(date for _, _, date in network.edges(data="date") if date)
    return (f"Actor network: {len(network)} actors and countries, {network.number_of_edges()} edges "
            f"({', '.join(f'{kind} {kinds[kind]}' for kind in EDGE_KINDS)})"
            + (f", dated {dates[0]} to {dates[-1]}" if dates else ""))


def report(network: nx.MultiDiGraph) -> str:
    """The network described as text: its size and dates, centrality, strongest dyads, communities."""
    lines = [
        summary(network),
        "",
        "Centrality",
        format_table(centrality(network)),
        "",
        "Strongest dyads",
        format_table(dyads(network)),
        "",
        "Communities",
        *(f"{number}. {', '.join(group)}" for number, group in enumerate(communities(network), start=1)),
    ]
    if not len(network):
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def write_graphml(network: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the network to ``path`` as GraphML (E011 if it cannot be written)."""
    write_atomic(Path(path), "\n".join(nx.generate_graphml(network)) + "\n")


def write_gexf(network: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the network to ``path`` as GEXF, for Gephi (E011 if it cannot be written).

    networkx stamps the file with the day it is written; the stamp is left out, so that the
    same network always gives the same bytes.
    """
    text = "\n".join(nx.generate_gexf(network)) + "\n"
    write_atomic(Path(path), GEXF_DATE.sub("", text, count=1))


def write_png(network: nx.MultiDiGraph, path: str | Path) -> None:
    """Draw the network to ``path`` as a PNG picture (E011 if it cannot be written).

    Nodes are coloured by side (countries drawn as squares) and sized by their edges, labelled;
    edges are drawn once per pair and kind, as wide as the events between them, coloured by kind.
    The layout has a fixed seed. Drawn with matplotlib's Agg renderer, without pyplot's state.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(12, 9), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_axis_off()
    layout = nx.spring_layout(nx.Graph(network), k=2.5 / max(len(network), 1) ** 0.5, seed=LAYOUT_SEED)
    sizes = {node: 250 + 250 * network.degree(node) ** 0.5 for node in network}
    for shape, nodes in (("o", [n for n, t in network.nodes(data="type") if t != "Country"]),
                         ("s", [n for n, t in network.nodes(data="type") if t == "Country"])):
        nx.draw_networkx_nodes(
            network, layout, nodelist=nodes, node_shape=shape, ax=axes, edgecolors="#34495e",
            node_size=[sizes[node] for node in nodes],
            node_color=[SIDE_COLOURS.get(network.nodes[node].get("side"), OTHER_SIDE_COLOUR) for node in nodes],
        )
    pairs = nx.DiGraph()  # the edges of one kind between two nodes, drawn once
    pairs.add_nodes_from(network)
    for index, kind in enumerate(EDGE_KINDS):
        counts = Counter((source, target) for source, target, k in network.edges(data="kind") if k == kind)
        colour, style = KIND_STYLES[kind]
        nx.draw_networkx_edges(
            pairs, layout, edgelist=list(counts), width=[1 + 1.5 * count ** 0.5 for count in counts.values()],
            edge_color=colour, style=style, ax=axes, arrowsize=14, node_size=[sizes[n] for n in pairs],
            connectionstyle=f"arc3,rad={0.08 * (index + 1)}",
        )
    nx.draw_networkx_labels(
        network, layout, labels={node: label(network, node) for node in network}, font_size=9, ax=axes,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
    )
    legend = [Line2D([], [], color=KIND_STYLES[kind][0], linestyle=KIND_STYLES[kind][1], label=kind)
              for kind in EDGE_KINDS]
    sides = [*(f"side {side}" for side in SIDE_COLOURS), "other or unknown side"]
    legend += [Line2D([], [], marker="o", linestyle="", markerfacecolor=colour, markeredgecolor="#34495e",
                      markersize=10, label=side)
               for side, colour in zip(sides, [*SIDE_COLOURS.values(), OTHER_SIDE_COLOUR], strict=True)]
    axes.margins(0.12)  # room for the labels of nodes at the edge
    axes.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)  # beside, not over
    axes.set_title(summary(network), fontsize=11)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    write_atomic(Path(path), buffer.getvalue())
