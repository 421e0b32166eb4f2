"""Bar charts as plain numbers for an inline-SVG template (no JavaScript, no chart library)."""
from __future__ import annotations

import math
from collections import Counter
from datetime import datetime, timezone

CHAR_PX = 6.5  # width of a label character at the chart's label size (style.css: 11px)
LABEL_CHARS = 14  # labels are cut to this many characters
LABEL_GAP_PX = 6  # between two labels
EPOCH_MIN = 946684800  # 2000-01-01 in epoch seconds: a map of numbers all past this is times, not counts


def bars(counts: dict, width: int = 640, height: int = 180, sort: bool = False, limit: int = 40) -> dict:
    """Bars for the first `limit` items (sorted by value when `sort`; else the last `limit`).
    Labels are shown every `label_every` bars, so that no two overlap."""
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
    longest = max((min(len(str(k)), LABEL_CHARS) for k, _ in items), default=1)
    label_every = max(1, math.ceil((longest * CHAR_PX + LABEL_GAP_PX) / step))
    return {"width": width, "height": height, "bars": out, "max": top, "label_every": label_every}


def timeline(per_month: dict, limit: int = 40) -> dict:
    """A month series made to fit `limit` bars without losing its start: months, else quarters
    ("2024-Q1"), else years, always the whole range."""
    if len(per_month) <= limit:
        return dict(per_month)
    quarters: dict[str, int] = {}
    for m, n in per_month.items():
        q = f"{m[:4]}-Q{(int(m[5:7]) - 1) // 3 + 1}" if len(m) >= 7 and m[5:7].isdigit() else m
        quarters[q] = quarters.get(q, 0) + n
    if len(quarters) <= limit:
        return quarters
    years: dict[str, int] = {}
    for m, n in per_month.items():
        years[m[:4]] = years.get(m[:4], 0) + n
    return years


def _epoch_times(v: dict) -> bool:
    """A map of epoch-second timestamps (stats.json `started`): times to print, not a chart."""
    return all(_number(x) and x > EPOCH_MIN for x in v.values())


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
        if isinstance(v, dict) and v and _epoch_times(v):
            scalars[k] = {name: datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
                          for name, t in v.items()}
        elif isinstance(v, dict) and v and all(_number(x) for x in v.values()):
            months = k.endswith("months")
            charts[k] = bars(timeline(v) if months else v, sort=not months)
        elif isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values()):
            cols = sorted({c for row in v.values() for c in row})
            tables[k] = {"cols": cols, "rows": [[name] + [row.get(c, "") for c in cols] for name, row in v.items()]}
        else:
            scalars[k] = v
    return {"scalars": scalars, "charts": charts, "tables": tables}
