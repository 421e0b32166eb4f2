"""`make install` installs only what vinews needs to run; `make demo` shows the main job (issue 12)."""
import re
from pathlib import Path

MAKEFILE = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")


def recipe(target: str) -> str:
    m = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)*)", MAKEFILE, re.M)
    assert m, target
    return m.group(1)


def test_install_is_the_runtime_only():
    body = recipe("$(STAMP)")
    assert "pip install -q -e .\n" in body and "[test]" not in body and "ray" not in body
    assert "install: $(STAMP)" in MAKEFILE and "[test]" in recipe("$(TEST_STAMP)")
    assert re.search(r"^test: install-test", MAKEFILE, re.M)


def test_demo_builds_searches_and_says_how_to_serve():
    body = recipe("demo")
    assert "vinews build samples/pages" in body and "vinews search" in body and "vinews serve" in body
