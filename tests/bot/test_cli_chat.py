"""`choshu chat --as STAFF_ID` in the terminal and `choshu route` on a store."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app


def test_chat_in_the_terminal_as_a_staff_member_with_numbered_buttons(office_engine: Engine) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(office_engine.url), "chat", "--as", "A01"], input="案件10001の概要\n1\nexit\n"
    )
    assert result.exit_code == 0, result.output
    assert "佐藤 花子（A01）として話します。例:「00042の概要」" in result.output
    assert "250,000円" in result.output and "[1] 財産調査先" in result.output


def test_chat_as_an_unknown_staff_id_exits_with_a_reason(office_engine: Engine) -> None:
    result = CliRunner().invoke(app, ["--db", str(office_engine.url), "chat", "--as", "ZZZ"], input="")
    assert result.exit_code != 0 and "ZZZ" in result.output


def test_route_uses_the_staff_and_institutions_of_the_store(office_engine: Engine) -> None:
    result = CliRunner().invoke(app, ["--db", str(office_engine.url), "route", "10001の城南信金照会、口座ありでした", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "tool": "record_result",
        "args": {"case_id": "10001", "target_kind": "deposit", "target_id": "CU001", "result": "found"},
    }


def test_in_the_terminal_a_balance_without_a_result_word_asks_keeps_the_amount_and_can_be_undone(
    office_engine: Engine,
) -> None:
    result = CliRunner().invoke(
        app,
        ["--db", str(office_engine.url), "chat", "--as", "A01"],
        input="10001のみずほ銀行照会の回答、残高12万円\n1\n1\nexit\n",
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[1] 照会結果 あり" in out  # asked あり／なし, the amount kept on the buttons
    assert "照会結果「あり 120,000円」を記録しました" in out and "[1] 取り消す" in out
    assert "記録を取り消しました" in out


def test_route_reads_a_request_typed_in_kana(office_engine: Engine) -> None:
    result = CliRunner().invoke(app, ["--db", str(office_engine.url), "route", "10001のがいよう", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"tool": "case_summary", "args": {"case_id": "10001"}}
