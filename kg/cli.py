"""The ``kg`` command: thin argparse wrappers over kg's plain functions.

Every subcommand is a ``cmd_<name>(args) -> int`` returning the exit code:

====  ==========================================================================
0     all fine (``validate``: the graph conforms)
1     the graph does not conform, or ``build`` skipped some inputs (it still wrote the rest)
2     an error: bad usage, no article at all, an unreadable graph or store, an unwritable
      output, an article not in the store, an endpoint or scheduler that cannot be reached
====  ==========================================================================

Errors are one line each on stderr, ``kg: <message>``, never a traceback. spaCy is imported
(through ``kg.pipeline.build_chunk``) only by a ``kg build`` that has articles to build: it takes
a second or more, and a re-run over articles the store holds unchanged does without it. A GRAPH
is a graph file or a store folder (``kg.store.open_graph``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.errors import Errors, KgError
from kg.export import EXPORT_FORMATS, export
from kg.files import GRAPH_FORMATS, format_for, save_graph, write_atomic
from kg.network import actor_network, report, write_gexf, write_graphml, write_png
from kg.push import push
from kg.queries import RESULT_FORMATS, describe_catalogue, format_result, run_query
from kg.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT, start_server
from kg.store import DEFAULT_STORE, ArticleStore, open_graph, remove_articles
from kg.validate import EXIT_CONFORMS, EXIT_ERROR, EXIT_NOT_CONFORMS, validate

EXIT_OK = EXIT_CONFORMS
EXIT_PROBLEMS = EXIT_NOT_CONFORMS  # also: some inputs skipped
STDOUT = "-"
HELP_WIDTH = 78


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default: the command line) and return its exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
        return args.handler(args)
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        return int(exit_.code or 0)
    except KgError as error:
        say(error)
        return EXIT_ERROR


def say(message: object) -> None:
    """Print one ``kg: <message>`` line to stderr."""
    print(f"kg: {message}", file=sys.stderr)


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout, ending it with a newline unless it has one."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --- subcommands ---------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    """Build a graph from articles into the store and/or a file, validating what it builds."""
    from kg.pipeline import build

    if args.store is None and args.output is None:
        args.usage_error("nothing to write: give -o FILE, or keep the store (no --no-store)")
    if args.scheduler is not None and args.engine != "dask":
        args.usage_error("--scheduler needs --engine dask")
    engine = None
    if args.engine == "dask":
        from kg.distributed import dask_engine

        engine = dask_engine(args.scheduler)
    output_format = (args.format or format_for(args.output)) if args.output is not None else None
    made = args.store is not None and not Path(args.store).exists()
    store = ArticleStore.open(args.store) if args.store is not None else None
    try:
        result = build(args.inputs, store=store, keep_graph=args.output is not None, validate=args.validate,
                       engine=engine, chunk_size=args.chunk_size, progress=args.progress)
    except KgError:
        if store is not None and made and store.is_empty():  # a store this build made and wrote nothing into
            store.close()
            shutil.rmtree(args.store, ignore_errors=True)
        raise
    finally:
        if store is not None:
            store.close()
    for problem in result.problems:
        say(problem)
    if not result.articles and not result.unchanged:
        raise KgError(Errors.E016, paths=" ".join(args.inputs))
    if args.output is not None:
        save_graph(result.graph, args.output, fmt=output_format)
    if not result.conforms:
        print(result.report, file=sys.stderr)
    targets = " and ".join(str(target) for target in (args.output, args.store) if target is not None)
    say(f"built {result.events} events from {result.articles} articles into {targets} "
        f"({result.unchanged} unchanged, {len(result.problems)} skipped)")
    return EXIT_OK if result.conforms and not result.problems else EXIT_PROBLEMS


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove articles from a store, each in one transaction."""
    remove_articles(args.store, args.doc_ids)
    say(f"removed {len(args.doc_ids)} articles from {args.store}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a graph file against kg's SHACL shapes (or ``--shapes``) and print the report."""
    report = validate(open_graph(args.graph), shapes=args.shapes)
    print(report.text)
    return EXIT_OK if report.conforms else EXIT_PROBLEMS


def cmd_query(args: argparse.Namespace) -> int:
    """Run a stored query (or a ``.rq`` file) over a graph, or list the stored queries."""
    if args.list:
        write_stdout(describe_catalogue())
        return EXIT_OK
    if args.query is None or args.graph is None:
        args.usage_error("a query NAME_OR_FILE and a GRAPH are needed (or --list)")
    graph = open_graph(args.graph)
    result = run_query(graph, args.query, **dict(args.param))
    write_stdout(format_result(result, args.format))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write a graph (a file or a store) in another format, to ``-o FILE`` or stdout."""
    graph = open_graph(args.graph)
    if args.output != STDOUT:
        export(graph, args.format, args.output)
        return EXIT_OK
    with tempfile.TemporaryDirectory(prefix="kg-export-") as folder:
        path = Path(folder) / f"graph.{args.format}"
        export(graph, args.format, path)
        write_stdout(path.read_text(encoding="utf-8"))
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    """Build the actor network of a graph, write the files asked for, and print its report."""
    network = actor_network(open_graph(args.graph), since=args.since, until=args.until)
    for path, write in ((args.graphml, write_graphml), (args.gexf, write_gexf), (args.png, write_png)):
        if path is not None:
            write(network, path)
    write_stdout(report(network))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the events kg extracts (or an events CSV or graph) against gold annotations; inputs
    that cannot be read are reported and skipped (exit 1), as ``kg build`` does.
    """
    from kg.evaluate import evaluate, format_evaluation, predicted_rows, read_gold

    gold = read_gold(args.gold)
    problems: list[KgError] = []
    try:
        predicted = predicted_rows(args.inputs, args.gold, problems)
    finally:
        for problem in problems:
            say(problem)
    result = evaluate(gold, predicted)
    if args.json:
        write_atomic(Path(args.json), json.dumps(result.as_dict(), indent=2, sort_keys=True) + "\n")
    write_stdout(format_evaluation(result))
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a store read-only as a SPARQL endpoint until interrupted."""
    server = start_server(args.store, args.host, args.port, args.timeout)
    try:
        say(f"serving {args.store} read-only: SPARQL queries at {server.query_endpoint} (Ctrl-C stops)")
        code = server.process.wait()
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        server.stop()
    raise KgError(Errors.E026, address=f"{args.host}:{args.port}", detail=f"the server exited with status {code}")


def cmd_push(args: argparse.Namespace) -> int:
    """Load a graph into a SPARQL 1.1 Graph Store Protocol endpoint."""
    written = push(open_graph(args.graph), args.endpoint, target=args.graph_iri, by_article=args.by_article)
    say(f"pushed {written} graphs to {args.endpoint}")
    return EXIT_OK


# --- the parser ----------------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    """The ``kg`` argument parser, one subparser a subcommand."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a validated, queryable RDF knowledge graph from news about armed conflict.",
        epilog="Run 'kg COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    build = add_command(
        commands, cmd_build, "build a graph from articles",
        "kg build seeds articles.jsonl -o out/graph.ttl",
        "Read articles (.txt and .jsonl files, or folders of them), extract the events they "
        "report, validate them, and write them into the store (one named graph per article; "
        "articles it holds unchanged are skipped) and, with -o, to a graph file. Bad inputs are "
        "reported and skipped.",
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a .txt or .jsonl file, or a folder of them")
    add_output(build, "also write the graph of the articles read to FILE", default=None)
    add_format(build, GRAPH_FORMATS, None, "the graph file's RDF format (default: by the suffix of -o, "
               "else turtle)", required=False)
    add_store(build, "the store to build into")
    build.add_argument("--no-store", dest="store", action="store_const", const=None,
                       help="write no store, only the graph file (-o)")
    build.add_argument("--no-validate", dest="validate", action="store_false",
                       help="do not validate the graph against the SHACL shapes")
    build.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="build here (local, the default) or on a Dask cluster (dask)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler (tcp://host:8786) of --engine dask (default: a cluster on "
                            "this machine's cores)")
    build.add_argument("--chunk-size", type=int, metavar="N",
                       help="articles per chunk, the unit of work of an engine and of validation (default: 64)")
    build.add_argument("--progress", action=argparse.BooleanOptionalAction,
                       help="show a progress bar (default: when stderr is a terminal)")
    build.set_defaults(usage_error=build.error)

    remove = add_command(
        commands, cmd_remove, "remove articles from a store",
        "kg remove seed-000 --store out/store",
        "Remove articles, by doc_id, from a store: each article's graph, and the facts only it "
        "gave, in one transaction. Nothing is removed if the store lacks one of them.",
    )
    remove.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="the doc_id of an article")
    add_store(remove, "the store to remove them from")

    validate = add_command(
        commands, cmd_validate, "validate a graph against the SHACL shapes",
        "kg validate out/graph.ttl",
        "Validate a graph file against kg's SHACL shapes and print the report. "
        "Exit 0 if it conforms, 1 if it does not, 2 if it cannot be read.",
    )
    add_graph(validate)
    validate.add_argument("--shapes", metavar="FILE", help="SHACL shapes to use instead of kg's own")

    query = add_command(
        commands, cmd_query, "run a stored SPARQL query over a graph",
        "kg query --list\n  kg query regions_targeted_by_drones out/graph.ttl --format csv\n"
        "  kg query region_timeline out/graph.ttl --param region=UA-32 --param since=2023-01-01",
        "Run a stored query by name, or a SPARQL query from a .rq file, over a graph. "
        "'--list' shows the stored queries with their questions and parameters; a parameter "
        "not given means 'all'.",
    )
    query.add_argument("query", nargs="?", metavar="NAME_OR_FILE", help="a stored query's name or a .rq file")
    add_graph(query, optional=True)
    add_format(query, RESULT_FORMATS, "table", "how to print the results")
    query.add_argument("--param", action="append", default=[], type=parse_param, metavar="NAME=VALUE",
                       help="bind the query's parameter NAME to VALUE, as the type the query declares (repeatable)")
    query.add_argument("--list", action="store_true", help="list the stored queries and exit")
    query.set_defaults(usage_error=query.error)

    export = add_command(
        commands, cmd_export, "write a graph in another format",
        "kg export out/graph.ttl --format events-csv -o out/events.csv\n"
        "  kg export out/graph.ttl --format nquads -o out/graph.nq",
        "Convert a graph file to another RDF format (nquads and trig hold one named graph per "
        "article; jsonld is compacted with kg's context), or to a CSV table of its events: "
        "events-csv (the events table) or acled-csv (ACLED's columns).",
    )
    add_graph(export)
    add_format(export, EXPORT_FORMATS, None, "the format to write")
    add_output(export, "the file to write ('-' for stdout, the default)", default=STDOUT)

    network = add_command(
        commands, cmd_network, "analyse the network of actors",
        "kg network out/graph.ttl --since 2023-01-01 --png out/actors.png --gexf out/actors.gexf",
        "Build the network of who attacked, intercepted and reported on whom (one edge per event) "
        "and print its centrality, strongest dyads and communities; write it as GraphML or GEXF "
        "(Gephi) and draw it as a PNG picture.",
    )
    add_graph(network)
    for bound, what in (("since", "first"), ("until", "last")):
        network.add_argument(f"--{bound}", metavar="DATE", help=f"the {what} day (YYYY-MM-DD) of the events to take")
    for option, what in (("graphml", "GraphML"), ("gexf", "GEXF (for Gephi)"), ("png", "a PNG picture")):
        network.add_argument(f"--{option}", metavar="FILE", help=f"write the network to FILE as {what}")
    serve = add_command(
        commands, cmd_serve, "serve a store as a read-only SPARQL endpoint",
        "kg serve --store out/store --port 7878",
        "Start Oxigraph's SPARQL 1.1 Protocol server over the store, read-only (updates are "
        "refused), on this machine: queries at http://HOST:PORT/query, each stopped after "
        "--timeout seconds. Runs until Ctrl-C. Do not build into a store while it is served.",
    )
    add_store(serve, "the store to serve")
    serve.add_argument("--host", default=DEFAULT_HOST, help="the address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="the port to listen on (default: %(default)s)")
    serve.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help="the longest a query may run (default: %(default)s)")

    push_ = add_command(
        commands, cmd_push, "load a graph into a SPARQL Graph Store endpoint",
        "kg push out/store --endpoint http://127.0.0.1:7878/store",
        "Write a graph (a file or a store) into a SPARQL 1.1 Graph Store Protocol endpoint, "
        "replacing what the endpoint held in that graph: its default graph, the named graph "
        "--graph IRI, or, with --by-article, each article's own named graph.",
    )
    add_graph(push_)
    push_.add_argument("--endpoint", required=True, metavar="URL",
                       help="the Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store)")
    target = push_.add_mutually_exclusive_group()
    target.add_argument("--graph", dest="graph_iri", metavar="IRI", help="the named graph to replace")
    target.add_argument("--by-article", action="store_true",
                        help="replace each article's named graph (<article IRI>/graph) instead")

    evaluate = add_command(
        commands, cmd_evaluate, "score extraction against gold annotations",
        "kg evaluate ../shared/eval/dev/news_gold.jsonl ../shared/eval/dev/news_articles.jsonl",
        "Build the events of INPUT (articles; or an events CSV or a graph file; none: the "
        "*_articles.jsonl beside GOLD) and score them against GOLD (JSONL, one article a line "
        "with its gold events): precision, recall and F1 of events by kind and of each slot "
        "(date, attacker, weapon class, location, ACLED sub-type, counts) on matched events.",
    )
    evaluate.add_argument("gold", metavar="GOLD", help="gold annotations (.jsonl)")
    evaluate.add_argument("inputs", nargs="*", metavar="INPUT",
                          help="articles, an events CSV or a graph file (default: beside GOLD)")
    evaluate.add_argument("--json", metavar="FILE", help="also write the scores to FILE as JSON")
    return parser


