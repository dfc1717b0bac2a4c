"""`choshu train | recommend | inquiries | evaluate recommender` as a user runs them."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import joblib
import pytest
from typer.testing import CliRunner

from bot.cli import app
from investigation import model
from store.settings import get_settings
from tests.investigation.conftest import Tiny

runner = CliRunner()


@pytest.fixture
def home(tiny: Tiny, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """CHOSHU_HOME holding the tiny office's trained model."""
    monkeypatch.setenv("CHOSHU_HOME", str(tiny.model_dir.parent))
    get_settings.cache_clear()
    yield tiny.model_dir.parent
    get_settings.cache_clear()


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CHOSHU_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    yield tmp_path / "home"
    get_settings.cache_clear()


def run(tiny: Tiny, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", tiny.url, *args])


def test_recommend_json_has_the_contract_shape(tiny: Tiny, home: Path) -> None:
    result = run(tiny, "recommend", "000108", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"case_id", "targets", "hardship"}
    assert data["case_id"] == "000108"
    assert [x["rank"] for x in data["targets"]] == [1, 2, 3, 4, 5]
    for x in data["targets"]:
        assert set(x) == {"rank", "target_kind", "target_id", "score", "reason"}
        assert 0.0 <= x["score"] <= 1.0 and x["reason"]
    assert data["hardship"] == {"flag": False, "reasons": []}


def test_fullwidth_digits_are_normalised_and_leading_zeros_kept(tiny: Tiny, home: Path) -> None:
    result = run(tiny, "recommend", "０００１０８", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["case_id"] == "000108"


def test_hardship_case_prints_the_flag_with_reasons(tiny: Tiny, home: Path) -> None:
    data = json.loads(run(tiny, "recommend", "000105", "--json").stdout)
    assert data["targets"] == []
    assert data["hardship"]["flag"] is True
    assert any("生活保護法58条" in r for r in data["hardship"]["reasons"])
    assert any("国税徴収法153条" in r for r in data["hardship"]["reasons"])


def test_batch_writes_recommendations_and_hardship_csv(tiny: Tiny, home: Path, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("case_id\n000108\n０００１０５\n000103\n\n", encoding="utf-8")
    out, hard = tmp_path / "recs.csv", tmp_path / "hardship.csv"
    result = run(tiny, "recommend", "--case-ids-file", str(ids), "--top", "3", "--out", str(out), "--hardship-out", str(hard))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["case_id", "rank", "target_kind", "target_id", "score", "reason"]
    assert {r["case_id"] for r in rows} == {"000108", "000103"}
    assert all(r["reason"] for r in rows)
    assert [r["rank"] for r in rows if r["case_id"] == "000108"] == ["1", "2", "3"]
    flags = {r["case_id"]: r for r in csv.DictReader(hard.open(encoding="utf-8"))}
    assert set(flags) == {"000108", "000105", "000103"}
    assert flags["000105"]["flag"] == "1" and "・" in flags["000105"]["reasons"]
    assert flags["000108"]["flag"] == "0" and flags["000108"]["reasons"] == ""


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["recommend", "999999"], 3, "999999"),
        (["recommend", "12-3!"], 2, "形式"),
        (["recommend"], 2, "案件番号"),
        (["recommend", "000108", "--top", "0"], 2, "--top"),
    ],
)
def test_bad_input_exits_non_zero_with_a_reason(tiny: Tiny, home: Path, args: list[str], code: int, says: str) -> None:
    result = run(tiny, *args)
    assert result.exit_code == code
    assert says in result.stderr


