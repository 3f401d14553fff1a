"""Docs that cannot drift: the README's Python example runs, every command is documented, code is ruff-clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ("build", "remove", "validate", "query", "export", "network", "serve", "push", "evaluate")


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [example] = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    assert (tmp_path / "out" / "events.csv").read_text(encoding="utf-8").startswith("doc_id,event_id,kind,")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_and_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert f"kg {command} " in README
    assert main([command, "--help"]) == 0
    assert "example" in capsys.readouterr().out


def test_every_stored_query_is_named_in_the_readme() -> None:
    for path in sorted((ROOT / "queries").glob("*.rq")):
        assert f"`{path.stem}`" in README, path.name


@pytest.mark.skipif(shutil.which("ruff", path=os.path.dirname(sys.executable)) is None, reason="ruff not installed")
def test_code_is_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=os.path.dirname(sys.executable))
    result = subprocess.run([ruff, "check", "kg", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
