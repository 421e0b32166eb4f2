"""atheris target: the text path (`vinews.extract`) on any string never raises and is deterministic.

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_text.py -max_total_time=60 [corpus_dir]

A script, not a test: atheris is no dependency of vinews (tests/test_fuzz.py is the bounded
hypothesis version that runs with the suite). A crash prints the input and writes crash-<hash>.
"""
import dataclasses
import sys

import atheris

with atheris.instrument_imports():
    import vinews


def TestOneInput(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    a = vinews.extract(text, id="f")
    assert a.kind in ("article", "nonarticle", "rejected"), a.kind
    assert dataclasses.asdict(a) == dataclasses.asdict(vinews.extract(text, id="f")), "not deterministic"


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
