"""The synthetic office: contract-valid, consistent, deterministic, with learnable signals."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from bot.demo import generate_office
from bot.demo.world import INSTITUTIONS
from store.errors import InvalidInput

# The data contract's columns (docs: data-contract.md), spelled out here independently.
CONTRACT = {
    "areas.csv": ({"area_code", "name"}, {"lat", "lon"}),
    "institutions.csv": (
        {"institution_id", "kind", "name"},
        {"electronic_inquiry", "inquiry_cost_yen"},
    ),
    "branches.csv": ({"branch_id", "institution_id", "name", "area_code"}, {"lat", "lon"}),
    "employers.csv": ({"employer_id", "name"}, {"area_code", "lat", "lon", "industry"}),
    "taxpayers.csv": (
        {"taxpayer_id", "birth_date", "area_code"},
        {
            "name",
            "name_kana",
            "address",
            "household_size",
            "income_salary",
            "income_business",
            "income_pension",
            "income_real_estate",
            "employer_id",
            "fixed_asset_tax",
            "light_vehicle_tax",
            "welfare_recipient",
        },
    ),
    "cases.csv": (
        {"case_id", "taxpayer_id", "tax_kind", "amount_due", "oldest_due"},
        {"periods", "status", "staff_id", "opened_on"},
    ),
    "notes.csv": ({"case_id", "date", "text"}, {"staff_id"}),
    "investigations.csv": (
        {"case_id", "date", "target_kind", "result"},
        {"target_id", "amount", "staff_id"},
    ),
    "staff.csv": (
        {"staff_id", "name", "role"},
        {"years_experience", "capacity", "team", "slack_user_id", "teams_user_id"},
    ),
    "work_log.csv": ({"case_id", "staff_id", "fiscal_year", "hours"}, {"result"}),
    "actions.csv": ({"case_id", "date", "action"}, {"amount", "staff_id", "note"}),
}
DATE_COLUMNS = {"birth_date", "oldest_due", "opened_on", "date"}
INT_COLUMNS = {
    "amount_due",
    "periods",
    "amount",
    "household_size",
    "income_salary",
    "income_business",
    "income_pension",
    "income_real_estate",
    "capacity",
    "fiscal_year",
    "inquiry_cost_yen",
}
BOOL_COLUMNS = {"electronic_inquiry", "fixed_asset_tax", "light_vehicle_tax", "welfare_recipient"}
FLOAT_COLUMNS = {"lat", "lon", "hours", "years_experience"}
ENUMS = {
    ("institutions.csv", "kind"): {
        "bank",
        "post_bank",
        "credit_union",
        "online_bank",
        "ja_bank",
        "life_insurer",
        "securities",
    },
    ("cases.csv", "status"): {"open", "suspended", "closed"},
    ("investigations.csv", "target_kind"): {
        "deposit",
        "life_insurance",
        "securities",
        "salary",
        "pension",
        "real_estate",
        "vehicle",
        "receivable",
    },
    ("investigations.csv", "result"): {"found", "not_found"},
    ("staff.csv", "role"): {"staff", "supervisor"},
    ("work_log.csv", "result"): {"paid_full", "installment", "seized", "suspended", "ongoing"},
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_office(out_dir=tmp_path_factory.mktemp("office"), cases=200, seed=7)


@pytest.fixture(scope="module")
def tables(office: Path) -> dict[str, list[dict[str, str]]]:
    return {name: read(office / name) for name in CONTRACT}


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    a = generate_office(out_dir=tmp_path / "a", cases=150, seed=3)
    b = generate_office(out_dir=tmp_path / "b", cases=150, seed=3)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_another_seed_gives_another_office(tmp_path: Path) -> None:
    a = generate_office(out_dir=tmp_path / "a", cases=150, seed=3)
    b = generate_office(out_dir=tmp_path / "b", cases=150, seed=4)
    assert (a / "taxpayers.csv").read_bytes() != (b / "taxpayers.csv").read_bytes()


def test_every_file_has_exactly_the_contract_columns(office: Path) -> None:
    for name, (required, optional) in CONTRACT.items():
        with (office / name).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert required <= set(header), name
        assert set(header) <= required | optional, name


def test_every_value_has_the_contract_form(tables: dict[str, list[dict[str, str]]]) -> None:
    for name, rows in tables.items():
        required, _ = CONTRACT[name]
        assert rows, name
        for line, row in enumerate(rows, start=2):
            where = f"{name}:{line}"
            for col in required:
                assert row[col] != "", f"{where}: {col} empty"
            for col, value in row.items():
                if value == "":
                    continue
                if col in DATE_COLUMNS:
                    dt.date.fromisoformat(value)
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), where
                elif col in INT_COLUMNS:
                    assert re.fullmatch(r"-?\d+", value), f"{where}: {col}={value}"
                elif col in BOOL_COLUMNS:
                    assert value in {"0", "1"}, f"{where}: {col}={value}"
                elif col in FLOAT_COLUMNS:
                    float(value)
                if (name, col) in ENUMS:
                    assert value in ENUMS[(name, col)], f"{where}: {col}={value}"


def test_ids_are_unique_and_references_resolve(tables: dict[str, list[dict[str, str]]]) -> None:
    def ids(name: str, col: str) -> set[str]:
        values = [r[col] for r in tables[name]]
        assert len(values) == len(set(values)), f"duplicate {col} in {name}"
        return set(values)

    areas = ids("areas.csv", "area_code")
    institutions = ids("institutions.csv", "institution_id")
    employers = ids("employers.csv", "employer_id")
    taxpayers = ids("taxpayers.csv", "taxpayer_id")
    cases = ids("cases.csv", "case_id")
    staff = ids("staff.csv", "staff_id")
    ids("branches.csv", "branch_id")
    assert {r["institution_id"] for r in tables["branches.csv"]} <= institutions
    assert {r["area_code"] for r in tables["branches.csv"]} <= areas
    assert {r["area_code"] for r in tables["employers.csv"]} - {""} <= areas
    assert {r["area_code"] for r in tables["taxpayers.csv"]} <= areas
    assert {r["employer_id"] for r in tables["taxpayers.csv"]} - {""} <= employers
    assert {r["taxpayer_id"] for r in tables["cases.csv"]} <= taxpayers
    assert {r["staff_id"] for r in tables["cases.csv"]} - {""} <= staff
    for name in ("notes.csv", "investigations.csv", "work_log.csv"):
        assert {r["case_id"] for r in tables[name]} <= cases, name
        assert {r["staff_id"] for r in tables[name]} - {""} <= staff, name
    kinds = {r["institution_id"]: r["kind"] for r in tables["institutions.csv"]}
    wanted = {
        "deposit": {"bank", "post_bank", "credit_union", "online_bank", "ja_bank"},
        "life_insurance": {"life_insurer"},
        "securities": {"securities"},
    }
    for row in tables["investigations.csv"]:
        if row["target_kind"] in wanted:
            assert kinds[row["target_id"]] in wanted[row["target_kind"]]
        elif row["target_kind"] == "salary":
            assert row["target_id"] in employers
        else:
            assert row["target_id"] == ""


def test_open_cases_respect_staff_capacity(tables: dict[str, list[dict[str, str]]]) -> None:
    open_cases = [r for r in tables["cases.csv"] if r["status"] == "open"]
    assert len(open_cases) == 200
    load: dict[str, int] = {}
    for r in open_cases:
        load[r["staff_id"]] = load.get(r["staff_id"], 0) + 1
    capacity = {r["staff_id"]: int(r["capacity"]) for r in tables["staff.csv"]}
    assert all(load[s] <= capacity[s] for s in load)
    assert sum(capacity.values()) >= 1.2 * len(open_cases)
    assert len(tables["staff.csv"]) == 15
    assert 2 <= sum(r["role"] == "supervisor" for r in tables["staff.csv"]) <= 3


def test_truth_is_written_apart_from_the_import_files(office: Path) -> None:
    truth = office / "truth"
    for name in ("holdings.csv", "odds.csv", "case_truth.csv", "staff_truth.csv", "hardship_truth.csv", "generator.json"):
        assert (truth / name).is_file()
    import_files = {p.name for p in office.glob("*.csv")}
    assert import_files == set(CONTRACT)
    for name in import_files:
        header = (office / name).read_text(encoding="utf-8").splitlines()[0]
        for secret in ("effort", "speed", "level", "payroll", "difficulty", "holding"):
            assert secret not in header


def test_truth_agrees_with_the_investigation_results(
    office: Path, tables: dict[str, list[dict[str, str]]]
) -> None:
    held = {
        (r["taxpayer_id"], r["target_kind"], r["target_id"])
        for r in read(office / "truth" / "holdings.csv")
    }
    owner = {r["case_id"]: r["taxpayer_id"] for r in tables["cases.csv"]}
    agree = sum(
        ((owner[r["case_id"]], r["target_kind"], r["target_id"]) in held)
        == (r["result"] == "found")
        for r in tables["investigations.csv"]
    )
    assert agree / len(tables["investigations.csv"]) > 0.93


def test_the_generators_odds_cover_every_holding_and_predict_the_counts(office: Path) -> None:
    """odds.csv is what the evaluation's best-possible row ranks by: every holding was drawn
    with a positive probability, and per kind the probabilities add up to the holdings."""
    odds = {
        (r["taxpayer_id"], r["target_kind"], r["target_id"]): float(r["probability"])
        for r in read(office / "truth" / "odds.csv")
    }
    assert all(0.0 < p <= 1.0 for p in odds.values())
    held = [(r["taxpayer_id"], r["target_kind"], r["target_id"]) for r in read(office / "truth" / "holdings.csv")]
    assert all(h in odds for h in held)
    for kind in ("deposit", "life_insurance", "salary", "pension", "real_estate", "vehicle"):
        count = sum(h[1] == kind for h in held)
        expected = sum(p for k, p in odds.items() if k[1] == kind)
        assert abs(count - expected) < 4 * expected**0.5 + 2, (kind, count, expected)
    # and they rank: held targets carry far higher odds than the rest
    held_set = set(held)
    mean_held = sum(odds[h] for h in held_set) / len(held_set)
    rest = [p for k, p in odds.items() if k not in held_set]
    assert mean_held > 3 * sum(rest) / len(rest)


def test_notes_mention_held_banks_more_often_than_others(
    office: Path, tables: dict[str, list[dict[str, str]]]
) -> None:
    held = {
        (r["taxpayer_id"], r["target_id"])
        for r in read(office / "truth" / "holdings.csv")
        if r["target_kind"] == "deposit"
    }
    owner = {r["case_id"]: r["taxpayer_id"] for r in tables["cases.csv"]}
    deposits = [
        i
        for i in INSTITUTIONS
        if i.kind in {"bank", "post_bank", "credit_union", "online_bank", "ja_bank"}
    ]
    mentions_held = mentions_other = 0
    for note in tables["notes.csv"]:
        for inst in deposits:
            if any(alias in note["text"] for alias in inst.aliases):
                if (owner[note["case_id"]], inst.institution_id) in held:
                    mentions_held += 1
                else:
                    mentions_other += 1
    assert mentions_held > 2 * mentions_other


def test_abbreviations_are_recoverable_from_the_full_name() -> None:
    for inst in INSTITUTIONS:
        assert inst.aliases[0] == inst.name
    names = {i.name for i in INSTITUTIONS}
    assert "みどり信用金庫" in names and any("みどり信金" in i.aliases for i in INSTITUTIONS)
    assert any("郵貯" in i.aliases for i in INSTITUTIONS if i.kind == "post_bank")


def test_sizes_scale_with_the_number_of_cases(tmp_path: Path) -> None:
    small = generate_office(out_dir=tmp_path / "s", cases=100, seed=1)
    large = generate_office(out_dir=tmp_path / "l", cases=400, seed=1)
    for name in ("cases.csv", "taxpayers.csv", "notes.csv", "investigations.csv", "work_log.csv"):
        n_small, n_large = len(read(small / name)), len(read(large / name))
        assert 2.5 * n_small < n_large < 6 * n_small, name
    open_large = [r for r in read(large / "cases.csv") if r["status"] == "open"]
    assert len(open_large) == 400


def test_refuses_a_non_positive_case_count(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        generate_office(out_dir=tmp_path / "x", cases=0, seed=1)


def test_history_rows_are_not_repeated(tables: dict[str, list[dict[str, str]]]) -> None:
    """The importer de-duplicates by full content; the generator must not rely on that."""
    for name in ("notes.csv", "investigations.csv", "work_log.csv"):
        rows = [tuple(sorted(r.items())) for r in tables[name]]
        assert len(rows) == len(set(rows)), name


def test_dates_are_consistent(tables: dict[str, list[dict[str, str]]]) -> None:
    today = "2026-10-01"
    opened = {r["case_id"]: r["opened_on"] for r in tables["cases.csv"]}
    for r in tables["cases.csv"]:
        assert r["oldest_due"] < r["opened_on"] <= today
    for name in ("notes.csv", "investigations.csv"):
        for r in tables[name]:
            assert opened[r["case_id"]] <= r["date"] <= today, name


def test_actions_follow_the_office_habits(office: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    """督促 about 20 days after each 納期限, payments after pledges, suspensions of suspended cases."""
    import datetime as dt

    actions = tables["actions.csv"]
    cases = {c["case_id"]: c for c in tables["cases.csv"]}
    first_demand: dict[str, dt.date] = {}
    for a in actions:
        if a["action"] == "demand":
            first_demand.setdefault(a["case_id"], dt.date.fromisoformat(a["date"]))
    lags = sorted((d - dt.date.fromisoformat(cases[c]["oldest_due"])).days for c, d in first_demand.items())
    assert 17 <= lags[len(lags) // 2] <= 23
    assert len(first_demand) > 0.9 * len(cases)
    kinds = {a["action"] for a in actions}
    assert {"demand", "reminder", "payment", "pledge", "seizure", "seizure_released", "suspension"} <= kinds
    suspended = {c for c, row in cases.items() if row["status"] == "suspended"}
    assert suspended and suspended <= {a["case_id"] for a in actions if a["action"] == "suspension"}


def test_pledges_are_dated_and_priced_as_the_notes_wrote_them(tables: dict[str, list[dict[str, str]]]) -> None:
    import re

    written = {}
    for note in tables["notes.csv"]:
        m = re.search(r"月(\d+)万円で分納誓約", note["text"])
        if m:
            written.setdefault(note["case_id"], (note["date"], int(m.group(1)) * 10_000))
    pledges = {a["case_id"]: a["date"] for a in tables["actions.csv"] if a["action"] == "pledge"}
    assert written and all(pledges.get(c) == d for c, (d, _) in written.items())
    case, (day, monthly) = next(iter(written.items()))
    paid = [a for a in tables["actions.csv"] if a["case_id"] == case and a["action"] == "payment" and a["date"] > day]
    assert all(int(a["amount"]) == monthly for a in paid)


def _big_bank_share(directory: Path) -> float:
    """Share of deposit inquiries asked at the megabanks and ゆうちょ."""
    big = {i.institution_id for i in INSTITUTIONS if i.tier in ("mega", "post")}
    with (directory / "investigations.csv").open(encoding="utf-8") as fh:
        ids = [r["target_id"] for r in csv.DictReader(fh) if r["target_kind"] == "deposit"]
    return sum(i in big for i in ids) / len(ids)


def test_officer_styles_change_which_banks_the_history_asks(tmp_path: Path) -> None:
    share = {
        style: _big_bank_share(generate_office(out_dir=tmp_path / style, cases=300, seed=3, officer_style=style))
        for style in ("veteran", "big-banks", "explorer", "mixed")
    }
    assert share["big-banks"] > share["veteran"] + 0.1
    assert share["explorer"] < share["veteran"] - 0.1
    assert share["explorer"] < share["mixed"] < share["big-banks"]
    # the holdings (the truth) do not depend on the officers' habits
    for style in ("big-banks", "explorer"):
        assert (tmp_path / style / "truth" / "holdings.csv").read_bytes() == (
            tmp_path / "veteran" / "truth" / "holdings.csv"
        ).read_bytes()


def test_refuses_an_unknown_officer_style(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"demo\.bad_officer_style"):
        generate_office(out_dir=tmp_path / "x", cases=50, seed=1, officer_style="lazy")
    assert not (tmp_path / "x").exists()


def _notes(directory: Path) -> list[str]:
    with (directory / "notes.csv").open(encoding="utf-8") as fh:
        return [r["text"] for r in csv.DictReader(fh)]


def _names_a_bank(text: str) -> bool:
    deposit_tiers = ("mega", "regional", "post", "shinkin", "shinkumi", "online", "ja")
    return any(a in text for i in INSTITUTIONS if i.tier in deposit_tiers for a in i.aliases if a != "郵便局")


def test_notes_styles_change_only_the_wording_of_the_notes(tmp_path: Path) -> None:
    dirs = {s: generate_office(out_dir=tmp_path / s, cases=300, seed=3, notes_style=s) for s in ("standard", "terse", "vague")}
    notes = {s: _notes(d) for s, d in dirs.items()}
    assert len(notes["terse"]) == len(notes["standard"]) == len(notes["vague"])
    # terse: abbreviated lines instead of the standard sentences
    assert any(t.startswith("勤務先:") for t in notes["terse"]) and any(t.startswith("口座→") for t in notes["terse"])
    assert not any("に在籍確認、在籍あり" in t for t in notes["terse"])
    assert sum(a != b for a, b in zip(notes["standard"], notes["terse"], strict=True)) > len(notes["standard"]) / 3
    # vague: far fewer bank names and employer names written down
    named = {s: sum(map(_names_a_bank, n)) for s, n in notes.items()}
    assert named["vague"] < 0.6 * named["standard"]
    assert named["terse"] == named["standard"]
    employers = {s: sum(bool(re.match(r"勤務先[^に:]+(に在籍|:)", t)) for t in n) for s, n in notes.items()}
    assert 0 < employers["vague"] < 0.6 * employers["standard"]
    # the hardship words stay, and nothing else in the office changes (the pledges parse as before)
    for style in ("terse", "vague"):
        assert sum("失業" in t for t in notes[style]) == sum("失業" in t for t in notes["standard"])
        for name in ("investigations.csv", "actions.csv", "cases.csv"):
            assert (dirs[style] / name).read_bytes() == (dirs["standard"] / name).read_bytes(), name
        params = json.loads((dirs[style] / "truth" / "generator.json").read_text(encoding="utf-8"))
        assert params["notes_style"] == style and params["drift"] == "none"


def _found_rates(directory: Path, bank: str, split: str) -> tuple[float, float]:
    """Found-rate of inquiries at ``bank`` before and from the date ``split``."""
    with (directory / "investigations.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["target_kind"] == "deposit" and r["target_id"] == bank]
    early = [r["result"] == "found" for r in rows if r["date"] < split]
    late = [r["result"] == "found" for r in rows if r["date"] >= split]
    return sum(early) / len(early), sum(late) / len(late)


def test_drift_changes_the_banks_reach_over_the_years_and_not_the_truth(tmp_path: Path) -> None:
    still = generate_office(out_dir=tmp_path / "none", cases=1500, seed=2)
    moving = generate_office(out_dir=tmp_path / "shift", cases=1500, seed=2, drift="shift")
    split = "2025-04-01"
    # 大和橋銀行 (0003) loses customers: found more often in the early years than without drift
    (e0, l0), (e1, l1) = _found_rates(still, "0003", split), _found_rates(moving, "0003", split)
    assert e1 - l1 > (e0 - l0) + 0.05
    # 東都中央銀行 (0001) gains them: found less often early, about as often late
    (e0, l0), (e1, l1) = _found_rates(still, "0001", split), _found_rates(moving, "0001", split)
    assert e1 < e0 - 0.03 and abs(l1 - l0) < e0 - e1
    for name in ("notes.csv", "cases.csv", "truth/holdings.csv", "truth/odds.csv"):
        assert (moving / name).read_bytes() == (still / name).read_bytes(), name
    assert json.loads((moving / "truth" / "generator.json").read_text(encoding="utf-8"))["drift"] == "shift"


def test_refuses_an_unknown_notes_style_or_drift(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"demo\.bad_notes_style"):
        generate_office(out_dir=tmp_path / "x", cases=50, seed=1, notes_style="poetic")
    with pytest.raises(InvalidInput, match=r"demo\.bad_drift"):
        generate_office(out_dir=tmp_path / "y", cases=50, seed=1, drift="sometimes")
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
