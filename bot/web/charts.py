"""Server-rendered inline SVG charts (no JavaScript, no network): the per-staff workload.

Pure functions on plain data: :func:`workload_svg` draws one horizontal bar per staff member,
stacked by difficulty (易 / 中 / 難), the busiest person outlined and labelled, and an optional
dashed reference line (the solver's lower bound). Two charts drawn with the same ``scale_max``
compare at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from tools.messages import t

DIFFICULTY_COLOURS = {1: "#7fb3e6", 2: "#f2b45a", 3: "#d9534f"}
BUSIEST_COLOUR = "#b3261e"

ROW_H = 22
BAR_H = 15
LABEL_W = 96
VALUE_W = 104
PLOT_W = 340
TOP = 8
AXIS_H = 22


@dataclass(frozen=True)
class StaffLoad:
    """One staff member's expected hours by difficulty (1 易, 2 中, 3 難)."""

    staff_id: str
    name: str
    hours: tuple[float, float, float]

    @property
    def total(self) -> float:
        return float(sum(self.hours))


NICE_STEPS = (1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
# Grid intervals per leading digit of the axis maximum, so that every label is round.
TICKS = {1.0: 5, 2.0: 4, 2.5: 5, 3.0: 3, 4.0: 4, 5.0: 5, 6.0: 3, 8.0: 4, 10.0: 5}


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 3, 4, 5, 6, 8 × 10^k)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10
    for step in NICE_STEPS:
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def tick_count(x_max: float) -> int:
    """Grid intervals that give round labels for a :func:`nice_ceiling` maximum."""
    magnitude = 10 ** (len(str(int(x_max))) - 1) if x_max >= 1 else 0.1
    return TICKS.get(round(x_max / magnitude, 6), 5)


def busiest(loads: Sequence[StaffLoad]) -> StaffLoad | None:
    return max(loads, key=lambda s: (s.total, s.staff_id), default=None)


def workload_svg(
    loads: Sequence[StaffLoad],
    *,
    title: str,
    scale_max: float | None = None,
    reference: float | None = None,
    chart_id: str = "workload",
) -> Markup:
    """The chart as an ``<svg>`` element (accessible: ``role="img"`` with a title)."""
    top_load = busiest(loads)
    peak = max([s.total for s in loads] + [reference or 0.0, 0.0])
    x_max = nice_ceiling(scale_max if scale_max and scale_max >= peak else peak)
    width = LABEL_W + PLOT_W + VALUE_W
    height = TOP + ROW_H * max(len(loads), 1) + AXIS_H

    def x(hours: float) -> float:
        return LABEL_W + PLOT_W * hours / x_max

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" role="img" '
        f'viewBox="0 0 {width} {height}" data-busiest="{escape(top_load.staff_id if top_load else "")}" '
        f'data-makespan="{(top_load.total if top_load else 0):.1f}" aria-labelledby="{escape(chart_id)}-title">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    # Grid and axis.
    bottom = TOP + ROW_H * max(len(loads), 1)
    ticks = tick_count(x_max)
    for i in range(ticks + 1):
        value = x_max * i / ticks
        gx = x(value)
        label = f"{value:,.0f}" if value >= 10 or value == 0 else f"{value:,.1f}"
        parts.append(
            f'<line x1="{gx:.1f}" y1="{TOP}" x2="{gx:.1f}" y2="{bottom}" stroke="#e3e7ec" />'
            f'<text x="{gx:.1f}" y="{bottom + 15}" font-size="11" text-anchor="middle" '
            f'fill="#61707f">{label}</text>'
        )
    parts.append(
        f'<text x="{LABEL_W - 8}" y="{bottom + 15}" font-size="11" text-anchor="end" '
        f'fill="#61707f">'
        f"{escape(t('web.chart.hours_axis'))}</text>"
    )
    for row, load in enumerate(loads):
        y = TOP + row * ROW_H + (ROW_H - BAR_H) / 2
        is_top = top_load is not None and load.staff_id == top_load.staff_id and load.total > 0
        weight = "700" if is_top else "400"
        parts.append(
            f'<g class="bar" data-staff="{escape(load.staff_id)}" data-total="{load.total:.1f}">'
            f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 3}" font-size="12" text-anchor="end" '
            f'font-weight="{weight}" fill="#1f2933">{escape(load.name)}</text>'
        )
        left = 0.0
        for difficulty, hours in zip((1, 2, 3), load.hours, strict=True):
            if hours <= 0:
                continue
            tip = t(
                "web.chart.segment",
                name=load.name,
                difficulty=t(f"web.difficulty.{difficulty}"),
                hours=f"{hours:,.1f}",
            )
            parts.append(
                f'<rect x="{x(left):.1f}" y="{y:.1f}" width="{x(left + hours) - x(left):.1f}" '
                f'height="{BAR_H}" fill="{DIFFICULTY_COLOURS[difficulty]}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            left += hours
        total_label = f"{load.total:,.1f}h"
        if is_top:
            parts.append(
                f'<rect x="{LABEL_W}" y="{y - 1:.1f}" width="{x(load.total) - LABEL_W:.1f}" '
                f'height="{BAR_H + 2}" fill="none" stroke="{BUSIEST_COLOUR}" stroke-width="2" />'
            )
            total_label = f"{total_label} {t('web.chart.busiest')}"
        parts.append(
            f'<text x="{x(load.total) + 6:.1f}" y="{y + BAR_H - 3}" font-size="12" '
            f'font-weight="{weight}" fill="{BUSIEST_COLOUR if is_top else "#1f2933"}">'
            f"{escape(total_label)}</text></g>"
        )
    if reference is not None and reference > 0:
        rx = x(reference)
        parts.append(
            f'<line class="reference" x1="{rx:.1f}" y1="{TOP - 4}" x2="{rx:.1f}" y2="{bottom}" '
            f'stroke="#16324f" stroke-dasharray="4 3" stroke-width="1.5">'
            f"<title>{escape(t('web.chart.lower_bound', hours=f'{reference:,.1f}'))}</title></line>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
