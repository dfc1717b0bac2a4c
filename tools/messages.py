"""Every user-facing string of the assistant, Japanese first, English where the user wrote English.

Look up with :func:`t`; render a domain error with :func:`error_text`. Keys are grouped by
concept (``error.*``, ``import.*``, ``recommend.*``, ``assign.*``, ``search.*``, ``chat.*``,
``web.*``). Add new text here, never inline in code. Each section is delimited by a comment so
several people can extend it without stepping on each other.
"""

from __future__ import annotations

from typing import Any, Literal

from store.errors import ChoshuError

Lang = Literal["ja", "en"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors -----------------------------------------------------------------
    "error.generic": {
        "ja": "処理中にエラーが発生しました: {detail}",
        "en": "Something went wrong: {detail}",
    },
    "error.invalid_input": {
        "ja": "入力が正しくありません: {detail}",
        "en": "Invalid input: {detail}",
    },
    "error.not_found": {
        "ja": "{what}が見つかりません: {ident}",
        "en": "{what} not found: {ident}",
    },
    "error.permission_denied": {
        "ja": "この操作の権限がありません: {detail}",
        "en": "You are not allowed to do this: {detail}",
    },
    "error.conflict": {"ja": "競合しています: {detail}", "en": "Conflict: {detail}"},
    "error.model_missing": {
        "ja": "学習済みモデルがありません。先に `choshu train` を実行してください。",
        "en": "No trained model yet. Run `choshu train` first.",
    },
    "error.infeasible": {
        "ja": "条件を満たす割当がありません: {detail}",
        "en": "No assignment satisfies the constraints: {detail}",
    },
    "error.not_implemented": {
        "ja": "`{command}` はまだ実装されていません（{issue}）。",
        "en": "`{command}` is not implemented yet ({issue}).",
    },
    "error.unexpected": {
        "ja": "予期しないエラーが発生しました。管理者に連絡してください（参照番号: {ref}）。",
        "en": "An unexpected error occurred. Please contact the administrator (ref: {ref}).",
    },
    # --- import -------------------------------------------------------------------
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
    "import.summary_title": {"ja": "取込結果", "en": "Import summary"},
    "import.col_file": {"ja": "ファイル", "en": "File"},
    "import.col_encoding": {"ja": "文字コード", "en": "Encoding"},
    "import.col_rows": {"ja": "行数", "en": "Rows"},
    "import.col_inserted": {"ja": "新規", "en": "New"},
    "import.col_updated": {"ja": "更新", "en": "Updated"},
    "import.col_unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "import.warnings": {"ja": "警告 {count} 件:", "en": "{count} warning(s):"},
    "import.done": {
        "ja": "{rows} 行を {seconds:.1f} 秒で取り込みました（担当変更の履歴 {assignments} 件）。",
        "en": "Imported {rows} rows in {seconds:.1f} s ({assignments} assignment change(s) recorded).",
    },
    "import.not_a_directory": {
        "ja": "ディレクトリではありません: {path}",
        "en": "not a directory: {path}",
    },
    "import.store_not_migrated": {
        "ja": "データベースのスキーマが最新ではありません。先に `choshu db upgrade` を実行してください。",
        "en": "The store's schema is not current. Run `choshu db upgrade` first.",
    },
    # --- web ----------------------------------------------------------------------
    "web.title": {"ja": "徴収アシスタント", "en": "Collection assistant"},
    "web.nav.chat": {"ja": "チャット", "en": "Chat"},
    "web.nav.dashboard": {"ja": "割当", "en": "Assignment"},
    "web.nav.search": {"ja": "法令・マニュアル検索", "en": "Search"},
    "web.nav.audit": {"ja": "監査ログ", "en": "Audit log"},
    "web.nav.logout": {"ja": "ログアウト", "en": "Log out"},
    "web.role.staff": {"ja": "職員", "en": "Staff"},
    "web.role.supervisor": {"ja": "係長・管理者", "en": "Supervisor"},
    "web.team": {"ja": "{team}班", "en": "Team {team}"},
    "web.login.title": {"ja": "ログイン", "en": "Log in"},
    "web.login.demo_intro": {
        "ja": "デモモード: 登録されている職員を選んでログインしてください。",
        "en": "Demo mode: choose a staff member of the store to log in.",
    },
    "web.login.choose": {"ja": "職員", "en": "Staff member"},
    "web.login.submit": {"ja": "ログイン", "en": "Log in"},
    "web.login.no_staff": {
        "ja": "職員が登録されていません。先に `choshu bootstrap` または `choshu import DIR` を実行してください。",
        "en": "No staff in the store yet. Run `choshu bootstrap` or `choshu import DIR` first.",
    },
    "web.login.disabled": {
        "ja": "デモログインは無効です（CHOSHU_DEMO_LOGIN=false）。管理者にお問い合わせください。",
        "en": "Demo login is disabled (CHOSHU_DEMO_LOGIN=false). Ask your administrator.",
    },
    "web.login.unknown_staff": {
        "ja": "その職員は登録されていません。",
        "en": "That staff member is not in the store.",
    },
    "web.login.logged_out": {"ja": "ログアウトしました。", "en": "You have logged out."},
    "web.login.required": {"ja": "ログインしてください。", "en": "Please log in."},
    "web.csrf_failed": {
        "ja": "フォームの有効期限が切れました。ページを再読み込みしてやり直してください。",
        "en": "The form has expired. Reload the page and try again.",
    },
    "web.preparing": {
        "ja": "準備中: {what}はまだ利用できません。",
        "en": "Coming soon: {what} is not available yet.",
    },
    "web.error.title": {"ja": "エラー", "en": "Error"},
    "web.error.back": {"ja": "戻る", "en": "Back"},
    "web.error.page_not_found": {
        "ja": "ページが見つかりません。",
        "en": "Page not found.",
    },
    "web.difficulty.1": {"ja": "易", "en": "easy"},
    "web.difficulty.2": {"ja": "中", "en": "medium"},
    "web.difficulty.3": {"ja": "難", "en": "hard"},
    "web.level.1": {"ja": "新任", "en": "new"},
    "web.level.2": {"ja": "初級", "en": "junior"},
    "web.level.3": {"ja": "中堅", "en": "mid"},
    "web.level.4": {"ja": "熟練", "en": "expert"},
    "web.chart.hours_axis": {"ja": "時間", "en": "hours"},
    "web.chart.segment": {
        "ja": "{name}: {difficulty} {hours}時間",
        "en": "{name}: {difficulty} {hours} h",
    },
    "web.chart.busiest": {"ja": "◀ 最大", "en": "◀ busiest"},
    "web.chart.lower_bound": {
        "ja": "理論下限 {hours}時間",
        "en": "Lower bound {hours} h",
    },
    # --- store ---------------------------------------------------------------------
    "db.upgraded": {
        "ja": "データベースを最新のスキーマ（版 {revision}）にしました: {url}",
        "en": "The store is at the newest schema (revision {revision}): {url}",
    },
    # --- demo -------------------------------------------------------------------
    "demo.written": {
        "ja": "合成の徴収事務所を {out} に書き出しました（未処理案件 {cases} 件、全案件 {total} 件、シード {seed}、{seconds:.1f} 秒）。生成側の正解は {truth} にあります（取込対象外）。",
        "en": "Wrote a synthetic office to {out} ({cases} open cases, {total} in all, seed {seed}, {seconds:.1f} s). The generator's truth is in {truth} (not an import file).",
    },
    "demo.bad_cases": {
        "ja": "--cases は 1 以上にしてください（指定: {cases}）。",
        "en": "--cases must be at least 1 (got {cases}).",
    },
    # --- end of sections ------------------------------------------------------------
}


def detect_lang(text: str) -> Lang:
    """English when the user wrote no Japanese characters and some Latin letters."""
    has_ja = any(
        "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f"
        for ch in text
    )
    has_latin = any("a" <= ch.lower() <= "z" for ch in text)
    return "en" if (has_latin and not has_ja) else "ja"


def t(key: str, lang: Lang = "ja", /, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Japanese when no English text exists)."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["ja"]
    return template.format(**params)


def error_text(err: ChoshuError, lang: Lang = "ja") -> str:
    """Render a domain error; unknown parameters in the template render as empty."""
    entry = MESSAGES.get(err.key) or MESSAGES["error.generic"]
    template = entry.get(lang) or entry["ja"]
    return template.format_map(_Defaulting(err.params))


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
