"""Validate a graph against kg's SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

Validation runs on every build, so it is kept cheap: no inference, and of the ontology only its
``rdfs:subClassOf`` axioms are mixed into a copy of the data graph (with ``inplace``, into the graph itself),
``sh:targetClass`` and ``sh:class`` reach subclasses (see shapes.ttl); pySHACL runs in advanced
mode (SHACL-AF) for the SPARQL target of one shape; the parsed shapes and axioms are cached.
Results of severity ``sh:Warning`` or ``sh:Info`` are reported but do not make a graph fail.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyshacl.errors import ConstraintLoadError, ShapeLoadError
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import Errors, KgError
from kg.resources import ontology_path, shapes_path
from kg.store import article_graphs, in_store

EXIT_CONFORMS = 0
"""``kg validate`` exit code: the graph conforms to the shapes (warnings allowed)."""
EXIT_NOT_CONFORMS = 1
"""``kg validate`` exit code: the graph has at least one violation."""
EXIT_ERROR = 2
"""``kg validate`` exit code: the graph or the shapes could not be read."""


Finding = tuple[str, str]
"""One line of a report with its severity: ``("Violation", "id:event/... cf:killed: ... [Violation]")``."""


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a graph.

    ``conforms`` is False when there is at least one violation; ``text`` is the readable report
    (one sorted line a result, then a summary line); ``report`` is pySHACL's report graph;
    ``findings`` are the lines of the text with their severities.
    """

    conforms: bool
    text: str
    report: Graph
    findings: frozenset[Finding] = frozenset()


def validate(graph: Graph, shapes: Path | str | None = None, *, inplace: bool = False) -> ValidationResult:
    """Validate ``graph`` against the SHACL ``shapes`` file (default: kg's own ``shapes.ttl``).

    The graph of a store (``kg.store.open_graph`` of a folder) is validated a few articles at a
    time, as ``kg build`` validates what it builds. ``inplace`` lets the ontology's axioms be added
    to ``graph`` itself rather than to a copy (a fifth quicker): for a graph made to be validated
    and dropped. Raises ``KgError`` (E015) when the shapes file cannot be read or does not define
    valid shapes.
    """
    if in_store(graph):  # pySHACL reads a store's graph triple by triple: too slow
        return merge([validate(part, shapes, inplace=True) for part in article_graphs(graph)])
    path = Path(shapes) if shapes is not None else shapes_path()
    shapes_graph = load_shapes(path)
    try:
        conforms, report, _ = pyshacl.validate(
            graph, shacl_graph=shapes_graph, ont_graph=class_hierarchy(), inference="none", advanced=True,
            allow_warnings=True, inplace=inplace,
        )
    except (ShapeLoadError, ConstraintLoadError) as error:
        raise KgError(Errors.E015, path=path, detail=str(error).strip()) from error
    found = findings(report, graph, shapes_graph)
    return ValidationResult(conforms=bool(conforms), text=findings_text(found), report=report, findings=found)


def merge(results: list[ValidationResult]) -> ValidationResult:
    """One result for the parts of a graph validated apart: it conforms if every part does, its
    report holds every part's results and its text their lines.
    """
    report = Graph()
    for result in results:
        report += result.report
    found = frozenset().union(*(result.findings for result in results))
    return ValidationResult(conforms=all(result.conforms for result in results), text=findings_text(found),
                            report=report, findings=found)


def load_shapes(path: Path) -> Graph:
    """The parsed shapes graph at ``path``, cached for the life of the process."""
    return _load_shapes(path.resolve())


@functools.cache
def _load_shapes(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as error:  # rdflib raises many kinds: OSError, BadSyntax, PluginException...
        raise KgError(Errors.E015, path=path, detail=str(error).strip() or type(error).__name__) from error
    return graph


@functools.cache
def class_hierarchy() -> Graph:
    """The ``rdfs:subClassOf`` axioms of kg's ontology (``ontology/conflict.ttl``), through which
    the shapes' ``sh:targetClass`` and ``sh:class`` reach the subclasses of a class; parsed once.
    """
    ontology = Graph().parse(ontology_path(), format="turtle")
    hierarchy = Graph()
    hierarchy += ontology.triples((None, RDFS.subClassOf, None))
    return hierarchy


def findings(report: Graph, data: Graph, shapes: Graph) -> frozenset[Finding]:
    """The lines of a readable report (see ``findings_text``) with their severities.

    Each line reads ``focus path: message [severity] (value: ...)``, the value being the offending
    one when there is one; IRIs are in prefixed form, using the data graph's prefixes, then the
    shapes'. A value failing several constraints of one shape (a count that is a string is neither
    an ``xsd:integer`` nor at least 0) gives identical lines: they are printed, and counted, once.
    """
    prefixes = _prefixes(data, shapes)
    found: set[Finding] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = _local_name(report.value(result, SH.resultSeverity) or SH.Violation)
        focus = report.value(result, SH.focusNode)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        message = "; ".join(messages) or _local_name(report.value(result, SH.sourceConstraintComponent))
        line = f"{_short(focus, prefixes)} {_short(report.value(result, SH.resultPath), prefixes)}: {message}"
        line += f" [{severity}]"
        value = report.value(result, SH.value)
        if value is not None and value != focus:
            line += f" (value: {_short(value, prefixes)})"
        found.add((severity, line))
    return frozenset(found)


def findings_text(found: Iterable[Finding]) -> str:
    """A readable report: one line a result, sorted, then ``N violations`` (and warnings, if any)."""
    unique = set(found)
    counts = Counter(severity for severity, _ in unique)
    summary = f"{counts.pop('Violation', 0)} violations"
    summary += "".join(f", {n} {severity.lower()}s" for severity, n in sorted(counts.items()))
    return "\n".join([*sorted(line for _, line in unique), summary])


def _prefixes(*graphs: Graph) -> list[tuple[str, str]]:
    """(namespace, prefix) pairs, longest namespace first; earlier graphs win a tie."""
    chosen: dict[str, str] = {}
    for graph in graphs:
        for prefix, namespace in sorted(graph.namespaces()):
            if prefix:
                chosen.setdefault(str(namespace), prefix)
    return sorted(chosen.items(), key=lambda item: (-len(item[0]), item[0]))


def _short(node: Node | None, prefixes: list[tuple[str, str]]) -> str:
    """``id:place/ua-32`` for an IRI under a known namespace, ``"-1"^^xsd:integer`` for a typed
    literal, else the node in N-Triples form."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        for namespace, prefix in prefixes:
            if node.startswith(namespace) and len(node) > len(namespace):
                return f"{prefix}:{node[len(namespace):]}"
    if isinstance(node, Literal) and node.datatype is not None:
        return f"{Literal(str(node)).n3()}^^{_short(node.datatype, prefixes)}"
    return node.n3()


def _local_name(node: Node | None) -> str:
    """``Violation`` for ``sh:Violation``."""
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if node is not None else "-"
