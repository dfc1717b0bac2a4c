"""Kanji numerals, article references, law abbreviations and the officers' synonyms."""

from __future__ import annotations

import pytest

from retrieval.articles import parse_reference
from retrieval.lexicon import find_law
from retrieval.numerals import article_key, article_label, kanji_to_int
from retrieval.tokenizer import get_tokenizer


@pytest.mark.parametrize(
    ("text", "value"),
    [("百四十一", 141), ("七十六", 76), ("千二百七十四", 1274), ("１４１", 141), ("二〇", 20)],
)
def test_kanji_numerals_become_numbers(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("第七十六条", "76"),
        ("第十五条の七", "15-7"),
        ("第二十条の九の五", "20-9-5"),
        ("141条", "141"),
        ("76条の2", "76-2"),
        ("第76条関係", "76"),
    ],
)
def test_article_labels_become_keys_and_back(label: str, key: str) -> None:
    assert article_key(label) == key
    if not label[0].isdigit() and "関係" not in label:
        assert article_label(key) == label


@pytest.mark.parametrize(
    ("query", "source_id", "key"),
    [
        ("141条", None, "141"),
        ("第百四十一条", None, "141"),
        ("徴収法76条", "334AC0000000147", "76"),
        ("地方税法第十五条の七", "325AC0000000226", "15-7"),
        ("地税法15条の7の停止", "325AC0000000226", "15-7"),
        ("通則法46条", "337AC0000000066", "46"),
        ("国保法110条", "333AC0000000192", "110"),
        ("滞調法3条", "332AC0000000094", "3"),
        ("国税徴収法施行令第三十四条", "334CO0000000329", "34"),
        ("徴収法76条の2項", "334AC0000000147", "76"),  # 2項 of 76条, not 第七十六条の二
        ("Article 76 of the National Tax Collection Act", "334AC0000000147", "76"),
        ("what does art. 15-7 of the local tax act say?", "325AC0000000226", "15-7"),
    ],
)
def test_article_questions_name_their_law_by_name_or_abbreviation(
    query: str, source_id: str | None, key: str
) -> None:
    ref = parse_reference(query)
    assert ref is not None
    assert (ref.source_id, ref.key) == (source_id, key)


def test_no_reference_in_a_plain_question() -> None:
    assert parse_reference("給料の差押えはどこまで？") is None


def test_the_longest_law_name_wins() -> None:
    found = find_law("国税徴収法施行令の規定")
    assert found is not None and found[0] == "334CO0000000329"


@pytest.mark.parametrize(
    ("officer", "statute"),
    [
        ("給料", "給与"),
        ("口座", "預貯金"),
        ("車", "自動車"),
        ("差し押さえる", "差押え"),
        ("分納", "分割"),
    ],
)
def test_officers_words_meet_the_statute_words(officer: str, statute: str) -> None:
    tok = get_tokenizer()
    assert set(tok.tokens(officer)) & set(tok.tokens(statute))


def test_text_over_sudachis_limit_is_tokenised_in_pieces() -> None:
    text = "給与の差押禁止。" * 8000  # ~190 KB in UTF-8, far over Sudachi's 49 KB
    tokens = get_tokenizer().tokens(text)
    assert tokens.count("給与") == 8000


@pytest.mark.parametrize(
    ("query", "paragraph"), [("徴収法76条2項", 2), ("徴収法76条の2項", 2), ("第七十六条第三項", 3), ("76条", None)]
)
def test_a_paragraph_named_after_the_article_is_read(query: str, paragraph: int | None) -> None:
    ref = parse_reference(query)
    assert ref is not None and ref.key == "76" and ref.paragraph == paragraph


@pytest.mark.parametrize(
    ("question", "law"),
    [
        ("国保料を払わない人の財産は？", "333AC0000000192"),
        ("県民税の督促は？", "325AC0000000226"),
        ("Can the city seize wages for unpaid resident tax?", "325AC0000000226"),
        ("裁判所の強制執行で差し押さえられない財産は？", "354AC0000000004"),
        ("扶養できる息子から保護費を返してもらえる？", "325AC0000000144"),
    ],
)
def test_the_law_a_question_is_about_is_read_from_its_words(question: str, law: str) -> None:
    from retrieval.lexicon import domain_laws

    assert law in domain_laws(question)


def test_an_english_question_gets_the_statute_words_for_the_lexical_search() -> None:
    from retrieval.lexicon import expand_query

    expanded = expand_query("Can we Seize a delinquent taxpayer's salary?")
    assert {"差押え", "滞納", "給与"} <= set(expanded.split())


def test_the_taxes_named_in_captions_are_read_whole() -> None:
    from retrieval.lexicon import expand_query, tax_names, taxes_in

    names = tax_names(
        ["軽自動車税に係る滞納処分", "自動車税に係る督促", "国税徴収法の例による事業税に係る滞納処分に関する罪",
         "個人の市町村民税、個人の道府県民税及び森林環境税に係る延滞金の計算"]
    )
    assert set(names) == {"軽自動車税", "自動車税", "事業税", "道府県民税", "森林環境税"}
    assert taxes_in("軽自動車税を払わない人のバイク", names) == {"軽自動車税"}
    assert taxes_in(expand_query("住民税の督促は？"), (*names, "市町村民税")) == {"市町村民税", "道府県民税"}
