"""Reading and checking import files without a database."""

from __future__ import annotations

import pytest

from store.importer import Existing, validate
from store.importer.problems import Problem
from store.importer.reading import FileUnreadable, decode, parse
from tests.store.office import BASE
from tools.messages import problem_text, t


def _tables(**files: str | bytes | None) -> dict:
    contents = {**BASE, **files}
    out = {}
    for name, content in contents.items():
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            out[name] = parse(name, data)
        except FileUnreadable as err:
            out[name] = err.problem
    return out


def _lines(**files: str | bytes | None) -> list[str]:
    return [problem_text(p) for p in validate(_tables(**files)).problems]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("名前\n山田".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "名前\n山田".encode(), "utf-8-sig"),
        ("名前\n山田".encode("cp932"), "cp932"),
        ("ｶﾅ,名前\nﾔﾏﾀﾞ,山田".encode("cp932"), "cp932"),
    ],
)
def test_encoding_is_detected_per_file(data: bytes, encoding: str) -> None:
    text, found = decode("x.csv", data)
    assert found == encoding
    assert "山田" in text or "ﾔﾏﾀﾞ" in text


@pytest.mark.parametrize(
    ("data", "key", "line"),
    [
        (b"", "import.empty_file", 1),
        (b"  \r\n", "import.empty_file", 1),
        (bytes(range(256)) * 3, "import.binary_file", 1),
        (b"PK\x03\x04\x14\x00\x06\x00", "import.zip_file", 1),
        ("a,b\n1,2\n".encode("utf-16"), "import.utf16_file", 1),
        ("case_id,text\n1,滞納処分の催告\n".encode("euc_jp"), "import.eucjp_file", 1),
        ("case_id,text\n1,催告\n2,".encode("cp932") + b"\x85\x40\xff\n", "import.bad_encoding", 3),
    ],
)
def test_unreadable_file_names_its_problem_and_line(data: bytes, key: str, line: int) -> None:
    with pytest.raises(FileUnreadable) as err:
        parse("notes.csv", data)
    assert (err.value.problem.key, err.value.problem.line) == (key, line)


def test_valid_office_has_no_problems_and_typed_rows() -> None:
    checked = validate(_tables())
    assert checked.problems == []
    cases = {r["case_id"]: r for r in checked.files["cases.csv"].rows}
    assert cases["00123"]["amount_due"] == 120000  # leading zeros of the ID are kept
    assert cases["00124"]["status"] == "open"  # empty status = the contract's default
    assert cases["00124"]["periods"] is None  # empty = unknown, never zero
    note = checked.files["notes.csv"].rows[0]
    assert note["text"] == "みらい銀行本町支店に預金照会。\n回答待ち"


def test_line_numbers_count_physical_lines_across_quoted_newlines() -> None:
    notes = 'case_id,date,text\n00123,2024-01-10,"一行目\n二行目"\n00124,2024-13-01,催告\n'
    assert _lines(**{"notes.csv": notes}) == [
        "notes.csv:4: date: " + t("import.bad_date", value="2024-13-01")
    ]


def test_every_bad_row_of_every_file_is_reported() -> None:
    lines = _lines(
        **{
            "cases.csv": (
                "case_id,taxpayer_id,tax_kind,amount_due,oldest_due,status\n"
                "00123,T0001,住民税,120000,2023-05-31,open\n"
                "00124,T0002,住民税,12000円,2023-05-31,open\n"
                "00125,T0003,住民税,100,2023/05/31,pending\n"
            ),
            "staff.csv": "staff_id,name,role\nS02,鈴木,staff\nS03,佐藤,boss\n",
        }
    )
    assert lines == [
        "staff.csv:3: role: " + t("import.bad_enum", value="boss", allowed="staff / supervisor"),
        "cases.csv:3: amount_due: " + t("import.bad_int", value="12000円"),
        "cases.csv:4: oldest_due: " + t("import.bad_date", value="2023/05/31"),
        "cases.csv:4: status: "
        + t("import.bad_enum", value="pending", allowed="open / suspended / closed"),
        "cases.csv:4: taxpayer_id: "
        + t("import.unknown_ref", target="taxpayers.csv", value="T0003"),
    ]


