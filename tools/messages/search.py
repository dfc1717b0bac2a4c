"""Searching the statutes, notices, the manual and the FAQ."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- tool names ---------------------------------------------------------------------
    "chat.tool.lookup_manual": {"ja": "マニュアル・FAQ", "en": "Manual / FAQ"},
    "chat.tool.search_law": {"ja": "法令・通達", "en": "Statutes / notices"},
    # --- in chat ------------------------------------------------------------------------
    "chat.search.paragraph": {
        "ja": "{rank}. {citation}\n{paragraph}",
        "en": "{rank}. {citation}\n{paragraph}",
    },
    "chat.button.full_text": {"ja": "全文を見る", "en": "Full text"},
    "chat.button.read_more": {"ja": "続きを読む", "en": "Read more"},
    "chat.search.full_header": {"ja": "{citation}（全文）", "en": "{citation} (full text)"},
    "chat.search.header": {"ja": "「{query}」の検索結果", "en": "Results for “{query}”"},
    "chat.search.none": {
        "ja": "「{query}」に当たる資料が見つかりませんでした。言葉を変えて試してください。",
        "en": "Nothing found for “{query}”. Try other words.",
    },
    "chat.search.reduced": {
        "ja": "（混み合っているため簡易な検索で探しました。少し後でもう一度尋ねると詳しく探します。）",
        "en": "(The server is busy, so this was a quicker search; ask again in a moment for a fuller one.)",
    },
    # --- the search page ----------------------------------------------------------------
    "web.search.placeholder": {
        "ja": "例: 給与の差押禁止額の条文は？ / 分納誓約の手続きは？",
        "en": "e.g. Which article limits salary seizure?",
    },
    "web.search.submit": {"ja": "検索", "en": "Search"},
    "web.search.scope_all": {"ja": "すべて", "en": "All"},
    "web.search.scope_law": {"ja": "法令・通達", "en": "Statutes and notices"},
    "web.search.scope_manual": {"ja": "マニュアル・FAQ", "en": "Manual and FAQ"},
    "web.search.kind_law": {"ja": "法令", "en": "Statute"},
    "web.search.kind_notice": {"ja": "通達", "en": "Notice"},
    "web.search.kind_manual": {"ja": "マニュアル", "en": "Manual"},
    "web.search.kind_faq": {"ja": "FAQ", "en": "FAQ"},
    "web.search.no_hits": {
        "ja": "該当する条文・マニュアルは見つかりませんでした。言い換えて検索してください。",
        "en": "Nothing found. Try other words.",
    },
    "web.search.cites": {"ja": "根拠条文", "en": "Based on"},
    "web.search.related": {"ja": "関係条文", "en": "Related article"},
    "web.search.helpful": {"ja": "役に立ちましたか？", "en": "Helpful?"},
    "web.search.up": {"ja": "役に立った", "en": "Helpful"},
    "web.search.down": {"ja": "役に立たなかった", "en": "Not helpful"},
    "web.search.rated_up": {
        "ja": "「役に立った」の評価を記録しました。今後の検索順位に反映されます。",
        "en": "Rated helpful. Thanks: later searches will use your rating.",
    },
    "web.search.rated_down": {
        "ja": "「役に立たなかった」の評価を記録しました。今後の検索順位に反映されます。",
        "en": "Rated not helpful. Thanks: later searches will use your rating.",
    },
    "web.search.read_more": {"ja": "続きを読む", "en": "Read more"},
    # --- the corpus and the CLI ---------------------------------------------------------
    "search.empty_query": {
        "ja": "検索する質問が空です。調べたいこと（例:「給与の差押禁止額の条文は？」）を入力してください。",
        "en": "The question is empty. Type what you want to look up.",
    },
    "search.query_too_long": {
        "ja": "質問が長すぎます（{length} 文字、上限 {limit} 文字）。要点を短くして検索してください。",
        "en": "The question is too long ({length} characters, limit {limit}). Shorten it to the point.",
    },
    "search.bad_kinds": {
        "ja": "検索対象の種類が正しくありません: {kinds}（指定できるのは {allowed}）。",
        "en": "Unknown kinds to search: {kinds} (allowed: {allowed}).",
    },
    "search.bad_top": {
        "ja": "--top は 1 以上にしてください（指定: {top}）。",
        "en": "--top must be at least 1 (got {top}).",
    },
    "search.file_unreadable": {
        "ja": "ファイルを読めません: {file}（{detail}）",
        "en": "Cannot read the file: {file} ({detail})",
    },
    "search.xml_malformed": {
        "ja": "{file} は XML として壊れています（{detail}）。e-Gov からダウンロードし直してください。索引は変更していません。",
        "en": "{file} is not well-formed XML ({detail}). Download it again from e-Gov. The index was not changed.",
    },
    "search.xml_not_egov": {
        "ja": "{file} は e-Gov の法令 XML ではありません（<Law> 要素や法令名がありません）。e-Gov 法令検索の XML を指定してください。索引は変更していません。",
        "en": "{file} is not an e-Gov statute XML (no <Law> element or title). The index was not changed.",
    },
    "search.xml_api_error": {
        "ja": "{file} は e-Gov API のエラー応答です（{detail}）。索引は変更していません。",
        "en": "{file} is an error response of the e-Gov API ({detail}). The index was not changed.",
    },
    "search.xml_no_articles": {
        "ja": "{file} には本則の条文がありません。索引は変更していません。",
        "en": "{file} has no articles in its main provisions. The index was not changed.",
    },
    "search.faq_bad": {
        "ja": "FAQ ファイル {file} を取り込めません: {detail}。列は id, question, answer, tags, cites です。FAQ は変更していません。",
        "en": "Cannot import the FAQ file {file}: {detail}. Columns: id, question, answer, tags, cites. The FAQ was not changed.",
    },
    "search.bad_questions": {
        "ja": "評価用の質問ファイル {file} の {line} 行目が読めません（JSONL: {{\"q\": …, \"gold\": [[source_id, article_key], …]}}）。",
        "en": "Line {line} of the question file {file} is not valid (JSONL with q and gold).",
    },
    "search.no_hits": {
        "ja": "該当する条文・マニュアルが見つかりませんでした。言い換えて検索してください。",
        "en": "Nothing matched. Try other words.",
    },
    "search.hit_line": {"ja": "{rank}. {citation}", "en": "{rank}. {citation}"},
    "search.related": {"ja": "（解説対象: {related}）", "en": "(explains: {related})"},
    "search.indexed": {
        "ja": "索引を作成しました: 文書 {documents} 件、パッセージ {passages} 件（{seconds:.1f} 秒）。",
        "en": "Indexed {documents} documents, {passages} passages ({seconds:.1f} s).",
    },
    "search.indexing": {"ja": "索引を作成しています", "en": "Indexing"},
    "search.index_broken": {
        "ja": "検索索引を開けません（壊れているおそれがあります）。システム管理者に `choshu index` で索引を作り直すよう依頼してください。",
        "en": "The search index cannot be opened (it may be damaged). Ask your system administrator to rebuild it with `choshu index`.",
    },
    "search.index_busy": {
        "ja": "別の処理が検索索引を作成中です（{seconds} 秒待ちました）。終わってからもう一度お試しください。",
        "en": "Another process is building the search index (waited {seconds} s). Try again when it has finished.",
    },
    "search.statute_added": {
        "ja": "{law_name}（{source_id}）の条文 {articles} 件を追加し、索引を更新しました。",
        "en": "Added {articles} articles of {law_name} ({source_id}) and updated the index.",
    },
    "search.statute_replaced": {
        "ja": "{law_name}（{source_id}）の条文 {articles} 件で置き換え、索引を更新しました。",
        "en": "Replaced {law_name} ({source_id}) with {articles} articles and updated the index.",
    },
    "search.faq_exported": {
        "ja": "FAQ {count} 件を {out} に書き出しました。",
        "en": "Wrote {count} FAQ entries to {out}.",
    },
    "search.faq_imported": {
        "ja": "FAQ {count} 件を取り込み、索引を更新しました。",
        "en": "Imported {count} FAQ entries and updated the index.",
    },
    "search.eval_header": {
        "ja": "{name}（{questions} 問）",
        "en": "{name} ({questions} questions)",
    },
    "search.eval_row": {
        "ja": "  {system:<10} recall@5 {recall:.3f}   MRR@10 {mrr:.3f}",
        "en": "  {system:<10} recall@5 {recall:.3f}   MRR@10 {mrr:.3f}",
    },
    "search.bench_query": {
        "ja": "検索 {queries} 問: {system:<8} p50 {p50:.1f} ms  p95 {p95:.1f} ms",
        "en": "{queries} queries: {system:<8} p50 {p50:.1f} ms  p95 {p95:.1f} ms",
    },
    "search.bench_build": {
        "ja": "索引の全再構築: {seconds:.1f} 秒（キーワード基準 {baseline:.1f} 秒、比 {ratio:.1f} 倍）",
        "en": "Full index build: {seconds:.1f} s (keyword baseline {baseline:.1f} s, ratio {ratio:.1f}x)",
    },
    "search.bench_ratio": {
        "ja": "p95 の比（本システム / キーワード基準）: {ratio:.1f} 倍、目標 100 ms 未満: {verdict}",
        "en": "p95 ratio (system / keyword): {ratio:.1f}x, goal under 100 ms: {verdict}",
    },
    "search.eval_law_row": {
        "ja": "    {law}（{questions} 問）: recall@5 {recall:.3f}（キーワード基準 {keyword:.3f}）",
        "en": "    {law} ({questions} questions): recall@5 {recall:.3f} (keyword {keyword:.3f})",
    },
    "search.unknown_document": {
        "ja": "その条文・資料は索引にありません（コーパスが更新された可能性があります）。もう一度検索してください。",
        "en": "That article or document is not in the index (the corpus may have changed). Search again.",
    },
}
