"""Is CORPUS_DIR/index the index of the corpus as it is now?

`build_index` records a fingerprint of articles.parquet in the index's stamp file
(index/vinews_index.json): its size and a hash of its last bytes (the Parquet footer, which
holds the row count and every column chunk's statistics and offsets). A rebuilt corpus with
other articles has another footer; a corpus copied or moved (new modification times, any copy
order) keeps its footer, so its index stays valid. A stamp written before fingerprints
existed falls back to comparing modification times.
"""
from __future__ import annotations

import json
from pathlib import Path

import xxhash

STAMP = "vinews_index.json"
FOOTER_BYTES = 1 << 16  # the tail hashed: a Parquet footer of a corpus table fits in it many times over


def corpus_fingerprint(corpus: Path) -> str:
    """'SIZE:HASH' of CORPUS_DIR/articles.parquet."""
    path = Path(corpus) / "articles.parquet"
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - FOOTER_BYTES))
        tail = fh.read()
    return f"{size}:{xxhash.xxh64_hexdigest(tail)}"


def index_is_stale(corpus: Path, index_dir: str = "index") -> bool:
    """True when CORPUS_DIR/index exists but was built from other articles than the corpus
    holds now (False when there is no index: that is another error)."""
    corpus = Path(corpus)
    stamp = corpus / index_dir / STAMP
    if not stamp.exists():
        return (corpus / index_dir / "meta.json").exists()  # an index without a stamp: unknown origin
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8")).get("corpus")
    except (OSError, ValueError, AttributeError):
        recorded = None
    if recorded:
        return recorded != corpus_fingerprint(corpus)
    return stamp.stat().st_mtime < (corpus / "articles.parquet").stat().st_mtime
