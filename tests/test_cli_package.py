"""The cli package: one app built in vinews/cli/__init__.py, every command registered there by
name (no decorator on a shared app, no import for its side effect)."""
import ast
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from typer.testing import CliRunner

import vinews.cli
from vinews.cli import app

COMMANDS = ["extract", "params", "build", "stats", "export", "index", "search", "serve"]


def _listed(help_text: str) -> list[str]:
    part = help_text.split("Commands:", 1)[1]
    return re.findall(r"^  (\w+)", part, flags=re.M)


def test_every_command_in_the_registered_order():
    res = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert res.exit_code == 0 and _listed(res.output) == COMMANDS


def test_the_console_script_is_the_app():
    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "vinews"]
    assert ep.value == "vinews.cli:app" and ep.load() is app


def test_python_m_vinews_cli_has_every_command():
    out = subprocess.run([sys.executable, "-m", "vinews.cli", "--help"], capture_output=True, text=True, check=True).stdout
    assert _listed(out) == COMMANDS


def test_registration_is_explicit():
    for path in Path(vinews.cli.__file__).parent.glob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "@app." not in src, path.name  # commands are registered in __init__.py, by name
        body = ast.parse(src).body
        first_def = next((i for i, n in enumerate(body) if isinstance(n, (ast.FunctionDef, ast.ClassDef))), len(body))
        late = [n.lineno for n in body[first_def:] if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert not late, f"{path.name}: imports below the code (for their side effect?) at lines {late}"
