"""A tiny, valid import directory to start tests from (and to break on purpose)."""

from __future__ import annotations

from pathlib import Path

BASE: dict[str, str] = {
    "areas.csv": "area_code,name,lat,lon\nA01,本町一丁目,35.70,139.70\nA02,本町二丁目,35.71,139.71\n",
    "institutions.csv": (
        "institution_id,kind,name,electronic_inquiry,inquiry_cost_yen\n"
        "B001,bank,みらい銀行,1,0\n"
        "B002,credit_union,本町信用金庫,0,300\n"
        "L001,life_insurer,あおば生命,0,500\n"
    ),
    "branches.csv": "branch_id,institution_id,name,area_code\nBR1,B001,本町支店,A01\n",
    "employers.csv": "employer_id,name,area_code,industry\nE001,株式会社本町製作所,A02,製造業\n",
    "staff.csv": (
        "staff_id,name,role,years_experience,capacity,team,slack_user_id,teams_user_id\n"
        "S01,佐藤 花子,supervisor,12,200,1,U001,\n"
        "S02,鈴木 一郎,staff,2.5,250,1,U002,\n"
        "S03,佐藤 次郎,staff,0.5,250,2,,\n"
    ),
    "taxpayers.csv": (
        "taxpayer_id,birth_date,area_code,name,household_size,income_salary,income_business,employer_id,fixed_asset_tax,welfare_recipient\n"
        "T0001,1970-04-01,A01,山田 太郎,3,4200000,,E001,1,0\n"
        "T0002,1985-12-31,A02,田中 美咲,1,,-120000,,0,0\n"
    ),
    "cases.csv": (
        "case_id,taxpayer_id,tax_kind,amount_due,oldest_due,periods,status,staff_id,opened_on\n"
        "00123,T0001,住民税,120000,2023-05-31,4,open,S02,2023-08-01\n"
        "00124,T0002,国民健康保険料,56000,2022-07-31,,,S03,\n"
    ),
    "notes.csv": (
        "case_id,date,text,staff_id\n"
        '00123,2024-01-10,"みらい銀行本町支店に預金照会。\n回答待ち",S02\n'
        "00124,2024-02-01,催告書送付,S03\n"
    ),
    "investigations.csv": (
        "case_id,date,target_kind,target_id,result,amount,staff_id\n"
        "00123,2024-01-10,deposit,B001,found,35000,S02\n"
        "00123,2024-01-12,salary,E001,found,,S02\n"
        "00124,2024-02-03,pension,,not_found,,S03\n"
    ),
    "work_log.csv": "case_id,staff_id,fiscal_year,hours,result\n00123,S02,2023,6.5,installment\n00124,S03,2023,2,ongoing\n",
}


def write_office(
    directory: Path, files: dict[str, str | bytes | None] | None = None, *, encoding: str = "utf-8"
) -> Path:
    """Write BASE with ``files`` replacing (or, with None, removing) some of them."""
    directory.mkdir(parents=True, exist_ok=True)
    contents: dict[str, str | bytes | None] = {**BASE, **(files or {})}
    for name, content in contents.items():
        path = directory / name
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return directory
