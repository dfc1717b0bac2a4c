"""Reasons that agree with the number shown beside them: a quoted found rate above the
target's probability says what lowers it; a nearby-branch reason names the branch the 照会 goes
to; a 売掛金 target names the business partner the notes know; no label is doubled."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from investigation import service
from store.importer import import_directory
from tests.investigation.conftest import Tiny
from tests.investigation.office import office_files
from tools.messages import t

RATE = re.compile(r"発見率 (\d+)%")


def _all_targets(tiny: Tiny) -> list:
    with Session(tiny.engine) as session:
        ids = service.open_case_ids(session=session)
        recs = service.recommend_cases(session=session, case_ids=ids, model_dir=tiny.model_dir, top=8)
    return [x for r in recs for x in r.targets]


def test_no_reason_quotes_a_rate_above_the_probability_without_saying_why_it_is_lower(tiny: Tiny) -> None:
    targets = _all_targets(tiny)
    explained = 0
    for x in targets:
        texts = [t(r.key, "ja", **r.params) for r in x.reasons]
        shown = round(100 * x.score)
        higher = [int(m.group(1)) for text in texts for m in RATE.finditer(text) if int(m.group(1)) > shown]
        if higher:
            explained += 1
            assert any(text.startswith("ただし") and f"{shown}%" in text for text in texts), (x.target_name, shown, texts)
    assert explained > 0  # the tiny office has such targets: the rule is exercised


def test_a_nearby_branch_reason_names_the_branch_to_send_the_inquiry_to(tiny: Tiny) -> None:
    near = [(x, r) for x in _all_targets(tiny) for r in x.reasons if r.key == "reason.near_home"]
    assert near
    for x, r in near:
        text = t(r.key, "ja", **r.params)
        assert "支店" in r.params["branch"] or "郵便局" in r.params["branch"], text
        assert x.target_name in text and "照会はこの支店へ" in text
    # ゆうちょ has two branches: a taxpayer of 本町 (A1) is sent to 本町郵便局
    yucho = [t(r.key, "ja", **r.params) for x, r in near if x.target_id == "9900"]
    assert yucho and all("ゆうちょ銀行 本町郵便局" in text or "ゆうちょ銀行 北野郵便局" in text for text in yucho)


def test_a_receivable_target_has_its_kind_once_and_names_the_partner_the_notes_know(
    engine: Engine, tmp_path: Path
) -> None:
    files = office_files()
    case_id = "000201"  # a self-employed taxpayer: business income 4,000,000 yen, no employer
    files["taxpayers.csv"] += "XR,1975-06-01,A1,自営 太郎,ジエイ タロウ,東京都けやき区XR,1,0,4000000,0,0,,0,0,0\n"
    files["cases.csv"] += f"{case_id},XR,住民税,50000,2023-05-31,1,open,K1,2023-08-01\n"
    files["notes.csv"] += f"{case_id},2024-01-05,本人より聴取。取引先 山田商事に売掛金あり（月末締め）。,K1\n"
    files["taxpayers.csv"] += "XS,1975-06-01,A1,自営 次郎,ジエイ ジロウ,東京都けやき区XS,1,0,4000000,0,0,,0,0,0\n"
    files["cases.csv"] += "000202,XS,住民税,50000,2023-05-31,1,open,K1,2023-08-01\n"  # no partner in its notes
    directory = tmp_path / "office"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    import_directory(engine=engine, directory=directory)
    with Session(engine) as session:
        service.train(session=session, model_dir=tmp_path / "models")
        rec = service.recommend_case(session=session, case_id=case_id, model_dir=tmp_path / "models", top=30)
        plain = service.recommend_case(session=session, case_id="000202", model_dir=tmp_path / "models", top=30)
    kind = t("chat.kind.receivable", "ja")
    unnamed = next(x for x in plain.targets if x.target_kind == "receivable")
    assert f"{unnamed.target_name}（{kind}）" == "取引先（売掛金）"  # not 取引先（売掛金）（売掛金）
    x = next(x for x in rec.targets if x.target_kind == "receivable")
    texts = [t(r.key, "ja", **r.params) for r in x.reasons]
    assert any("山田商事" in text and "2024-01-05" in text for text in texts), texts
    assert x.target_name == "取引先 山田商事"  # the row says whom to ask: 取引先 山田商事（売掛金）


def test_on_a_generated_office_every_quoted_rate_agrees_with_the_shown_probability(demo_office, tmp_path: Path) -> None:
    with Session(demo_office.engine) as session:
        service.train(session=session, model_dir=tmp_path / "models")
        ids = service.open_case_ids(session=session)
        recs = service.recommend_cases(session=session, case_ids=ids, model_dir=tmp_path / "models", top=5)
    explained = near = 0
    for x in (x for r in recs for x in r.targets):
        texts = [t(r.key, "ja", **r.params) for r in x.reasons]
        shown = round(100 * x.score)
        if any(int(m.group(1)) > shown for text in texts for m in RATE.finditer(text)):
            explained += 1
            assert any(text.startswith("ただし") and f"{shown}%" in text for text in texts), (x.target_name, shown, texts)
        for r in x.reasons:
            if r.key in ("reason.near_home", "reason.near_work"):
                near += 1
                assert r.params["branch"].startswith(x.target_name + " "), r.params  # 〇〇信用金庫 本町支店
    assert explained and near
