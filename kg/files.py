"""Graph files: read and write RDF in any common syntax, the same bytes for the same triples.

``save_graph`` writes the same bytes for the same triples, whatever order they were added in (kg
mints no blank nodes, whose labels no serializer keeps stable), and writes through a temporary
file in the target folder, so a failed write never leaves half a file behind. N-Quads and TriG
files hold one named graph per article (``kg.dataset``); JSON-LD is compacted with kg's context,
``ontology/context.jsonld``. ``kg.store`` holds kg's other kind of graph on disk, the store.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.dataset import Triple, article_parts, split_by_article
from kg.errors import Errors, KgError
from kg.graph import new_graph
from kg.resources import context_path

# file suffix -> rdflib parser
PARSERS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".xml": "xml",
}
QUAD_PARSERS = ("trig", "nquads")
DETAIL_LENGTH = 200


def load_graph(path: str | Path) -> Graph:
    """Read a graph file, its syntax told by the suffix (``.ttl``, ``.nt``, ``.jsonld``/``.json``,
    ``.trig``, ``.nq``, ``.rdf``/``.xml``). The named graphs of a TriG or N-Quads file are merged.

    Raises ``KgError``: E006 if there is no such file, E014 for an unknown suffix, E010 if the
    file cannot be read or parsed.
    """
    path = Path(path)
    if not path.exists():
        raise KgError(Errors.E006, path=path)
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise KgError(Errors.E014, name=path.suffix or path.name, known=", ".join(PARSERS))
    graph = new_graph()
    try:
        if parser in QUAD_PARSERS:
            add_quads(graph, parser, source=path)
        else:
            graph.parse(path, format=parser)
    except Exception as error:  # each rdflib parser raises its own kind of error
        raise KgError(Errors.E010, path=path, detail=error_detail(error)) from error
    return graph


def add_quads(graph: Graph, fmt: str, **source: object) -> None:
    """Add to ``graph`` the triples of every graph of a TriG or N-Quads ``source`` (rdflib's
    ``source=`` a path, or ``data=`` the text), and the prefixes it binds.
    """
    dataset = Dataset()
    dataset.parse(format=fmt, **source)
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)
    graph += ((s, p, o) for s, p, o, _ in dataset.quads())


def error_detail(error: Exception) -> str:
    """A parser's error on one short line."""
    if isinstance(error, BadSyntax):  # its str() quotes the surrounding input over three lines
        return f"line {error.lines + 1}: {error._why}"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 3] + "..."


def turtle(graph: Graph) -> str:
    """Turtle; rdflib's serializer sorts subjects, predicates and objects."""
    return graph.serialize(format="turtle")


def n_triples(graph: Graph) -> str:
    """N-Triples, one triple a line, the lines sorted."""
    return "".join(f"{line}\n" for line in nt_lines(graph))


def n_quads(graph: Iterable[Triple]) -> str:
    """N-Quads of a graph (or of any collection of triples), one named graph per article: graph by
    graph (``kg.dataset.article_parts``: the default graph, then the named graphs in the order of
    their names), each graph's lines sorted.
    """
    lines = []
    for name, triples in article_parts(graph):
        if name is None:
            lines += nt_lines(triples)
        else:  # "<s> <p> <o> ." -> "<s> <p> <o> <graph> ."
            ending = f" {name.n3()} ."
            lines += [line.removesuffix(" .") + ending for line in nt_lines(triples)]
    return "".join(f"{line}\n" for line in lines)


def nt_lines(triples: Iterable[Triple]) -> list[str]:
    """The triples as N-Triples lines (without line ends), sorted; literals are written as
    rdflib's N-Triples serializer writes them.
    """
    return sorted(f"{_node_text(subject)} {_node_text(predicate)} {nt_term(value)} ."
                  for subject, predicate, value in triples)


def nt_term(node: Node) -> str:
    """A term in N-Triples: an IRI or blank node as ``n3()`` writes it, a literal quoted on one line
    (backslash, newline, double quote and carriage return escaped) with its language or datatype.
    """
    if not isinstance(node, Literal):
        return _node_text(node)
    quoted = '"' + node.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if node.language:
        return f"{quoted}@{node.language}"
    return f"{quoted}^^<{node.datatype}>" if node.datatype else quoted


