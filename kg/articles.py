"""Article readers: ``.txt`` and ``.jsonl`` files, or folders of them, into ``Article`` records.

A ``.txt`` file is one article: an optional first line ``date YYYY-MM-DD``, then the text;
its id is the file stem. A ``.jsonl`` file holds one article a line, a JSON object with
``doc_id`` (or ``id``), ``text``, and optionally ``date`` (``YYYY-MM-DD``, or ``YYYY-MM`` and ``YYYY``
where only the month or year is known, or null), ``url``,
``title`` and ``outlet``.

Readers never stop at a bad input: each problem is recorded once, as a ``KgError`` naming
the file (and line), and reading goes on with the next article.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import Errors, KgError
from kg.records import Article

SUFFIXES = (".txt", ".jsonl")
DATE_LINE = re.compile(r"\s*date\s*:?\s*(\d\S*)\s*", re.IGNORECASE)
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
OPTIONAL_FIELDS = ("url", "title", "outlet")


def read_articles(paths: Iterable[str | Path], problems: list[KgError]) -> Iterator[Article]:
    """Yield the articles in ``paths`` (files or folders, mixed), appending one error per problem.

    Folders are read recursively, their ``.txt`` and ``.jsonl`` files in sorted path order;
    other files in folders are ignored. A file met twice (say, alone and in its folder) is
    read once. An article repeated word for word (same id, date and text) is read once; a
    ``doc_id`` seen before with other content is reported (E009) and the later article skipped.
    """
    first_seen: dict[str, tuple[str, Article]] = {}
    for path in _input_files(paths, problems):
        for article, line in _read_file(path, problems):
            if article.doc_id in first_seen:
                where, first = first_seen[article.doc_id]
                if _content(first) != _content(article):
                    problems.append(KgError(Errors.E009, path=path, line=line, doc_id=article.doc_id, first=where))
                continue
            first_seen[article.doc_id] = (f"{path}:{line}", article)
            yield article


def _content(article: Article) -> tuple:
    """What makes two reads of an article the same article."""
    return article.text, article.date, article.date_precision


def _input_files(paths: Iterable[str | Path], problems: list[KgError]) -> Iterator[Path]:
    """The files to read, in order, each once; missing and unsupported inputs become problems."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                (f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES),
                key=lambda f: f.parts,
            )
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                problems.append(KgError(Errors.E007, path=path))
                continue
            files = [path]
        else:
            problems.append(KgError(Errors.E006, path=path))
            continue
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _read_file(path: Path, problems: list[KgError]) -> Iterator[tuple[Article, int]]:
    """The articles of one file, each with the line it starts on."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(KgError(Errors.E001, path=path, detail=error))
        return
    except OSError as error:
        problems.append(KgError(Errors.E017, path=path, detail=error.strerror))
        return
    if not content.strip():
        problems.append(KgError(Errors.E002, path=path))
        return
    if path.suffix.lower() == ".txt":
        yield from _read_txt(path, content, problems)
    else:
        yield from _read_jsonl(path, content, problems)


def _read_txt(path: Path, content: str, problems: list[KgError]) -> Iterator[tuple[Article, int]]:
    """A ``.txt`` article: an optional ``date YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) first line, then the text."""
    first, _, rest = content.partition("\n")
    date, precision = None, "day"
    match = DATE_LINE.fullmatch(first)
    if match:
        try:
            date, precision = _parse_date(match.group(1))
        except ValueError:
            problems.append(KgError(Errors.E005, path=path, line=1, value=match.group(1)))
            return
        content = rest
    text = content.strip()
    if not text:
        problems.append(KgError(Errors.E002, path=path))
        return
    yield Article(doc_id=path.stem, text=text, date=date, date_precision=precision, source=str(path)), 1


def _read_jsonl(path: Path, content: str, problems: list[KgError]) -> Iterator[tuple[Article, int]]:
    """The articles of a ``.jsonl`` file, one JSON object a line; blank lines are skipped."""
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _article_from_line(line, path, number), number
        except KgError as error:
            problems.append(error)


def _article_from_line(line: str, path: Path, number: int) -> Article:
    """An ``Article`` from one JSON line, or a ``KgError`` naming its first problem."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise KgError(Errors.E003, path=path, line=number, detail=error.msg) from None
    if not isinstance(record, dict):
        detail = f"expected an object, got {type(record).__name__}"
        raise KgError(Errors.E003, path=path, line=number, detail=detail)
    doc_id = record.get("doc_id", record.get("id"))
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise KgError(Errors.E008, path=path, line=number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise KgError(Errors.E004, path=path, line=number)
    date, precision = None, "day"
    if record.get("date") is not None:
        try:
            date, precision = _parse_date(record["date"])
        except ValueError:
            raise KgError(Errors.E005, path=path, line=number, value=record["date"]) from None
    extras = {name: _optional_string(record.get(name)) for name in OPTIONAL_FIELDS}
    return Article(doc_id=doc_id.strip(), text=text.strip(), date=date, date_precision=precision,
                   source=str(path), **extras)


def _parse_date(value: object) -> tuple[dt.date, str]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as (first day, precision); ``ValueError`` for anything else."""
    match = ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None or (match[3] and not match[2]):
        raise ValueError(value)
    precision = "day" if match[3] else "month" if match[2] else "year"
    return dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1)), precision


def _optional_string(value: object) -> str | None:
    """A metadata field as a non-empty string, or ``None`` when absent, blank or not a string."""
    return (value.strip() or None) if isinstance(value, str) else None
