"""Results you can correct, as an officer notices them in chat: the amount is kept and shown, the
same result twice is refused with nothing written, a contradiction is asked about, a correction
and an undo are followed by the ranking (在籍なし drops the employer, 取り消す brings it back),
and only the recorder or a supervisor may undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from bot.router import route
from store.errors import InvalidInput, PermissionDenied
from store.models import AuditLog, Investigation, Staff
from tests.investigation.conftest import Tiny
from tests.tools.office import settings_for
from tools.actor import Actor
from tools.registry import ToolContext, run_tool
from tools.reply import Reply
from tools.usecases import cases

CASE = "000103"  # held by K1; its taxpayer works at 株式会社東西工業 (E1), ranked first
EMPLOYER = "E1"
K1 = Actor("K1", "web", "ja", "担当 一郎", "staff")
K2 = Actor("K2", "slack", "ja", "係長 二郎", "supervisor")
K3 = Actor("K3", "web", "ja", "同僚 三郎", "staff", "第一係")  # K1's teammate: sees the case
SALARY = {"case_id": CASE, "target_kind": "salary", "target_id": EMPLOYER}


def _run(tiny: Tiny, actor: Actor, tool: str, args: dict[str, Any]) -> Reply:
    with Session(tiny.engine) as session:
        ctx = ToolContext(session=session, settings=settings_for(tiny.engine, tiny.model_dir.parent), actor=actor)
        reply = run_tool(ctx, tool, args)
        session.commit()
    return reply


def _press(tiny: Tiny, actor: Actor, reply: Reply, label: str) -> Reply:
    """Press the reply's button with this label, as a chat surface does."""
    [button] = [b for b in reply.buttons if b.label == label]
    assert button.action == "run"
    return _run(tiny, actor, button.payload["tool"], button.payload["args"])


def _employer_rank(tiny: Tiny) -> int | None:
    with Session(tiny.engine) as session:
        settings = settings_for(tiny.engine, tiny.model_dir.parent)
        rec = cases.recommend_targets(actor=K1, session=session, settings=settings, case_id=CASE, top=30)
        session.commit()
    return next((x.rank for x in rec.targets if x.target_kind == "salary" and x.target_id == EMPLOYER), None)


def _rows(tiny: Tiny) -> list[tuple[str, str, int | None]]:
    with Session(tiny.engine) as session:
        rows = session.exec(
            select(Investigation).where(col(Investigation.case_id) == CASE, col(Investigation.source) != "import")
        ).all()
        return [(r.result, r.state, r.amount) for r in sorted(rows, key=lambda r: r.id or 0)]


@pytest.mark.parametrize("written", ["12万円", "120,000円", "残高あり 12万円", "¥120000", "１２万円"])
def test_the_router_reads_the_amount_found_and_not_as_a_case_number(written: str) -> None:
    r = route(f"{CASE}のみどり信金照会、{written} ありでした")
    assert r.tool == "record_result"
    assert r.args["case_id"] == CASE and r.args["amount"] == 120_000


def test_an_amount_is_stored_and_shown_in_the_reply_and_the_summary(tiny_copy: Tiny) -> None:
    reply = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "found", "amount": 120_000})
    assert "あり 120,000円" in reply.text
    assert _rows(tiny_copy) == [("found", "active", 120_000)]
    summary = _run(tiny_copy, K1, "case_summary", {"case_id": CASE}).plain_text()
    assert "株式会社東西工業: あり（120,000円）" in summary


def test_the_same_result_twice_is_refused_and_nothing_is_written(tiny_copy: Tiny) -> None:
    _run(tiny_copy, K1, "record_result", {**SALARY, "result": "found"})
    with Session(tiny_copy.engine) as session:
        before = len(session.exec(select(AuditLog)).all())
    again = _run(tiny_copy, K2, "record_result", {**SALARY, "result": "found"})
    assert again.text.startswith("すでに記録済みです（") and "佐藤 花子（K1）" in again.text
    assert not again.ok and again.buttons == []
    assert _rows(tiny_copy) == [("found", "active", None)]
    with Session(tiny_copy.engine) as session:
        actions = [a.action for a in session.exec(select(AuditLog).order_by(col(AuditLog.id))).all()[before:]]
    assert actions == ["record_result"]  # the look at the case; no write


def test_zaiseki_nashi_drops_the_employer_from_the_ranking_and_undo_brings_it_back(tiny_copy: Tiny) -> None:
    assert _employer_rank(tiny_copy) == 1
    done = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "not_found"})
    assert _employer_rank(tiny_copy) is None
    [undo] = done.buttons
    assert undo.label == "取り消す"
    undone = _press(tiny_copy, K1, done, "取り消す")
    assert "取り消しました" in undone.text
    assert _employer_rank(tiny_copy) == 1
    assert _rows(tiny_copy) == [("not_found", "undone", None)]  # kept for the audit
    with pytest.raises(InvalidInput) as refused:
        _press(tiny_copy, K1, done, "取り消す")
    assert refused.value.key == "result.already_undone"
    # The same fact recorded again after the undo is a new record, not a duplicate.
    again = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "not_found"})
    assert "記録しました" in again.text and _employer_rank(tiny_copy) is None
    assert _rows(tiny_copy) == [("not_found", "undone", None), ("not_found", "active", None)]


