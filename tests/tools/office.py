"""A tiny office for the chat tests: two teams, a supervisor, two staff named 佐藤, three cases,
banks and an employer. Built once per session, copied per test (fast, isolated)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.db import make_engine
from store.migrate import upgrade
from store.models import Area, Case, Employer, Institution, Note, Staff, StaffIdentity, Taxpayer
from store.settings import Settings

SUPERVISOR = "S01"
STAFF_A = "A01"  # 佐藤 花子, team A, holds 10001 and 00042
STAFF_A2 = "A02"  # 鈴木 一郎, team A, holds 10002
STAFF_B = "B01"  # 高橋 次郎, team B, holds 10003
SLACK_USER = {SUPERVISOR: "USUP0001", STAFF_A: "UA010001", STAFF_A2: "UA020001", STAFF_B: "UB010001"}
TEAMS_USER = {SUPERVISOR: "aad-s01", STAFF_A: "aad-a01", STAFF_B: "aad-b01"}
CASE_A, CASE_A2, CASE_B, CASE_ZERO = "10001", "10002", "10003", "00042"


def build(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as s:
        s.add(Area(area_code="001", name="本町一丁目"))
        s.add_all(
            [
                Staff(staff_id=SUPERVISOR, name="山田 係長", role="supervisor", team="A"),
                Staff(staff_id=STAFF_A, name="佐藤 花子", role="staff", team="A"),
                Staff(staff_id=STAFF_A2, name="鈴木 一郎", role="staff", team="A"),
                Staff(staff_id="A03", name="佐藤 次郎", role="staff", team="A"),
                Staff(staff_id=STAFF_B, name="高橋 次郎", role="staff", team="B"),
            ]
        )
        s.flush()
        s.add_all(
            [StaffIdentity(surface="slack", user_id=u, staff_id=sid) for sid, u in SLACK_USER.items()]
            + [StaffIdentity(surface="teams", user_id=u, staff_id=sid) for sid, u in TEAMS_USER.items()]
        )
        s.add_all(
            [
                Institution(institution_id="BK001", kind="bank", name="みずほ銀行"),
                Institution(institution_id="CU001", kind="credit_union", name="城南信用金庫"),
                Institution(institution_id="LI001", kind="life_insurer", name="第一生命保険"),
            ]
        )
        s.add(Employer(employer_id="E001", name="株式会社山田工業", area_code="001"))
        for i in (1, 2, 3, 4):
            s.add(Taxpayer(taxpayer_id=f"T{i}", birth_date=date(1970, 1, i), area_code="001",
                           name=f"納税者{i}"))
        s.flush()
        for case_id, tp, holder in ((CASE_A, "T1", STAFF_A), (CASE_A2, "T2", STAFF_A2),
                                    (CASE_B, "T3", STAFF_B), (CASE_ZERO, "T4", STAFF_A)):
            s.add(Case(case_id=case_id, taxpayer_id=tp, tax_kind="住民税", amount_due=250_000,
                       oldest_due=date(2023, 5, 31), periods=4, staff_id=holder))
        s.flush()
        s.add(Note(case_id=CASE_A, date=date(2024, 4, 1), text="電話催告、応答なし", row_hash="n1"))
        s.commit()
    engine.dispose()


def copy_to(template: Path, target: Path) -> Engine:
    shutil.copy(template, target)
    return make_engine(f"sqlite:///{target}")


def settings_for(engine: Engine, home: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": str(engine.url),
        "choshu_home": home,
        "choshu_secret_key": "test-secret-key-for-signing-cookies-only",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]
