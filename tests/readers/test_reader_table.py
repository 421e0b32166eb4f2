import ast
from pathlib import Path

import vinews.readers as readers


def test_readers_are_one_literal_table():
    # READERS and SUFFIXES are dict literals in readers/__init__.py, not filled by modules
    # registering themselves on import
    tree = ast.parse(Path(readers.__file__).read_text(encoding="utf-8"))
    assigned = {t.target.id: t.value for t in tree.body if isinstance(t, ast.AnnAssign)}
    assert isinstance(assigned["READERS"], ast.Dict) and isinstance(assigned["SUFFIXES"], ast.Dict)
    assert not hasattr(readers, "register")


def test_every_suffix_names_a_reader():
    assert set(readers.SUFFIXES.values()) == set(readers.READERS)
    assert set(readers.RECORD_FORMATS) <= set(readers.READERS)
    assert readers.detect_format(Path("a.HTML.gz")) == "html" and readers.detect_format(Path("x.wet.gz")) == "wet"
