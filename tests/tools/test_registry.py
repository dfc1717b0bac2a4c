from __future__ import annotations

from tools.registry import tools

CONTRACT = {
    "recommend_targets": {"case_id", "offset"},
    "case_summary": {"case_id"},
    "reassign_case": {"case_id", "to_staff", "to_staff_id", "expect_from"},
    "assign_cases": {"development_weight", "team"},
    "apply_plan": set(),
    "lookup_manual": {"query", "offset"},
    "search_law": {"query", "offset"},
    "record_result": {"case_id", "target_kind", "target_id", "result", "amount", "on_conflict", "replaces"},
    "undo_result": {"result_id"},
    "help": set(),
    "worklist": {"staff", "prescribing_only"},
    "exempt_amount": {"pay", "income_tax", "resident_tax", "social_insurance", "dependents", "period_days", "kind"},
}


def test_the_registry_holds_the_tools_of_the_contract_with_their_arguments() -> None:
    registry = tools()
    assert set(registry) == set(CONTRACT)
    for name, spec in registry.items():
        assert set(spec.args_schema.model_fields) == CONTRACT[name], name


def test_every_tool_has_a_japanese_description_and_an_example() -> None:
    for spec in tools().values():
        assert any("\u3040" <= ch <= "\u30ff" for ch in spec.description), spec.name
        assert spec.example
