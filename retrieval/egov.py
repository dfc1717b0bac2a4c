"""e-Gov statute XML → corpus records (本則 articles only; deleted articles dropped).

Accepts the API v1 response (``<DataRoot><Result>…<ApplData><LawFullText><Law>``) and a bare
``<Law>`` element. Anything else is refused with a message key; nothing is written here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from retrieval.records import record_to_doc
from retrieval.types import Doc
from store.errors import InvalidInput

_ERAS = {"Meiji": "1", "Taisho": "2", "Showa": "3", "Heisei": "4", "Reiwa": "5"}
_TYPES = {"Act": "AC", "CabinetOrder": "CO", "Constitution": "CONSTITUTION"}
_KINDS = {
    "Act": "law",
    "CabinetOrder": "cabinet_order",
    "MinisterialOrdinance": "ministerial_ordinance",
}


def parse_egov_file(path: Path) -> list[Doc]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InvalidInput("search.file_unreadable", file=str(path), detail=err.strerror) from None
    return [record_to_doc(r) for r in parse_egov(data, name=path.name)]


def parse_egov(data: bytes, *, name: str = "XML") -> list[dict]:
    """The articles of one statute as laws.jsonl-style records."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise InvalidInput("search.xml_not_egov", file=name)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise InvalidInput("search.xml_malformed", file=name, detail=str(err)) from None

    law_id = None
    if root.tag == "DataRoot":
        code = (root.findtext("Result/Code") or "").strip()
        if code and code != "0":
            message = (root.findtext("Result/Message") or "").strip()
            raise InvalidInput("search.xml_api_error", file=name, detail=message or code)
        law_id = (root.findtext("ApplData/LawId") or "").strip() or None
        law = root.find("ApplData/LawFullText/Law")
    elif root.tag == "Law":
        law = root
    else:
        law = None
    if law is None or law.find("LawBody") is None:
        raise InvalidInput("search.xml_not_egov", file=name)

    body = law.find("LawBody")
    assert body is not None
    law_name = _text(body.find("LawTitle")).strip()
    law_num = _text(law.find("LawNum")).strip()
    if not law_name:
        raise InvalidInput("search.xml_not_egov", file=name)
    law_type = law.get("LawType", "")
    source_id = law_id or _law_id(law) or f"egov-{law_name}"

    records = []
    main = body.find("MainProvision")
    for art in main.iter("Article") if main is not None else []:
        if art.get("Delete") == "true":
            continue
        label = _text(art.find("ArticleTitle")).strip()
        lines = [_paragraph_line(p) for p in art.findall("Paragraph")]
        text = "\n".join(ln for ln in lines if ln)
        if not label or not text or re.fullmatch(r"(削除|[\s　]*)", text.strip()):
            continue
        caption = _text(art.find("ArticleCaption")).strip().strip("（）()") or None
        records.append(
            {
                "source_id": source_id,
                "law_name": law_name,
                "law_num": law_num,
                "kind": _KINDS.get(law_type, "law"),
                "article": label,
                "article_key": (art.get("Num") or "").replace("_", "-") or None,
                "caption": caption,
                "caption_source": "law" if caption else None,
                "text": text,
                "as_of": None,
                "origin": f"e-Gov XML {name}",
            }
        )
    if not records:
        raise InvalidInput("search.xml_no_articles", file=name)
    return records


def _law_id(law: ET.Element) -> str | None:
    era, year, num, kind = (law.get(k) for k in ("Era", "Year", "Num", "LawType"))
    if era not in _ERAS or not year or not num or kind not in _TYPES or not num.isdigit():
        return None
    return f"{_ERAS[era]}{int(year):02d}{_TYPES[kind]}{int(num):010d}"


def _paragraph_line(par: ET.Element) -> str:
    num = _text(par.find("ParagraphNum")).strip()
    sentence = _text(par.find("ParagraphSentence")).strip()
    lines = [f"{num}　{sentence}".strip() if num else sentence]
    for item in par.iter():
        if item.tag in ("Item", "Subitem1", "Subitem2", "Subitem3"):
            title = _text(item.find(f"{item.tag}Title")).strip()
            sent_el = item.find(f"{item.tag}Sentence")
            sent = " ".join(_text(c).strip() for c in sent_el) if sent_el is not None else ""
            lines.append(f"{title}　{sent}".strip())
    return "\n".join(ln for ln in lines if ln)


def _text(el: ET.Element | None) -> str:
    """All text under ``el`` without ruby readings."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "Rt":
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)