def add_command(
    commands: argparse._SubParsersAction,
    handler: Callable[[argparse.Namespace], int],
    summary: str,
    example: str,
    description: str,
) -> argparse.ArgumentParser:
    """A subcommand named after its handler (``cmd_build`` -> ``build``), with an example in its help."""
    parser = commands.add_parser(
        handler.__name__.removeprefix("cmd_"),
        help=summary,
        description=textwrap.fill(description, width=HELP_WIDTH, break_on_hyphens=False),
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def add_graph(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    """The GRAPH positional: an RDF graph file or a store folder, as written by ``kg build``."""
    parser.add_argument("graph", nargs="?" if optional else None, metavar="GRAPH",
                        help="a graph file (any RDF format, by its suffix) or a store folder, as 'kg build' "
                             "writes them")


def add_store(parser: argparse.ArgumentParser, what: str) -> None:
    """``--store DIR``, by default ``out/store``."""
    parser.add_argument("--store", metavar="DIR", type=Path, default=DEFAULT_STORE,
                        help=f"{what} (default: %(default)s)")


def add_format(
    parser: argparse.ArgumentParser, choices: Sequence[str], default: str | None, what: str, *,
    required: bool | None = None,
) -> None:
    """``--format``, one of ``choices``; required (unless said otherwise) when there is no ``default``."""
    parser.add_argument("--format", choices=choices, default=default,
                        required=default is None if required is None else required,
                        help=what + (" (default: %(default)s)" if default else ""))


def add_output(parser: argparse.ArgumentParser, what: str, default: str | None) -> None:
    """``-o/--output FILE``."""
    parser.add_argument("-o", "--output", metavar="FILE", default=default, help=what)


def parse_param(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` as a pair, for ``--param``."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value
