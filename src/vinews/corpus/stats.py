"""`vinews stats`: counts from a corpus folder, and an HTML report with inline SVG plots."""
from __future__ import annotations

import html
import json
from pathlib import Path

from ..vntime import VN_OFFSET_US
from . import schema


def _q(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def corpus_stats(corpus: Path | str, text_chars: dict[str, int] | None = None) -> dict:
    """Counts over the Parquet tables (DuckDB reads them directly). `text_chars`: the
    characters of article text per site, when the caller counted them while writing the table
    (a build: summing length(text) decodes every text again, a second a 100k pages)."""
    import duckdb

    d = Path(corpus)
    t = {n: str(schema.table_path(d, n)).replace("'", "''") for n in schema.TABLES}
    # The answers are small aggregates; without a limit DuckDB kept ~280 MB of scan buffers
    # for a million pages (at the end of a build, the driver's largest moment).
    con = duckdb.connect(config={"memory_limit": "256MB"})
    try:
        pages = f"read_parquet('{t['pages']}')"
        arts = f"read_parquet('{t['articles']}')"
        out: dict = {
            "pages": _q(con, f"SELECT count(*) FROM {pages}")[0][0],
            "status": dict(_q(con, f"SELECT status, count(*) FROM {pages} GROUP BY 1 ORDER BY 1")),
            "kind": dict(_q(con, f"SELECT kind, count(*) FROM {pages} GROUP BY 1 ORDER BY 1")),
            "articles": _q(con, f"SELECT count(*) FROM {arts}")[0][0],
            "clusters": _q(con, f"SELECT count(*) FROM read_parquet('{t['clusters']}')")[0][0],
            "republications": _q(con, f"SELECT count(*) FROM read_parquet('{t['republications']}')")[0][0],
            "entities": _q(con, f"SELECT count(*) FROM read_parquet('{t['entities']}')")[0][0],
        }
        out["sites"] = {s: {"pages": n, **dict(zip(("kept", "duplicate", "nonarticle", "rejected"), rest))}
                        for s, n, *rest in _q(con, f"""SELECT site, count(*),
                            count(*) FILTER (status='kept'), count(*) FILTER (status='duplicate'),
                            count(*) FILTER (status='nonarticle'), count(*) FILTER (status='rejected')
                            FROM {pages} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200""")}
        out["cluster_sizes"] = {str(s): n for s, n in _q(con, f"SELECT size, count(*) FROM read_parquet('{t['clusters']}') GROUP BY 1 ORDER BY 1")}
        # the month in Vietnam time, whatever the session's zone (a corpus built when the column
        # was ISO text: its first 7 characters)
        typ = dict((r[0], r[1]) for r in _q(con, f"DESCRIBE SELECT published FROM {arts}")).get("published", "")
        month = ("substr(published, 1, 7)" if typ.upper().startswith("VARCHAR")
                 else f"strftime(make_timestamp(epoch_us(published) + {VN_OFFSET_US}), '%Y-%m')")
        out["published_months"] = dict(_q(con, f"""SELECT {month} m, count(*) FROM {arts}
                                                 WHERE published IS NOT NULL GROUP BY 1 ORDER BY 1"""))
        # How much article text the site boilerplate pass removed, per site.
        out["boilerplate_removed"] = {s: {"learned_lines": n, "removed_lines": int(r or 0), "removed_chars": int(c or 0)}
                                      for s, n, r, c in _q(con, f"""SELECT site, count(*), sum(removed), sum(removed_chars)
                                          FROM read_parquet('{t['site_boilerplate']}') GROUP BY 1 ORDER BY 1""")}
        per_site = (text_chars.items() if text_chars is not None
                    else _q(con, f"SELECT site, sum(length(text)) FROM {arts} GROUP BY 1"))
        for s, chars in per_site:
            if s in out["boilerplate_removed"]:
                b = out["boilerplate_removed"][s]
                b["text_chars"] = int(chars or 0)  # the article text left
                b["share_of_text"] = round(b["removed_chars"] / max(1, b["removed_chars"] + int(chars or 0)), 5)
    finally:
        con.close()
    return out


def _bars(title: str, data: dict, width: int = 640, bar_h: int = 16) -> str:
    """A horizontal bar chart as inline SVG."""
    items = list(data.items())[:40]
    if not items:
        return f"<h2>{html.escape(title)}</h2><p>(none)</p>"
    top = max(v for _, v in items) or 1
    h = bar_h * len(items) + 10
    rows = []
    for i, (k, v) in enumerate(items):
        w = int((width - 260) * v / top)
        y = 5 + i * bar_h
        rows.append(f'<text x="0" y="{y + 12}" font-size="11">{html.escape(str(k))[:36]}</text>'
                    f'<rect x="200" y="{y + 2}" width="{max(w, 1)}" height="{bar_h - 4}" fill="#4a7bb7"/>'
                    f'<text x="{205 + w}" y="{y + 12}" font-size="11">{v}</text>')
    return f'<h2>{html.escape(title)}</h2><svg width="{width}" height="{h}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>'


def write_report(corpus: Path | str, stats: dict) -> Path:
    sites = {s: v["pages"] for s, v in stats.get("sites", {}).items()}
    parts = ["<!doctype html><meta charset='utf-8'><title>vinews corpus</title>",
             "<style>body{font-family:sans-serif;margin:2em}</style><h1>vinews corpus</h1>",
             f"<p>{stats['pages']} pages, {stats['articles']} articles, {stats['clusters']} duplicate clusters, "
             f"{stats['republications']} copies linked to an original.</p>",
             _bars("Pages per site", sites),
             _bars("Page status", stats.get("status", {})),
             _bars("Published (month)", stats.get("published_months", {})),
             _bars("Cluster sizes (members: clusters)", stats.get("cluster_sizes", {})),
             _bars("Boilerplate characters removed per site",
                   {s: v["removed_chars"] for s, v in stats.get("boilerplate_removed", {}).items()}),
             "<h2>All figures</h2><pre>" + html.escape(json.dumps(stats, ensure_ascii=False, indent=1)) + "</pre>"]
    path = Path(corpus) / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
