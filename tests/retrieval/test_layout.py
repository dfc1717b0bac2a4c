"""A statute laid out with its 項 and 号 numbers — and left as it is where the corpus's copy
lost too much of its layout for numbers to be right."""

from __future__ import annotations

import json

import pytest

from retrieval.corpus import BUNDLED_DIR
from retrieval.layout import numbered_part, numbered_text


def _article(key: str) -> str:
    with (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if (
                rec["source_id"] == "334AC0000000147"
                and rec["kind"] == "law"
                and rec["article_key"] == key
            ):
                return str(rec["text"])
    raise AssertionError(key)


def test_article_76_has_its_five_paragraphs_and_the_items_of_1項_and_4項_numbered() -> None:
    text = numbered_text(_article("76"))
    lines = text.splitlines()
    assert [ln.split(" ", 1)[0] for ln in lines if ln[:1].isdigit()] == ["1", "2", "3", "4", "5"]
    assert [ln.split(" ", 1)[0].strip("\u3000") for ln in lines if ln.startswith("\u3000")] == [
        "一",
        "二",
        "三",
        "四",
        "五",
        "一",
        "二",
        "三",
        "四",
    ]
    # the paragraph a hit shows gets the numbers it has in the article
    raw_second = _article("76").splitlines()[7]
    assert numbered_part(_article("76"), raw_second) == "2 " + raw_second
    assert numbered_part(_article("76"), "not a paragraph of it") == "not a paragraph of it"


def test_an_article_of_one_paragraph_numbers_only_its_items() -> None:
    text = numbered_text(_article("141"))
    assert (
        not text[:1].isdigit()
        and "\u3000一 滞納者\n" in text
        and "\u3000四 滞納者が株主又は出資者である法人" in text
    )


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("2", "definitions: a term and its definition read as an item and a paragraph"),
        ("75", "the copy lost 七号 (仏像・位牌): 「第十三号」 is named, twelve items are there"),
        ("36", "items of two columns (「…に掲げる国税」 and 「第一号に定める者」)"),
    ],
)
def test_an_article_whose_copy_lost_its_layout_is_shown_unnumbered(key: str, why: str) -> None:
    raw = _article(key)
    assert numbered_text(raw) == raw, why