def test_a_contradiction_asks_and_the_correction_is_followed_by_the_ranking(tiny_copy: Tiny) -> None:
    found = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "found"})
    assert _employer_rank(tiny_copy) is None  # found today: nothing to ask
    asked = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "not_found"})
    assert "前回の記録（「あり」" in asked.text and "佐藤 花子（K1）" in asked.text and asked.text.endswith("訂正しますか？")
    assert [b.label for b in asked.buttons] == ["訂正する", "別の記録として追加", "やめる"]
    assert _rows(tiny_copy) == [("found", "active", None)]  # nothing written yet
    corrected = _press(tiny_copy, K1, asked, "訂正する")
    assert "訂正しました" in corrected.text
    assert _rows(tiny_copy) == [("found", "superseded", None), ("not_found", "active", None)]
    assert _employer_rank(tiny_copy) is None  # 在籍なし now
    summary = _run(tiny_copy, K1, "case_summary", {"case_id": CASE}).plain_text()
    assert "株式会社東西工業: なし" in summary and "株式会社東西工業: あり" not in summary
    # The old 訂正する button once more: the record it was to replace is no longer standing.
    with pytest.raises(InvalidInput):
        _press(tiny_copy, K1, asked, "訂正する")
    # Undoing the correction brings back the あり it replaced.
    back = _press(tiny_copy, K1, corrected, "取り消す")
    assert "元に戻しました" in back.text
    assert _rows(tiny_copy) == [("found", "active", None), ("not_found", "undone", None)]
    # ... and undoing that too makes the employer a target again.
    _press(tiny_copy, K1, found, "取り消す")
    assert _employer_rank(tiny_copy) == 1


def test_add_appends_beside_the_earlier_result(tiny_copy: Tiny) -> None:
    _run(tiny_copy, K1, "record_result", {**SALARY, "result": "found"})
    asked = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "not_found"})
    _press(tiny_copy, K1, asked, "別の記録として追加")
    assert _rows(tiny_copy) == [("found", "active", None), ("not_found", "active", None)]


def test_only_the_recorder_or_a_supervisor_may_undo_and_every_undo_is_audited(tiny_copy: Tiny) -> None:
    with Session(tiny_copy.engine) as session:
        session.add(Staff(staff_id="K3", name="同僚 三郎", role="staff", team="第一係"))
        k1 = session.get(Staff, "K1")
        assert k1 is not None
        k1.team = "第一係"
        session.add(k1)
        session.commit()
    done = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "not_found"})
    with pytest.raises(PermissionDenied) as refused:
        _press(tiny_copy, K3, done, "取り消す")
    assert refused.value.key == "result.not_recorder"
    assert _rows(tiny_copy) == [("not_found", "active", None)]
    _press(tiny_copy, K2, done, "取り消す")  # the supervisor may
    assert _rows(tiny_copy) == [("not_found", "undone", None)]
    with Session(tiny_copy.engine) as session:
        audit = [
            (a.action, a.allowed, a.staff_id)
            for a in session.exec(select(AuditLog).where(col(AuditLog.action).startswith("undo_result.")))
        ]
        row = session.exec(select(Investigation).where(col(Investigation.state) == "undone")).one()
    assert audit == [("undo_result.write", False, "K3"), ("undo_result.write", True, "K2")]
    assert row.changed_by == "K2" and row.changed_at is not None


def test_the_web_form_takes_an_amount_as_written(tiny_copy: Tiny, tmp_path: Path) -> None:
    from bot.web.pages.case import _amount

    assert [_amount(w) for w in ("", "120000", "120,000", "12万", "12万円")] == [None, 120_000, 120_000, 120_000, 120_000]
    with pytest.raises(InvalidInput):
        _amount("たくさん")


def test_a_correction_replaces_only_a_result_of_the_same_target(tiny_copy: Tiny) -> None:
    found = _run(tiny_copy, K1, "record_result", {**SALARY, "result": "found"})
    [undo] = found.buttons
    other = {"case_id": CASE, "target_kind": "real_estate", "result": "not_found"}
    with pytest.raises(InvalidInput):
        _run(tiny_copy, K1, "record_result", {**other, "on_conflict": "correct", "replaces": undo.payload["args"]["result_id"]})
    assert _rows(tiny_copy) == [("found", "active", None)]
