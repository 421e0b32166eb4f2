"""Bar charts as plain numbers for an inline-SVG template (no JavaScript, no chart library)."""
from __future__ import annotations

from collections import Counter


def bars(counts: dict, width: int = 640, height: int = 180, sort: bool = False, limit: int = 40) -> dict:
    items = list(counts.items())
    if sort:
        items.sort(key=lambda kv: -kv[1])
    items = items[-limit:] if not sort else items[:limit]
    top = max((v for _, v in items), default=0) or 1
    n = max(len(items), 1)
    step = width / n
    bar_w = min(step - 4, 56)  # a lone bar should not fill the whole chart
    out = []
    for i, (label, value) in enumerate(items):
        h = round((height - 34) * value / top, 1)  # room for the value above and the label below
        cx = i * step + step / 2
        out.append({"label": str(label), "value": value, "x": round(cx - bar_w / 2, 1), "w": round(max(bar_w, 1), 1),
                    "y": round(height - 18 - h, 1), "h": h, "cx": round(cx, 1)})
    return {"width": width, "height": height, "bars": out, "max": top, "label_every": max(1, n // 12)}


def by_month(dates: list[str | None], at_least: int = 1) -> dict:
    """Articles per month, every month between the first and the last filled in (zeros too);
    `at_least` months are shown, ending at the last one, so a single month has context."""
    months = Counter(d[:7] for d in dates if d and len(d) >= 7)
    if not months:
        return {}
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    span = (int(last[:4]) - y) * 12 + int(last[5:7]) - m + 1
    for _ in range(max(0, at_least - span)):
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    out = {}
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out[f"{y:04d}-{m:02d}"] = months.get(f"{y:04d}-{m:02d}", 0)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def stats_report(stats: dict) -> dict:
    """Lay out the build's stats.json whatever its keys: numbers in a table, flat number maps
    as bar charts, maps of maps (per-site breakdowns) as tables with one row per key."""
    scalars, charts, tables = {}, {}, {}
    for k, v in stats.items():
        if isinstance(v, dict) and v and all(_number(x) for x in v.values()):
            charts[k] = bars(v, sort=not k.endswith("months"))
        elif isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values()):
            cols = sorted({c for row in v.values() for c in row})
            tables[k] = {"cols": cols, "rows": [[name] + [row.get(c, "") for c in cols] for name, row in v.items()]}
        else:
            scalars[k] = v
    return {"scalars": scalars, "charts": charts, "tables": tables}