@functools.lru_cache(maxsize=1 << 12)
def _node_text(node: Node) -> str:
    """An IRI or blank node as ``n3()`` writes it (which checks the IRI), remembered: the same
    classes, predicates and places come back on every article (a few thousand, so that the
    cache stays small while a build writes the IRIs of new events and sentences through it).
    """
    return node.n3()


def trig(graph: Graph) -> str:
    """TriG, one named graph per article: the prefixes, then graph by graph (see
    ``dataset_parts``) its triples as Turtle writes them, a named graph's inside ``<name> { }``.
    """
    prefixes: set[str] = set()
    blocks = []
    for part in dataset_parts(split_by_article(graph)):
        lines = turtle(part).splitlines()
        count = next((index for index, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
        prefixes.update(lines[:count])
        body = "\n".join(lines[count:]).strip("\n")
        blocks.append(body if part.identifier == DATASET_DEFAULT_GRAPH_ID else f"{part.identifier.n3()} {{\n{body}\n}}")
    return "\n\n".join(["\n".join(sorted(prefixes)), *blocks]) + "\n"


def dataset_parts(dataset: Dataset) -> list[Graph]:
    """The default graph if it holds any triple, then the named graphs in the order of their names."""
    parts = sorted(dataset.graphs(), key=lambda part: (part.identifier != DATASET_DEFAULT_GRAPH_ID, part.identifier))
    return [part for part in parts if len(part)]


def json_ld(graph: Graph) -> str:
    """JSON-LD compacted with kg's context (``ontology/context.jsonld``, written inline), nodes and
    values sorted.
    """
    context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context))
    return json.dumps(canonical_json(data), indent=2, ensure_ascii=False) + "\n"


def canonical_json(data: object, key: str = "") -> object:
    """JSON-LD with its keys and its unordered arrays (all but ``@list``) sorted."""
    if isinstance(data, dict):
        return {name: canonical_json(value, name) for name, value in sorted(data.items())}
    if isinstance(data, list):
        items = [canonical_json(item) for item in data]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return data


SERIALIZERS: dict[str, Callable[[Graph], str]] = {
    "turtle": turtle,
    "nt": n_triples,
    "nquads": n_quads,
    "trig": trig,
    "jsonld": json_ld,
}
GRAPH_FORMATS = tuple(SERIALIZERS)
# file suffix -> the format ``save_graph`` writes there when none is named
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld",
                  ".json": "jsonld"}


def format_for(path: str | Path) -> str:
    """The graph format a file's suffix names (``out/graph.nq``: ``nquads``); Turtle for a file
    with no suffix or one of no RDF format.

    Raises ``KgError`` E014 for a suffix of an RDF format kg reads but does not write (``.rdf``).
    """
    suffix = Path(path).suffix.lower()
    if suffix in PARSERS and suffix not in SUFFIX_FORMATS:
        raise KgError(Errors.E014, name=suffix, known=", ".join(SUFFIX_FORMATS))
    return SUFFIX_FORMATS.get(suffix, "turtle")


def save_graph(graph: Graph, path: str | Path, fmt: str = "turtle") -> None:
    """Write ``graph`` to ``path`` as ``turtle``, ``nt``, ``nquads``, ``trig`` or ``jsonld``: the
    same triples always give the same bytes.

    Raises ``KgError``: E014 for an unknown format, E011 if the file cannot be written.
    """
    serializer = SERIALIZERS.get(fmt)
    if serializer is None:
        raise KgError(Errors.E014, name=fmt, known=", ".join(GRAPH_FORMATS))
    write_atomic(Path(path), serializer(graph))


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to a temporary file beside ``path``, then
    rename it to ``path``.

    Creates missing parent folders. Raises ``KgError`` E011 if the file cannot be written,
    leaving any earlier ``path`` as it was.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise KgError(Errors.E011, path=path, detail=error.strerror or error) from error
