"""atheris target: every reader on any bytes, written to a file of each supported extension,
never raises (no record lost to an exception), reads the same twice, and every page it yields
either has text/html or says why it was rejected, and extracts without raising.

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_readers.py -max_total_time=60 [corpus_dir]
"""
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from vinews.pipeline import extract_page
    from vinews.readers import READERS, detect_format

EXTS = [".txt", ".html", ".jsonl", ".jsonl.gz", ".parquet", ".warc", ".warc.gz", ".wet", ".wet.gz"]
_DIR = Path(tempfile.mkdtemp(prefix="vinews-fuzz-"))


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    ext = fdp.PickValueInList(EXTS)
    path = _DIR / f"page{ext}"
    path.write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
    reader = READERS[detect_format(path)]
    first = list(reader(path))
    assert [dataclasses.asdict(p) for p in first] == [dataclasses.asdict(p) for p in reader(path)], "not deterministic"
    for page in first:
        assert page.reject_reason or page.text is not None or page.html is not None, page
        if not page.reject_reason:
            extract_page(page)
    os.unlink(path)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
