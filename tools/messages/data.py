"""The command line's data commands: import, database upgrade, bootstrap, demo data, benchmarks."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- import -------------------------------------------------------------------------
    "import.refused": {
        "ja": "取込を中止しました。{count} 件の問題があります。データベースは変更されていません。",
        "en": "Import refused: {count} problem(s). The store was not changed.",
    },
    "import.problem_line": {"ja": "{file}:{line}: {column}: {reason}"},
    "import.missing_file": {
        "ja": "必須のファイルがありません（taxpayers.csv と cases.csv は必ず必要です）",
        "en": "required file is missing (taxpayers.csv and cases.csv are always required)",
    },
    "import.empty_file": {
        "ja": "ファイルが空です（ヘッダー行もありません）",
        "en": "the file is empty (not even a header row)",
    },
    "import.binary_file": {
        "ja": "CSV ではなくバイナリデータです（NUL などの制御文字を含みます）。CSV で書き出し直してください",
        "en": "binary data, not CSV (contains NUL or other control bytes); export it again as CSV",
    },
    "import.zip_file": {
        "ja": "Excel (xlsx) か ZIP のファイルです。CSV 形式で保存し直してください",
        "en": "an Excel (xlsx) or ZIP file; save it as CSV",
    },
    "import.utf16_file": {
        "ja": "UTF-16 のファイルです。UTF-8 か CP932 (Shift_JIS) で書き出し直してください",
        "en": "UTF-16 file; export it again as UTF-8 or CP932 (Shift_JIS)",
    },
    "import.eucjp_file": {
        "ja": "EUC-JP のファイルのようです。UTF-8 か CP932 (Shift_JIS) で書き出し直してください",
        "en": "looks like EUC-JP; export it again as UTF-8 or CP932 (Shift_JIS)",
    },
    "import.bad_encoding": {
        "ja": "文字コードが UTF-8 でも CP932 (Shift_JIS) でもありません（この行に読めないバイトがあります）。UTF-8 で書き出し直してください",
        "en": "neither UTF-8 nor CP932 (Shift_JIS): this line has undecodable bytes; export it again as UTF-8",
    },
    "import.bad_csv": {
        "ja": "CSV として読めません: {detail}",
        "en": "not readable as CSV: {detail}",
    },
    "import.missing_column": {"ja": "必須の列がありません", "en": "required column is missing"},
    "import.duplicate_column": {
        "ja": "同じ列名がヘッダーに2回あります",
        "en": "the same column name appears twice in the header",
    },
    "import.field_count": {
        "ja": "列の数がヘッダーと違います（ヘッダー {expected} 列、この行 {got} 列）",
        "en": "wrong number of fields (header has {expected}, this row {got})",
    },
    "import.required_value": {"ja": "必須の値が空です", "en": "required value is empty"},
    "import.bad_date": {
        "ja": "日付ではありません: 「{value}」（YYYY-MM-DD で書いてください）",
        "en": "not a date: '{value}' (write YYYY-MM-DD)",
    },
    "import.bad_int": {
        "ja": "整数ではありません: 「{value}」（区切り記号なしの整数で書いてください）",
        "en": "not a whole number: '{value}' (no separators)",
    },
    "import.bad_number": {"ja": "数値ではありません: 「{value}」", "en": "not a number: '{value}'"},
    "import.negative": {
        "ja": "負の値は使えません: 「{value}」",
        "en": "negative values are not allowed: '{value}'",
    },
    "import.out_of_range": {
        "ja": "範囲外の値です: 「{value}」（{low}〜{high}）",
        "en": "out of range: '{value}' ({low} to {high})",
    },
    "import.bad_bool": {
        "ja": "1 か 0 で書いてください: 「{value}」",
        "en": "write 1 or 0: '{value}'",
    },
    "import.bad_enum": {
        "ja": "使えない値です: 「{value}」（使える値: {allowed}）",
        "en": "not an allowed value: '{value}' (allowed: {allowed})",
    },
    "import.unknown_ref": {
        "ja": "{target} にも登録済みデータにもない ID です: 「{value}」",
        "en": "unknown ID '{value}': neither in {target} nor already in the store",
    },
    "import.duplicate_id": {
        "ja": "ID「{value}」が {first_line} 行目にもあり、内容が違います",
        "en": "ID '{value}' also appears on line {first_line} with different content",
    },
    "import.duplicate_user_id": {
        "ja": "「{value}」は別の職員（{other}）にも設定されています",
        "en": "'{value}' is already set for another staff member ({other})",
    },
    "import.target_kind_mismatch": {
        "ja": "照会先「{value}」は {kind} なので {target_kind} の照会先になりません",
        "en": "target '{value}' is a {kind}, which cannot be a {target_kind} target",
    },
    "import.target_id_required": {
        "ja": "{target_kind} の照会には target_id（照会先の ID）が必要です",
        "en": "a {target_kind} investigation needs a target_id",
    },
    "import.target_id_forbidden": {
        "ja": "{target_kind} の照会には target_id を書きません（空にしてください）: 「{value}」",
        "en": "a {target_kind} investigation takes no target_id (leave it empty): '{value}'",
    },
    "import.db_conflict": {
        "ja": "データベースの制約に反するため取込を中止しました: {detail}",
        "en": "the store refused these rows (a constraint was violated): {detail}",
    },
    "import.unknown_column": {
        "ja": "データ契約にない列のため無視しました",
        "en": "not a column of the data contract; ignored",
    },
    "import.unknown_file": {
        "ja": "データ契約にないファイルのため無視しました",
        "en": "not a file of the data contract; ignored",
    },
    "import.duplicate_row": {
        "ja": "{first_line} 行目と同じ内容の重複行です（1 件として取り込みます）",
        "en": "same content as line {first_line}; imported once",
    },
    "import.checking": {"ja": "読込・検査中", "en": "Reading and checking"},
    "import.summary_title": {"ja": "取込結果", "en": "Import summary"},
    "import.col_file": {"ja": "ファイル", "en": "File"},
    "import.col_encoding": {"ja": "文字コード", "en": "Encoding"},
    "import.col_rows": {"ja": "行数", "en": "Rows"},
    "import.col_inserted": {"ja": "新規", "en": "New"},
    "import.col_updated": {"ja": "更新", "en": "Updated"},
    "import.col_unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "import.col_duplicates": {"ja": "重複", "en": "Duplicates"},
    "import.warnings": {"ja": "警告 {count} 件:", "en": "{count} warning(s):"},
    "import.done": {
        "ja": "{rows} 行を {seconds:.1f} 秒で取り込みました（担当変更の履歴 {assignments} 件）。",
        "en": "Imported {rows} rows in {seconds:.1f} s ({assignments} assignment change(s) recorded).",
    },
    "import.checked_only": {
        "ja": "確認のみ（--check）: データベースは変更していません。",
        "en": "Checked only (--check): the store was not changed.",
    },
    "import.not_a_directory": {
        "ja": "ディレクトリではありません: {path}",
        "en": "not a directory: {path}",
    },
    "import.store_not_migrated": {
        "ja": "データベースのスキーマが最新ではありません。先に `choshu db upgrade` を実行してください。",
        "en": "The store's schema is not current. Run `choshu db upgrade` first.",
    },
    "import.waiting": {
        "ja": "別の取り込みが実行中です。終わるのを待ってから取り込みます…",
        "en": "Another import is running; waiting for it to finish…",
    },
    "import.busy": {
        "ja": "別の取り込みが {seconds} 秒たっても終わらないため、取り込みをやめました（何も変更していません）。終わってからもう一度実行してください。",
        "en": "Another import did not finish within {seconds} s, so this one stopped (nothing was changed). Run it again when the other one is done.",
    },
    "import.too_large": {
        "ja": "数値が大きすぎます（書き出しの誤りではありませんか）",
        "en": "the number is far too large (an export error?)",
    },
    "import.date_out_of_range": {
        "ja": "ありえない日付です: 「{value}」（{low}〜{high} の間で書いてください）",
        "en": "impossible date: '{value}' (must be between {low} and {high})",
    },
    "import.bidi_control": {
        "ja": "文字の向きを変える制御文字（U+202E など）が含まれています。取り除いてください",
        "en": "contains a text-direction control character (U+202E or similar); remove it",
    },
    "import.bad_id": {
        "ja": "IDとして使えない形です: 「{value}」（空白・制御文字や、先頭の = + - @ は使えません）",
        "en": "not usable as an ID: '{value}' (no spaces or control characters, no leading = + - @)",
    },
    "import.not_regular_file": {
        "ja": "通常のファイルではありません（シンボリックリンクや特殊ファイルは読みません）。実体のCSVファイルを置いてください",
        "en": "not a regular file (symbolic links and special files are not read); put the CSV file itself here",
    },
    # --- database -----------------------------------------------------------------------
    "db.upgraded": {
        "ja": "データベースを最新のスキーマ（版 {revision}）にしました: {url}",
        "en": "The store is at the newest schema (revision {revision}): {url}",
    },
    "store.bad_surface": {
        "ja": "経路「{surface}」は使えません（使える値: {allowed}）。",
        "en": "Unknown surface '{surface}' (allowed: {allowed}).",
    },
    # --- bootstrap ----------------------------------------------------------------------
    "bootstrap.migrated": {"ja": "スキーマ: 版 {revision}", "en": "Schema: revision {revision}"},
    "bootstrap.has_cases": {
        "ja": "データベースには既に {count:,} 件の案件があります。デモ事務所は作りません。",
        "en": "The store already has {count:,} cases; no demo office.",
    },
    "bootstrap.generating": {
        "ja": "デモ用の架空の事務所（{cases:,} 件）を作成しています: {path}",
        "en": "Generating the demo office ({cases:,} cases): {path}",
    },
    "bootstrap.reusing": {
        "ja": "作成済みのデモ事務所を使います: {path}",
        "en": "Reusing the demo office: {path}",
    },
    "bootstrap.training": {"ja": "調査先推薦モデルを学習しています…", "en": "Training the recommender…"},
    "bootstrap.trained": {"ja": "モデルを保存しました: {path}", "en": "Model saved: {path}"},
    "bootstrap.model_outdated": {
        "ja": "学習済みモデルが古い形式のため学習し直します: {path}",
        "en": "The trained model is of an older format; training it again: {path}",
    },
    "bootstrap.model_exists": {
        "ja": "学習済みモデルがあります（学習し直すには `choshu train`）: {path}",
        "en": "A trained model exists (retrain with `choshu train`): {path}",
    },
    "bootstrap.indexing": {"ja": "検索索引を作成しています…", "en": "Building the search index…"},
    "bootstrap.indexed": {
        "ja": "検索索引を作成しました（{passages:,} 節）",
        "en": "Search index built ({passages:,} passages)",
    },
    "bootstrap.index_exists": {
        "ja": "検索索引があります（作り直すには `choshu index`）: {path}",
        "en": "The search index exists (rebuild with `choshu index`): {path}",
    },
    "bootstrap.done": {
        "ja": "準備ができました。`choshu doctor` で状態を確認できます。",
        "en": "Ready. Check with `choshu doctor`.",
    },
    # --- demo data ----------------------------------------------------------------------
    "demo.written": {
        "ja": "合成の徴収事務所を {out} に書き出しました（未処理案件 {cases} 件、全案件 {total} 件、シード {seed}、{seconds:.1f} 秒）。生成側の正解は {truth} にあります（取込対象外）。",
        "en": "Wrote a synthetic office to {out} ({cases} open cases, {total} in all, seed {seed}, {seconds:.1f} s). The generator's truth is in {truth} (not an import file).",
    },
    "demo.bad_cases": {
        "ja": "--cases は 1 以上にしてください（指定: {cases}）。",
        "en": "--cases must be at least 1 (got {cases}).",
    },
    "demo.bad_story": {
        "ja": "作業時間の生成方法「{story}」はありません。使えるもの: {stories}",
        "en": "No hours story '{story}'. Use one of: {stories}",
    },
    "demo.bad_officer_style": {
        "ja": "照会先の選び方「{style}」はありません。使えるもの: {styles}",
        "en": "No officer style '{style}'. Use one of: {styles}",
    },
    "demo.bad_notes_style": {
        "ja": "経過記録の書き方「{style}」はありません。使えるもの: {styles}",
        "en": "No notes style '{style}'. Use one of: {styles}",
    },
    "demo.bad_drift": {
        "ja": "経年変化「{drift}」はありません。使えるもの: {drifts}",
        "en": "No drift '{drift}'. Use one of: {drifts}",
    },
    # --- benchmarks ---------------------------------------------------------------------
    "bench.import.title": {"ja": "取込ベンチマーク", "en": "Import benchmark"},
    "bench.import.generating": {
        "ja": "{cases:,} 件の事務所を作成しています: {path}",
        "en": "Generating an office of {cases:,} cases: {path}",
    },
    "bench.import.reusing": {
        "ja": "作成済みの事務所を使います: {path}",
        "en": "Reusing the office: {path}",
    },
    "bench.import.baseline": {
        "ja": "比較用: ORM で1行ずつ取り込む素朴な方法を {sample:,} 行で計測しています…",
        "en": "Baseline: naive per-row ORM import on {sample:,} rows…",
    },
    "bench.col_what": {"ja": "項目", "en": "What"},
    "bench.col_value": {"ja": "値", "en": "Value"},
    "bench.col_goal": {"ja": "目標", "en": "Goal"},
    "bench.import.importing": {
        "ja": "新しい空のデータベースに取り込んでいます: {url}",
        "en": "Importing into a fresh store: {url}",
    },
}
