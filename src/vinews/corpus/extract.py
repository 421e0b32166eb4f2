"""Stage 1, per input shard: extract every page, keep its row, count its lines per site."""
from __future__ import annotations

import pyarrow as pa

from .. import schema as record
from ..model import Article, Page
from ..params import ExtractParams
from ..readers.shards import LazyShard, load as load_shard
from . import schema
from .boilerplate import LINE_SCHEMA, LineCounter
from .ids import ID_SCHEMA, id_partitions
from .params import DEFAULT_BOILERPLATE
from .sorted_io import write_batches
from .store import atomic_dir, from_rows, write_table
from .workdir import WorkDir

ART_SCHEMA = record.arrow_schema(record.WORK)
PAGE_SCHEMA = pa.schema([f for f in schema.PAGES if f.name != "status"])
SITES_SCHEMA = pa.schema([("site", pa.string()), ("pages", pa.int64())])


def extract_with_text(page: Page, params: ExtractParams | None = None) -> tuple[Article, str]:
    """pipeline.extract_with_text, plus: an extractor crash, or a page running past
    params.page_deadline_s (vinews.deadline), becomes a rejected row."""
    from ..pipeline import extract_guarded

    return extract_guarded(page, params, with_text=True)


def site_of_page(page: Page, art: Article) -> str:
    if page.site or art.site:
        return page.site or art.site  # type: ignore[return-value]
    url = page.url or art.url
    if url:
        from ..urls import site_of

        return site_of(url) or "unknown"
    return "unknown"


def extract_shard(shard: int, first_seq: int, pages: "list[Page] | LazyShard", work: str, parts: int,
                  params: ExtractParams | None = None, sample_chars: int = DEFAULT_BOILERPLATE.sample_chars) -> dict:
    """Write the shard's extract folder (WorkDir.extract): {pages,articles,sites}.parquet, and lines.arrow, ids.arrow
    with one record batch per hash partition (sorted_io); returns counts.
    `pages` may be a LazyShard that this worker reads itself. `params`: the extractor's
    parameters (None: defaults), sent with the task; `sample_chars`: BoilerplateParams.sample_chars."""
    pages = load_shard(pages)
    final = WorkDir(work).extract(shard)
    page_rows, art_rows = [], []
    lines = LineCounter(sample_chars)
    sites: dict[str, int] = {}
    for k, page in enumerate(pages):
        art, text = extract_with_text(page, params)
        site = site_of_page(page, art)
        sites[site] = sites.get(site, 0) + 1
        url = page.url or art.url
        page_rows.append({"id": page.id, "url": url, "site": site, "kind": art.kind, "reason": art.reason,
                          "raw_text": text, "roles_json": art.roles_json(),
                          "seq": first_seq + k})
        if art.kind == "article":
            art_rows.append({**record.values(art, record.WORK), "seq": first_seq + k, "id": page.id, "site": site,
                             "url": url})
        if art.kind != "rejected":
            lines.add_page(site, text, art.audit[0], art.audit[1])
    with atomic_dir(final) as tmp:
        write_table(from_rows(page_rows, PAGE_SCHEMA), tmp / WorkDir.PAGES)
        write_table(from_rows(art_rows, ART_SCHEMA), tmp / WorkDir.ARTICLES)
        write_table(from_rows([{"site": s, "pages": n} for s, n in sorted(sites.items())], SITES_SCHEMA),
                    tmp / WorkDir.SITES)
        write_batches(tmp / WorkDir.LINES, LINE_SCHEMA, lines.partitions(parts), compression="zstd")
        ids = id_partitions([r["id"] for r in page_rows], [r["seq"] for r in page_rows], parts)
        write_batches(tmp / WorkDir.IDS, ID_SCHEMA, ids, compression="zstd")
    return {"shard": shard, "pages": len(pages), "articles": len(art_rows)}
