"""The workload chart: stacked by difficulty, the busiest person visible, comparable scales."""

from __future__ import annotations

import re

from bot.web.charts import StaffLoad, busiest, nice_ceiling, tick_count, workload_svg

LOADS = [
    StaffLoad("A01", "佐藤 花子", (10.0, 20.0, 5.0)),
    StaffLoad("A02", "鈴木 一郎", (40.0, 30.0, 30.0)),
    StaffLoad("B01", "高橋 <次郎>", (0.0, 0.0, 0.0)),
]


def _segments(svg: str, staff_id: str) -> list[str]:
    group = re.search(rf'<g class="bar" data-staff="{staff_id}".*?</g>', svg, re.S)
    assert group
    return re.findall(r'<rect [^>]*fill="(#[0-9a-f]+)"', group.group(0))


def test_each_bar_is_stacked_by_difficulty() -> None:
    svg = str(workload_svg(LOADS, title="現在"))
    assert _segments(svg, "A01") == ["#7fb3e6", "#f2b45a", "#d9534f"]
    assert _segments(svg, "B01") == []  # nothing to draw for zero hours


def test_the_busiest_person_is_outlined_and_labelled() -> None:
    svg = str(workload_svg(LOADS, title="現在"))
    assert busiest(LOADS).staff_id == "A02"  # type: ignore[union-attr]
    assert 'data-busiest="A02"' in svg
    assert 'data-makespan="100.0"' in svg
    a02 = re.search(r'data-staff="A02".*?</g>', svg, re.S).group(0)  # type: ignore[union-attr]
    assert "最大" in a02 and 'stroke="#b3261e"' in a02
    a01 = re.search(r'data-staff="A01".*?</g>', svg, re.S).group(0)  # type: ignore[union-attr]
    assert "最大" not in a01


def test_two_charts_on_one_scale_draw_equal_hours_equally_wide() -> None:
    after = [StaffLoad("A01", "佐藤 花子", (10.0, 20.0, 5.0))]
    left = str(workload_svg(LOADS, title="前", scale_max=100.0))
    right = str(workload_svg(after, title="後", scale_max=100.0))
    width = r'data-staff="A01".*?<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"'
    assert re.search(width, left, re.S).group(1) == re.search(width, right, re.S).group(1)  # type: ignore[union-attr]


def test_names_are_escaped() -> None:
    svg = str(workload_svg(LOADS, title="<script>"))
    assert "<次郎>" not in svg and "&lt;次郎&gt;" in svg
    assert "<script>" not in svg


def test_reference_line_marks_the_lower_bound() -> None:
    svg = str(workload_svg(LOADS, title="後", reference=80.0))
    assert 'class="reference"' in svg and "理論下限 80.0時間" in svg


def test_axis_maximum_is_round() -> None:
    assert nice_ceiling(0) == 1.0
    assert nice_ceiling(87.3) == 100.0
    assert nice_ceiling(123.0) == 200.0
    assert nice_ceiling(1234.0) == 2000.0
    assert nice_ceiling(285.9) == 300.0


def test_axis_labels_are_round_numbers() -> None:
    for x_max, labels in ((250.0, 5), (200.0, 4), (100.0, 5), (50.0, 5), (300.0, 3), (800.0, 4)):
        ticks = tick_count(x_max)
        assert ticks == labels
        assert all((x_max * i / ticks) % 1 == 0 for i in range(ticks + 1))
    svg = str(workload_svg(LOADS, title="現在"))  # busiest 100 h → 0, 20, …, 100
    assert ">20</text>" in svg and ">100</text>" in svg
