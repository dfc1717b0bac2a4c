"""Links to the article a citation names (「地方税法18条1項」 → 地方税法 第十八条 on the search
page, 1項 marked), for answers that cite a statute: the 時効 line, the 差押禁止額 breakdown."""

from __future__ import annotations

import re

from tools.messages import Lang, t
from tools.reply import Link, document_link

# The article part of a citation: 「国税徴収法76条1項1号」 → 「国税徴収法76条」
_ARTICLE = re.compile(r"^(.*?条(?:の[0-9]+)*)")


def article_links(citations: list[str], lang: Lang) -> list[Link]:
    """One link per article the citations name (in their order), to its page on the search
    page; citations of a law the corpus does not hold (民法, 介護保険法) get none."""
    from retrieval.articles import parse_reference  # the corpus's law names and numbering

    links: list[Link] = []
    seen: set[str] = set()
    for citation in citations:
        ref = parse_reference(citation)
        if ref is None or ref.source_id is None:
            continue
        doc_id = f"{ref.source_id}:{ref.key}"
        if doc_id in seen:
            continue
        seen.add(doc_id)
        m = _ARTICLE.match(citation)
        article = m.group(1) if m else citation
        links.append(document_link(t("chat.link.article", lang, article=article), doc_id, citation))
    return links
