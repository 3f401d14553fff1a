"""One catalogue of kg's errors: each a one-line message naming the file and the problem.

Raise ``KgError(Errors.E001, path=...)``; the CLI prints ``kg: <message>`` and exits 2.
"""

from __future__ import annotations


class Errors:
    """Message templates, numbered so that users can search for them."""

    E001 = "{path}: not UTF-8 text ({detail})"
    E002 = "{path}: empty file"
    E003 = "{path}:{line}: malformed JSON line ({detail})"
    E004 = "{path}:{line}: article has no 'text'"
    E005 = "{path}:{line}: bad date {value!r}, expected YYYY-MM-DD (or YYYY-MM, YYYY)"
    E006 = "{path}: no such file or directory"
    E007 = "{path}: unsupported input, expected a .txt or .jsonl file or a folder of them"
    E008 = "{path}:{line}: article has no 'doc_id' or 'id'"
    E009 = "{path}:{line}: duplicate doc_id {doc_id!r} (first read from {first})"
    E010 = "{path}: cannot read RDF graph ({detail})"
    E011 = "{path}: cannot write ({detail})"
    E012 = "unknown query {name!r}; known queries: {known}"
    E013 = "{path}: bad SPARQL query ({detail})"
    E014 = "unknown format {name!r}; expected one of: {known}"
    E015 = "{path}: cannot read the SHACL shapes ({detail})"
    E016 = "no articles to build from {paths}"
    E017 = "{path}: cannot read ({detail})"
    E018 = "query {name!r} has no parameter {param!r} (its parameters: {declared})"
    E019 = "query {name!r}: parameter {param!r} must be {expected}, got {value!r}"
    E020 = "{path}: parameter {param!r} has unknown type {type!r}; expected one of: {known}"
    E021 = "{path}: cannot open the store ({detail})"
    E022 = "{path}: not a kg store (an Oxigraph database folder)"
    E023 = "{path}: no article {doc_id!r} in the store"
    E024 = "{path}: cannot write to the store ({detail})"
    E025 = "{url}: cannot push the graph ({detail})"
    E026 = "cannot start the SPARQL server on {address} ({detail})"
    E027 = "the Dask cluster {address} cannot build ({detail})"
    E028 = "{path}:{line}: gold article {detail}"
    E029 = "{path}: not an events table (as kg export --format events-csv writes), missing columns: {columns}"


class KgError(Exception):
    """An error caused by the user's input, with a one-line message from ``Errors``."""

    def __init__(self, template: str, **fields: object) -> None:
        code = next((name for name, value in vars(Errors).items() if value == template), "E000")
        super().__init__(f"[{code}] " + template.format(**fields).replace("\n", " "))
