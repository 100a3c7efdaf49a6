"""Server-side chart geometry for the Control Room: no JavaScript charting library needed.

The trend of the state distribution across stored scans is a 100% stacked area chart: one band
per state, oldest scan on the left. This module computes the coordinates; the template draws the
``<svg>``. State colours live here once and are handed to the CSS as custom properties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Sequential: a table low on the ladder is slate, a commissioned one deep green.
STATE_COLORS: tuple[str, ...] = (
    "#94a3b8", "#a78bfa", "#8b5cf6", "#6366f1", "#3b82f6", "#0ea5e9",
    "#06b6d4", "#14b8a6", "#10b981", "#22c55e", "#15803d",
)
OUTCOME_COLORS: Mapping[str, str] = {
    "present": "#22c55e", "waived": "#38bdf8", "unknown": "#f59e0b", "failing": "#ef4444",
    "missing": "#e2e8f0",
}


def state_color(n: int) -> str:
    return STATE_COLORS[max(0, min(n, len(STATE_COLORS) - 1))]


def distribution(by_state: Mapping[str, int], names: Mapping[int, str]) -> list[dict[str, Any]]:
    """One segment per state for the summary bar: count, share (percent) and colour."""
    total = sum(by_state.values()) or 1
    return [{"n": int(n), "name": names.get(int(n), str(n)), "count": count,
             "pct": round(100 * count / total, 2), "color": state_color(int(n))}
            for n, count in sorted(by_state.items(), key=lambda kv: int(kv[0]))]


def stacked_trend(scans: Sequence[Mapping[str, Any]], *, width: int = 960, height: int = 280,
                  top: int = 10) -> dict[str, Any]:
    """Bands of a 100% stacked area chart over ``scans`` (oldest first) and a mean-state line.

    A single scan is drawn as a flat band across the whole width, so the chart is never empty.
    """
    pad_l, pad_r, pad_t, pad_b = 44, 40, 12, 28
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    points = list(scans) if len(scans) != 1 else [scans[0], scans[0]]
    if not points:
        return {"width": width, "height": height, "bands": [], "mean": "", "ticks": [],
                "labels": [], "empty": True}
    step = inner_w / (len(points) - 1)
    xs = [pad_l + i * step for i in range(len(points))]
    shares = []
    for scan in points:
        counts = {int(k): v for k, v in scan["by_state"].items()}
        total = sum(counts.values()) or 1
        shares.append([counts.get(n, 0) / total for n in range(top + 1)])
    bands = []
    lower = [0.0] * len(points)
    for n in range(top + 1):
        upper = [lo + share[n] for lo, share in zip(lower, shares, strict=True)]
        if any(u - lo > 0 for u, lo in zip(upper, lower, strict=True)):
            top_edge = [f"{x:.1f},{pad_t + inner_h * (1 - u):.1f}" for x, u in zip(xs, upper,
                                                                                  strict=True)]
            bottom_edge = [f"{x:.1f},{pad_t + inner_h * (1 - lo):.1f}"
                           for x, lo in reversed(list(zip(xs, lower, strict=True)))]
            bands.append({"n": n, "color": state_color(n),
                          "points": " ".join(top_edge + bottom_edge)})
        lower = upper
    mean = " ".join(f"{x:.1f},{pad_t + inner_h * (1 - float(s['mean_state']) / top):.1f}"
                    for x, s in zip(xs, points, strict=True))
    ticks = [{"y": pad_t + inner_h * (1 - f), "label": f"{int(f * 100)}%",
              "mean": f"{f * top:g}"} for f in (0, 0.25, 0.5, 0.75, 1)]
    every = max(1, len(scans) // 8)
    labels = [{"x": xs[i] if len(scans) > 1 else pad_l + inner_w / 2,
               "text": str(s["scanned_at"])[:10]}
              for i, s in enumerate(scans) if i % every == 0 or i == len(scans) - 1]
    return {"width": width, "height": height, "bands": bands, "mean": mean, "ticks": ticks,
            "labels": labels, "left": pad_l, "right": width - pad_r, "bottom": height - pad_b,
            "empty": False}
