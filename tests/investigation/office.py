"""A tiny office written as the contract's CSV files, with one case per rule to check.

History: 60 taxpayers at two employers; co-workers of 東西工業 are paid into 東西銀行, those
of 南北運輸 into 南北銀行; everyone was asked at both banks, ゆうちょ and the employer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date.today()


def _csv(header: str, rows: list[str]) -> str:
    return header + "\n" + "\n".join(rows) + "\n"


def office_files(today: dt.date = TODAY) -> dict[str, str]:
    recent = (today - dt.timedelta(days=30)).isoformat()
    taxpayers = []
    cases = []
    notes = []
    invs = []
    for n in range(60):
        tp = f"H{n:03d}"
        emp = "E1" if n % 2 == 0 else "E2"
        area = "A1" if n % 3 else "A2"
        payroll, other = ("0001", "0002") if emp == "E1" else ("0002", "0001")
        taxpayers.append(f"{tp},1980-01-01,{area},履歴 {n},リレキ,東京都けやき区{n}番,2,3000000,0,0,0,{emp},0,0,0")
        cid = f"{1000 + n}"
        cases.append(f"{cid},{tp},住民税,100000,2022-05-31,2,open,K1,2022-08-01")
        day = (dt.date(2023, 1, 10) + dt.timedelta(days=12 * n)).isoformat()
        invs += [
            f"{cid},{day},deposit,{payroll},found,50000,K1",
            f"{cid},{day},deposit,{other},not_found,,K1",
            f"{cid},{day},deposit,9900,{'found' if n % 3 == 0 else 'not_found'},,K1",
            f"{cid},{day},salary,{emp},{'found' if n % 4 else 'not_found'},,K1",
        ]
        notes.append(f"{cid},{day},催告書送付,K1")

    def person(tp: str, *, emp: str = "E1", salary: str = "3000000", welfare: str = "0", area: str = "A1") -> None:
        pension = "0" if salary != "" else ""
        taxpayers.append(
            f"{tp},1975-06-01,{area},特定 {tp},トクテイ {tp},東京都けやき区{tp},1,{salary},0,{pension},0,{emp},0,0,{welfare}"
        )

    person("X1")
    cases.append("000101,X1,住民税,50000,2023-05-31,1,closed,K1,2023-08-01")
    person("X2")
    cases.append("000102,X2,住民税,50000,2023-05-31,1,suspended,K1,2023-08-01")
    person("X3")  # 東西銀行 already found and still held
    cases.append("000103,X3,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    invs.append("000103,2025-01-10,deposit,0001,found,80000,K1")
    person("X4", emp="E2")  # moved from 東西工業 to 南北運輸: salary only at 南北運輸
    cases.append("000104,X4,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    invs.append("000104,2024-05-01,salary,E1,found,,K1")
    person("X5", emp="", salary="0", welfare="1")  # 生活保護
    cases.append("000105,X5,国民健康保険料,50000,2023-05-31,1,open,K1,2023-08-01")
    person("X6")  # hardship in the notes
    cases.append("000106,X6,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    notes.append(f"000106,{recent},会社を解雇され失業中とのこと,K1")
    person("X7", emp="", salary="0")  # no income at all
    cases.append("000107,X7,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    person("X8")  # the notes name みどり信金
    cases.append("000108,X8,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    notes.append("000108,2025-03-01,本人よりみどり信金に口座ありと聴取,K1")
    person("X9")  # two cases: what one found is known to the other
    cases.append("000109,X9,住民税,50000,2023-05-31,1,open,K1,2023-08-01")
    cases.append("000110,X9,国民健康保険料,30000,2024-05-31,1,open,K1,2024-08-01")
    invs.append("000109,2025-02-01,deposit,9900,found,42000,K1")
    invs.append("000109,2024-01-10,deposit,0002,found,10000,K1")
    invs.append("000109,2025-02-01,deposit,0002,not_found,,K1")  # emptied or closed since

    return {
        "areas.csv": _csv("area_code,name,lat,lon", ["A1,本町一丁目,35.700,139.700", "A2,北野二丁目,35.760,139.760"]),
        "institutions.csv": _csv(
            "institution_id,kind,name,electronic_inquiry,inquiry_cost_yen",
            [
                "0001,bank,東西銀行,1,100",
                "0002,bank,南北銀行,1,120",
                "1302,credit_union,みどり信用金庫,0,400",
                "9900,post_bank,ゆうちょ銀行,1,100",
                "L01,life_insurer,はなみずき生命保険,1,130",
                "S01,securities,北斗証券,0,420",
            ],
        ),
        "branches.csv": _csv(
            "branch_id,institution_id,name,area_code,lat,lon",
            [
                "0001-1,0001,本町支店,A1,35.701,139.701",
                "0002-1,0002,北野支店,A2,35.761,139.761",
                "1302-1,1302,本町支店,A1,35.702,139.699",
                "9900-1,9900,本町郵便局,A1,35.700,139.702",
                "9900-2,9900,北野郵便局,A2,35.759,139.760",
            ],
        ),
        "employers.csv": _csv(
            "employer_id,name,area_code,lat,lon,industry",
            ["E1,株式会社東西工業,A1,35.703,139.703,製造業", "E2,南北運輸株式会社,A2,35.762,139.758,運輸業"],
        ),
        "staff.csv": _csv("staff_id,name,role", ["K1,佐藤 花子,staff", "K2,鈴木 一郎,supervisor"]),
        "taxpayers.csv": _csv(
            "taxpayer_id,birth_date,area_code,name,name_kana,address,household_size,income_salary,"
            "income_business,income_pension,income_real_estate,employer_id,fixed_asset_tax,"
            "light_vehicle_tax,welfare_recipient",
            taxpayers,
        ),
        "cases.csv": _csv("case_id,taxpayer_id,tax_kind,amount_due,oldest_due,periods,status,staff_id,opened_on", cases),
        "notes.csv": _csv("case_id,date,text,staff_id", notes),
        "investigations.csv": _csv("case_id,date,target_kind,target_id,result,amount,staff_id", invs),
    }


def write_office(directory: Path, today: dt.date = TODAY) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in office_files(today).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