def test_reference_to_an_id_already_in_the_store_is_accepted() -> None:
    notes = "case_id,date,text\n99999,2024-01-01,電話催告\n"
    assert validate(_tables(**{"notes.csv": notes})).problems != []
    existing = Existing(keys={"cases.csv": {"99999"}})
    assert validate(_tables(**{"notes.csv": notes}), existing).problems == []


def test_same_id_twice_is_refused_only_when_the_content_differs() -> None:
    same = "area_code,name\nA01,本町一丁目\nA02,本町二丁目\nA01,本町一丁目\n"
    checked = validate(_tables(**{"areas.csv": same}))
    assert checked.problems == []
    assert [w.key for w in checked.warnings] == ["import.duplicate_row"]
    different = "area_code,name\nA01,本町一丁目\nA02,本町二丁目\nA01,本町三丁目\n"
    assert _lines(**{"areas.csv": different}) == [
        "areas.csv:4: area_code: " + t("import.duplicate_id", value="A01", first_line=2)
    ]


def test_investigation_targets_must_fit_their_kind() -> None:
    inv = (
        "case_id,date,target_kind,target_id,result\n"
        "00123,2024-01-10,deposit,L001,found\n"
        "00123,2024-01-10,deposit,,found\n"
        "00123,2024-01-10,pension,B001,found\n"
        "00123,2024-01-10,salary,E999,not_found\n"
    )
    assert [(p.line, p.key) for p in validate(_tables(**{"investigations.csv": inv})).problems] == [
        (2, "import.target_kind_mismatch"),
        (3, "import.target_id_required"),
        (4, "import.target_id_forbidden"),
        (5, "import.unknown_ref"),
    ]


def test_missing_required_file_and_unknown_file_and_column() -> None:
    tables = _tables(**{"cases.csv": None})
    tables["payments.csv"] = parse("payments.csv", b"a,b\n1,2\n")
    tables["areas.csv"] = parse(
        "areas.csv", "area_code,name,memo\nA01,本町,x\nA02,本町二,y\n".encode()
    )
    checked = validate(tables)
    assert problem_text(checked.problems[0]) == "cases.csv:0: -: " + t("import.missing_file")
    assert "areas.csv:1: memo: " + t("import.unknown_column") in [
        problem_text(w) for w in checked.warnings
    ]
    assert any(
        w.file == "payments.csv" and w.key == "import.unknown_file" for w in checked.warnings
    )


def test_slack_user_id_cannot_name_two_staff_members() -> None:
    staff = "staff_id,name,role,slack_user_id\nS01,佐藤,supervisor,U001\nS02,鈴木,staff,U001\nS03,佐藤,staff,\n"
    problems = validate(_tables(**{"staff.csv": staff})).problems
    assert [(p.line, p.column, p.key) for p in problems] == [
        (3, "slack_user_id", "import.duplicate_user_id")
    ]
    existing = Existing(keys={"staff.csv": {"S09"}}, identities={"slack": {"S09": "U777"}})
    staff2 = "staff_id,name,role,slack_user_id\nS01,佐藤,supervisor,U777\nS02,鈴木,staff,\nS03,佐藤,staff,\n"
    assert [
        p.params["other"] for p in validate(_tables(**{"staff.csv": staff2}), existing).problems
    ] == ["S09"]


def test_problem_renders_as_file_line_column_reason() -> None:
    p = Problem("cases.csv", 7, "amount_due", "import.bad_int", {"value": "1,000"})
    assert problem_text(p) == "cases.csv:7: amount_due: " + t("import.bad_int", value="1,000")
    assert problem_text(p, "en") == "cases.csv:7: amount_due: " + t("import.bad_int", "en", value="1,000")


def test_trailing_commas_and_blank_lines_are_forgiven() -> None:
    areas = "area_code,name,,\r\nA01,本町一丁目,,\r\n\r\nA02,本町二丁目,,\r\n"
    checked = validate(_tables(**{"areas.csv": areas}))
    assert checked.problems == [] and checked.warnings == []
    assert checked.files["areas.csv"].lines == [2, 4]


def test_duplicate_column_is_refused() -> None:
    areas = "area_code,name,name\nA01,本町,本町\nA02,二丁目,二丁目\n"
    assert _lines(**{"areas.csv": areas}) == ["areas.csv:1: name: " + t("import.duplicate_column")]
