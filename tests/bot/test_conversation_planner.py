"""The conversation planner (pure): what a message means given the conversation so far."""

from __future__ import annotations

from bot.router.conversation import Focus, clauses, plan
from bot.router.evaluate_conversations import evaluate_conversations

CASE = Focus(case_id="10001", last_tool="case_summary", last_args={"case_id": "10001"})
PENDING = Focus(case_id="10001", pending={"tool": "reassign_case", "args": {"case_id": "10001", "to_staff": "A02"}})


def kinds(text: str, focus: Focus | None = None) -> list[str]:
    return [s.kind for s in plan(text, focus).steps]


def test_typed_confirmations_and_refusals_need_something_pending() -> None:
    for text in ("確定", "はい", "OK", "お願いします", "yes", "はい、お願いします"):
        assert kinds(text, PENDING) == ["confirm"], text
        assert kinds(text, Focus()) in (["nothing_pending"], ["tool"]), text  # 「確定」: the plan command
    for text in ("やめる", "いいえ", "キャンセル", "no"):
        assert kinds(text, PENDING) == ["cancel"], text
        assert kinds(text, Focus()) == ["nothing_pending"], text


def test_a_sentence_with_a_confirmation_word_in_it_is_not_a_confirmation() -> None:
    assert kinds("はい、10001の概要を見せて", PENDING) == ["tool"]
    assert kinds("確定申告の書類は？", PENDING) == ["tool"]


def test_a_follow_up_without_a_case_number_takes_the_case_in_focus() -> None:
    step = plan("じゃあ調査先は？", CASE).steps[0]
    assert step.route is not None and step.route.tool == "recommend_targets" and step.from_focus
    assert step.route.args["case_id"] == "10001"
    step = plan("10002の概要", CASE).steps[0]  # an explicit number wins
    assert step.route is not None and step.route.args["case_id"] == "10002" and not step.from_focus


def test_a_request_that_is_not_about_a_case_keeps_its_own_meaning() -> None:
    step = plan("分納誓約の手続きは？", CASE).steps[0]
    assert step.route is not None and step.route.tool == "lookup_manual" and not step.from_focus


def test_clauses_split_at_the_words_that_join_requests() -> None:
    assert clauses("10001の概要。それと担当を鈴木さんに") == ["10001の概要", "担当を鈴木さんに"]
    assert clauses("10001の調査先、あと分納誓約の手続き") == ["10001の調査先", "分納誓約の手続き"]
    assert clauses("10001の概要を見せて") == ["10001の概要を見せて"]


def test_two_requests_each_routed_in_order_the_second_on_the_first_ones_case() -> None:
    steps = plan("10001の概要。それと調査先も").steps
    assert [s.route.tool for s in steps if s.route] == ["case_summary", "recommend_targets"]
    assert steps[1].route is not None and steps[1].route.args["case_id"] == "10001"


def test_a_second_clause_that_routes_nowhere_keeps_the_message_whole() -> None:
    assert kinds("10001の概要を見せて。よろしくお願いします") == ["tool"]


def test_greetings_thanks_and_more() -> None:
    assert [s.smalltalk for s in plan("おはようございます").steps] == ["greeting"]
    assert [s.smalltalk for s in plan("ありがとうございました！").steps] == ["thanks"]
    assert kinds("もっと見せて", CASE) == ["more"] and kinds("続きを見せて") == ["more"]
    assert kinds("おはようございます、10001の概要") == ["tool"]


def test_the_conversation_evaluator_scores_per_kind() -> None:
    convs = [
        {"id": "a", "kind": "followup", "turns": [
            {"user": "10001の概要", "expect": {"tool": "case_summary", "args": {"case_id": "10001"}}},
            {"user": "じゃあ調査先は？", "expect": {"tool": "recommend_targets", "args": {"case_id": "10001"}}},
        ]},
        {"id": "b", "kind": "confirm", "turns": [
            {"user": "今年度の割当表を作って", "expect": {"tool": "assign_cases"}},
            {"user": "はい", "expect": {"confirm": True}},
        ]},
        {"id": "c", "kind": "smalltalk", "turns": [{"user": "10001の概要", "expect": {"smalltalk": "greeting"}}]},
        {"id": "d", "kind": "correct", "turns": [
            {"user": "10001の城南信金照会、口座ありでした", "expect": {"tool": "record_result"}},
            {"user": "間違えました、なしです", "expect": {"correct": "not_found"}},
        ]},
        {"id": "e", "kind": "correct", "turns": [{"user": "今の取り消して", "expect": {"undo": True}}]},  # nothing recorded
    ]
    report = evaluate_conversations(convs)
    assert report.per_kind == {"followup": [1, 1], "confirm": [1, 1], "smalltalk": [0, 1], "correct": [1, 2]}
    assert not report.unsupported and [f[0] for f in report.failures] == ["c", "e"]