def test_batch_with_an_unknown_case_writes_nothing(tiny: Tiny, home: Path, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("000108\n424242\n", encoding="utf-8")
    out = tmp_path / "recs.csv"
    result = run(tiny, "recommend", "--case-ids-file", str(ids), "--out", str(out), "--hardship-out", str(tmp_path / "h.csv"))
    assert result.exit_code != 0 and "424242" in result.stderr
    assert not out.exists() and not (tmp_path / "h.csv").exists()


def test_batch_with_a_malformed_id_names_the_line(tiny: Tiny, home: Path, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("000108\n12?4\n", encoding="utf-8")
    result = run(tiny, "recommend", "--case-ids-file", str(ids), "--out", str(tmp_path / "r.csv"))
    assert result.exit_code == 2 and ":2:" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_without_a_model_recommend_says_how_to_train(tiny: Tiny, empty_home: Path, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("000108\n", encoding="utf-8")
    result = run(tiny, "recommend", "--case-ids-file", str(ids), "--out", str(tmp_path / "r.csv"))
    assert result.exit_code == 6
    assert "choshu train" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_a_model_of_an_older_schema_asks_to_retrain(tiny: Tiny, empty_home: Path) -> None:
    models = empty_home / "models"
    models.mkdir(parents=True)
    data = joblib.load(tiny.model_dir / model.MODEL_FILE)
    data["schema_version"] = model.SCHEMA_VERSION - 1
    joblib.dump(data, models / model.MODEL_FILE)
    result = run(tiny, "recommend", "000108")
    assert result.exit_code == 6
    assert "choshu train" in result.stderr and "古い" in result.stderr


def test_a_damaged_model_file_asks_to_retrain(tiny: Tiny, empty_home: Path) -> None:
    models = empty_home / "models"
    models.mkdir(parents=True)
    (models / model.MODEL_FILE).write_bytes(b"not a model")
    result = run(tiny, "recommend", "000108")
    assert result.exit_code == 6
    assert "読めません" in result.stderr and "choshu train" in result.stderr


def test_train_saves_the_model_with_its_card(tiny_copy: Tiny, empty_home: Path) -> None:
    result = run(tiny_copy, "train")
    assert result.exit_code == 0, result.output
    card = json.loads((empty_home / "models" / model.CARD_FILE).read_text(encoding="utf-8"))
    assert card["schema_version"] == model.SCHEMA_VERSION
    assert card["rows"] == 60 * 4 + 5 and card["holdout_rows"] > 0  # the office's inquiries
    # the card sets the model beside the veteran's rules on the same holdout
    assert 0.0 <= card["holdout_auc_rules"] <= 1.0 and "rules alone" in result.stdout
    assert {"trained_at", "history_from", "history_to", "holdout_auc"} <= set(card)
    assert "AUC" in (empty_home / "models" / model.SUMMARY_FILE).read_text(encoding="utf-8")


def test_inquiry_batch_stays_within_budget(tiny: Tiny, home: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch.csv"
    result = run(tiny, "inquiries", "--budget-yen", "1000", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and sum(int(r["cost_yen"]) for r in rows) <= 1000
    assert {"case_id", "name_kana", "birth_date", "address", "institution_name", "expected_probability"} <= set(rows[0])
    # only open cases that may be seized from (not 生活保護), deposits only
    assert not {r["case_id"] for r in rows} & {"000101", "000102", "000105"}
    assert {r["institution_id"] for r in rows} <= {"0001", "0002", "1302", "9900"}


def test_evaluate_recommender_prints_all_methods_and_ratios(tiny: Tiny, home: Path) -> None:
    result = run(tiny, "evaluate", "recommender")
    assert result.exit_code == 0, result.output
    for word in ("モデル", "新任", "実績の多い順", "ベテラン", "倍"):
        assert word in result.stdout
    assert "(参考)" not in result.stdout  # no truth, no reference rows


def test_evaluate_recommender_with_the_truth_shows_how_far_learning_could_go(demo_office, home: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["--db", demo_office.url, "evaluate", "recommender", "--truth", str(demo_office.truth_dir)])
    assert result.exit_code == 0, result.output
    for row in ("(参考)特徴量の上限", "(参考)生成器の確率", "(参考)全知"):
        assert row in result.stdout
    assert "95%信頼区間" in result.stdout
    # the header counts the welfare recipients only; hardship triage is scored against the truth
    assert "うち生活保護" in result.stdout and "うち生活再建の目安" not in result.stdout
    assert re.search(r"生活再建の目安（.*適合率 \d+\.\d%・再現率 \d+\.\d%", result.stdout), result.stdout


def test_evaluate_recommender_says_when_the_truth_has_no_hardship(demo_office, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    truth = tmp_path / "truth"
    shutil.copytree(demo_office.truth_dir, truth)
    (truth / "hardship_truth.csv").unlink()
    result = runner.invoke(app, ["--db", demo_office.url, "evaluate", "recommender", "--truth", str(truth)])
    assert result.exit_code == 0, result.output
    assert "hardship_truth.csv がない" in result.stdout


def test_evaluate_recommender_refuses_another_offices_truth(demo_office, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from bot.demo import generate_office

    other = generate_office(out_dir=tmp_path / "other", cases=300, seed=8)
    result = runner.invoke(app, ["--db", demo_office.url, "evaluate", "recommender", "--truth", str(other / "truth")])
    assert result.exit_code == 2
    assert "この真値はストアの事務所のものではない" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("holdings.csv", "taxpayer,kind\nT1,deposit\n", "holdings.csv:1: 列 taxpayer_id"),
        ("odds.csv", "taxpayer_id,target_kind,target_id,probability\nT1,deposit,0001,high\n", "odds.csv:2: 列 probability"),
        ("odds.csv", "taxpayer_id,target_kind,target_id,probability\nT1,deposit,0001,1.5\n", "odds.csv:2: 列 probability"),
    ],
)
def test_a_broken_truth_file_is_named_with_its_line(
    tiny: Tiny, home: Path, tmp_path: Path, name: str, text: str, where: str
) -> None:
    truth = tmp_path / "truth"
    truth.mkdir()
    (truth / "holdings.csv").write_text("taxpayer_id,target_kind,target_id,amount\n", encoding="utf-8")
    (truth / name).write_text(text, encoding="utf-8")
    result = run(tiny, "evaluate", "recommender", "--truth", str(truth))
    assert result.exit_code == 2
    assert where in result.stderr


def test_train_on_an_empty_store_says_there_is_too_little_history(engine, empty_home: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["--db", str(engine.url), "train"])
    assert result.exit_code == 2
    assert "履歴" in result.stderr
    assert not (empty_home / "models" / model.MODEL_FILE).exists()
