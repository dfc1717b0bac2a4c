"""e-Gov XML: the real sample (API v1 response), a bare <Law>, and files that must be refused."""

from __future__ import annotations

import pytest

from retrieval.egov import parse_egov
from store.errors import InvalidInput
from tests.retrieval.conftest import EGOV_SAMPLE


def test_the_real_sample_gives_every_main_provision_article() -> None:
    records = parse_egov(EGOV_SAMPLE.read_bytes(), name=EGOV_SAMPLE.name)
    assert len(records) == 125  # 本則, the same count as the bundled copy of 生活保護法
    by_key = {r["article_key"]: r for r in records}
    art4 = by_key["4"]
    assert art4["source_id"] == "325AC0000000144"
    assert art4["law_name"] == "生活保護法"
    assert art4["article"] == "第四条"
    assert art4["caption"] == "保護の補足性"
    assert art4["text"].startswith("保護は、生活に困窮する者が")
    assert "２　民法" in art4["text"]  # paragraph numbers kept, one paragraph a line
    assert by_key["29-2"]["article"] == "第二十九条の二"
    assert not any("附則" in r["article"] for r in records)


def test_a_bare_law_element_is_read_and_gets_its_law_id_from_the_era_and_number() -> None:
    text = EGOV_SAMPLE.read_text(encoding="utf-8")
    bare = text[text.index("<Law ") : text.index("</Law>") + len("</Law>")]
    records = parse_egov(bare.encode("utf-8"), name="bare.xml")
    assert len(records) == 125
    assert records[0]["source_id"] == "325AC0000000144"


def test_malformed_xml_is_refused_with_a_clear_reason() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_egov(b"<DataRoot><ApplData><Law>", name="broken.xml")
    assert err.value.key == "search.xml_malformed"
    assert err.value.params["file"] == "broken.xml"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not a law</body></html>",
        b"<DataRoot><Result><Code>0</Code></Result><ApplData/></DataRoot>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Law>&a;</Law>',
    ],
)
def test_xml_that_is_not_an_egov_statute_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_egov(data, name="other.xml")
    assert err.value.key == "search.xml_not_egov"


def test_an_api_error_response_is_reported() -> None:
    data = "<DataRoot><Result><Code>1</Code><Message>法令が見つかりません</Message></Result></DataRoot>"
    with pytest.raises(InvalidInput) as err:
        parse_egov(data.encode(), name="err.xml")
    assert err.value.key == "search.xml_api_error"
    assert "見つかりません" in err.value.params["detail"]
