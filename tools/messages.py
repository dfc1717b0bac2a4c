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
    # --- web ----------------------------------------------------------------------
    "web.title": {"ja": "徴収アシスタント", "en": "Collection assistant"},
    "web.nav.chat": {"ja": "チャット", "en": "Chat"},
    "web.nav.dashboard": {"ja": "割当", "en": "Assignment"},
    "web.nav.search": {"ja": "法令・マニュアル検索", "en": "Search"},
    "web.nav.audit": {"ja": "監査ログ", "en": "Audit log"},
    "web.nav.logout": {"ja": "ログアウト", "en": "Log out"},
    "web.role.staff": {"ja": "職員", "en": "Staff"},
    "web.role.supervisor": {"ja": "係長・管理者", "en": "Supervisor"},
    "web.team": {"ja": "{team}", "en": "{team}"},
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
    "web.supervisor_only": {
        "ja": "この画面は係長・管理者のみ利用できます。",
        "en": "Only supervisors can use this page.",
    },
    "web.csrf_failed": {
        "ja": "フォームの有効期限が切れました。ページを再読み込みしてやり直してください。",
        "en": "The form has expired. Reload the page and try again.",
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
    "web.chart.hours_axis": {"ja": "（時間）", "en": "(hours)"},
    "web.chart.segment": {
        "ja": "{name}: {difficulty} {hours}時間",
        "en": "{name}: {difficulty} {hours} h",
    },
    "web.chart.busiest": {"ja": "◀ 最大", "en": "◀ busiest"},
    "web.chart.lower_bound": {
        "ja": "理論下限 {hours}時間",
        "en": "Lower bound {hours} h",
    },
    "web.dash.title": {"ja": "案件の割当", "en": "Case assignment"},
    "web.dash.makespan_now": {"ja": "現在の最大負荷", "en": "Busiest now"},
    "web.dash.makespan_plan": {"ja": "最適化後の最大負荷", "en": "Busiest after"},
    "web.dash.lower_bound": {"ja": "理論下限", "en": "Lower bound"},
    "web.dash.gap": {"ja": "下限との差", "en": "Gap to bound"},
    "web.dash.moves": {"ja": "担当替え件数", "en": "Cases moved"},
    "web.dash.cost": {"ja": "育成のコスト（最大負荷）", "en": "Cost of development (busiest)"},
    "web.dash.cost_total": {"ja": "全体 {hours}h", "en": "office total {hours} h"},
    "web.dash.juniors_hard": {"ja": "若手の難案件", "en": "Hard cases with juniors"},
    "web.dash.weight": {"ja": "育成の重み", "en": "Development weight"},
    "web.dash.weight_hint": {
        "ja": "0 = 最も早く終わる割当 / 1 = 若手に難案件を多く",
        "en": "0 = finish soonest / 1 = more hard cases for juniors",
    },
    "web.dash.run": {"ja": "最適化を実行", "en": "Run optimisation"},
    "web.dash.ran": {
        "ja": "最適化しました（担当替え {moves} 件）。内容を確認して「確定」してください。",
        "en": "Optimised ({moves} cases move). Review and apply.",
    },
    "web.dash.apply": {"ja": "この割当を確定（{moves} 件の担当替え）", "en": "Apply ({moves} moves)"},
    "web.dash.applied": {
        "ja": "割当を確定しました。{moved} 件の担当者を変更し、担当履歴に記録しました。",
        "en": "Applied: {moved} cases changed hands (recorded in the history).",
    },
    "web.dash.discard": {"ja": "破棄", "en": "Discard"},
    "web.dash.no_plan": {
        "ja": "確定できる割当案がありません。先に最適化を実行してください。",
        "en": "No plan to apply. Run the optimisation first.",
    },
    "web.dash.plan_made": {
        "ja": "{at} 作成（育成の重み {weight}）",
        "en": "made {at} (development weight {weight})",
    },
    "web.dash.chart_before": {"ja": "現在の負荷（見込み時間）", "en": "Workload now (expected hours)"},
    "web.dash.chart_after": {"ja": "最適化後の負荷", "en": "Workload after optimisation"},
    "web.dash.no_run_yet": {
        "ja": "「最適化を実行」を押すと、割当案の負荷がここに表示されます。",
        "en": "Press “Run optimisation” to see the plan here.",
    },
    "web.dash.supervisor_runs": {
        "ja": "割当の最適化は係長が実行します。",
        "en": "A supervisor runs the optimisation.",
    },
    "web.dash.busiest": {"ja": "最大負荷の職員", "en": "busiest"},
    "web.dash.table_now": {"ja": "現在の割当", "en": "Current assignment"},
    "web.dash.table_plan": {"ja": "割当案", "en": "Proposed assignment"},
    "web.dash.count": {"ja": "{count} 件", "en": "{count} cases"},
    "web.dash.staff": {"ja": "担当者", "en": "Staff"},
    "web.dash.difficulty": {"ja": "難易度", "en": "Difficulty"},
    "web.dash.all": {"ja": "すべて", "en": "All"},
    "web.dash.filter": {"ja": "絞り込み", "en": "Filter"},
    "web.dash.case": {"ja": "案件番号", "en": "Case"},
    "web.dash.previous": {"ja": "担当替え", "en": "Change"},
    "web.dash.unchanged": {"ja": "変更なし", "en": "unchanged"},
    "web.dash.moved_from": {"ja": "{name} から", "en": "from {name}"},
    "web.dash.newly_assigned": {"ja": "新規割当", "en": "newly assigned"},
    "web.dash.level": {"ja": "習熟度", "en": "Level"},
    "web.dash.expected_hours": {"ja": "見込み時間", "en": "Expected hours"},
    "web.dash.prev_page": {"ja": "← 前へ", "en": "← Previous"},
    "web.dash.next_page": {"ja": "次へ →", "en": "Next →"},
    "web.dash.page": {"ja": "{page} / {pages} ページ", "en": "page {page} of {pages}"},
    "web.audit.intro": {
        "ja": "納税者情報の閲覧・変更の記録です（地方税法22条の守秘義務）。拒否された操作も記録されます。",
        "en": "Every read and change of taxpayer data, refusals included.",
    },
    "web.audit.at": {"ja": "日時（UTC）", "en": "When (UTC)"},
    "web.audit.staff": {"ja": "職員", "en": "Staff"},
    "web.audit.surface": {"ja": "経路", "en": "Surface"},
    "web.audit.action": {"ja": "操作", "en": "Action"},
    "web.audit.case": {"ja": "案件", "en": "Case"},
    "web.audit.allowed": {"ja": "結果", "en": "Result"},
    "web.audit.detail": {"ja": "詳細", "en": "Detail"},
    "web.audit.yes": {"ja": "許可", "en": "allowed"},
    "web.audit.refused": {"ja": "拒否", "en": "refused"},
    "web.audit.unknown_user": {"ja": "未登録の利用者", "en": "unknown user"},
    "web.audit.empty": {"ja": "該当する記録はありません。", "en": "No records."},
    "web.status.open": {"ja": "処理中", "en": "open"},
    "web.status.suspended": {"ja": "執行停止", "en": "suspended"},
    "web.status.closed": {"ja": "完結", "en": "closed"},
    "web.target_kind.deposit": {"ja": "預貯金照会", "en": "deposit inquiry"},
    "web.target_kind.life_insurance": {"ja": "生命保険照会", "en": "life insurance inquiry"},
    "web.target_kind.securities": {"ja": "証券口座照会", "en": "securities inquiry"},
    "web.target_kind.salary": {"ja": "給与照会", "en": "salary inquiry"},
    "web.target_kind.pension": {"ja": "年金照会", "en": "pension inquiry"},
    "web.target_kind.real_estate": {"ja": "不動産登記の調査", "en": "real estate register"},
    "web.target_kind.vehicle": {"ja": "自動車登録の調査", "en": "vehicle register"},
    "web.target_kind.receivable": {"ja": "売掛金・取引先の調査", "en": "receivables"},
    "web.case.title": {"ja": "案件 {case_id}", "en": "Case {case_id}"},
    "web.case.summary": {"ja": "滞納の概要", "en": "Arrears"},
    "web.case.tax_kind": {"ja": "税目", "en": "Tax"},
    "web.case.amount_due": {"ja": "滞納額", "en": "Amount due"},
    "web.case.oldest_due": {"ja": "最古納期限", "en": "Oldest due date"},
    "web.case.periods": {"ja": "期数", "en": "Periods"},
    "web.case.opened_on": {"ja": "受付日", "en": "Opened on"},
    "web.case.holder": {"ja": "担当者", "en": "Assignee"},
    "web.case.unassigned": {"ja": "未割当", "en": "unassigned"},
    "web.case.taxpayer": {"ja": "納税者", "en": "Taxpayer"},
    "web.case.name": {"ja": "氏名", "en": "Name"},
    "web.case.birth_date": {"ja": "生年月日", "en": "Date of birth"},
    "web.case.address": {"ja": "住所", "en": "Address"},
    "web.case.household": {"ja": "世帯人員", "en": "Household"},
    "web.case.employer": {"ja": "勤務先", "en": "Employer"},
    "web.case.income": {"ja": "所得", "en": "Income"},
    "web.case.income_salary": {"ja": "給与", "en": "salary"},
    "web.case.income_business": {"ja": "事業", "en": "business"},
    "web.case.income_pension": {"ja": "年金", "en": "pension"},
    "web.case.income_real_estate": {"ja": "不動産", "en": "real estate"},
    "web.case.assessed": {"ja": "課税・受給", "en": "Assessed"},
    "web.case.fixed_asset_tax": {"ja": "固定資産税課税あり", "en": "fixed asset tax"},
    "web.case.light_vehicle_tax": {"ja": "軽自動車税課税あり", "en": "light vehicle tax"},
    "web.case.welfare": {"ja": "生活保護受給中", "en": "on welfare"},
    "web.case.hardship": {"ja": "生活再建の目安", "en": "Hardship triage"},
    "web.case.hardship_flag": {"ja": "生活困窮の可能性", "en": "possible hardship"},
    "web.case.hardship_hint": {
        "ja": "差押えの前に、執行停止・分納・生活再建窓口への案内を検討してください。",
        "en": "Before seizing, consider suspension, instalments or the livelihood support desk.",
    },
    "web.case.hardship_none": {"ja": "該当なし", "en": "no sign of hardship"},
    "web.case.needs_model": {
        "ja": "生活再建の目安は、学習済みモデルで財産調査先を推奨すると表示されます（`choshu train`）。",
        "en": "Hardship triage appears with the target recommendation (run `choshu train`).",
    },
    "web.case.targets": {"ja": "財産調査先の推奨", "en": "Recommended investigation targets"},
    "web.case.known": {
        "ja": "判明済みの財産（推薦から除外）",
        "en": "Already found (not recommended again)",
    },
    "web.case.no_targets": {
        "ja": "推奨できる調査先はありません。",
        "en": "No target to recommend.",
    },
    "web.case.rank": {"ja": "順位", "en": "Rank"},
    "web.case.target": {"ja": "調査先", "en": "Target"},
    "web.case.score": {"ja": "発見確率", "en": "Probability"},
    "web.case.reasons": {"ja": "理由", "en": "Reasons"},
    "web.case.result": {"ja": "照会結果", "en": "Result"},
    "web.case.found": {"ja": "あり", "en": "found"},
    "web.case.not_found": {"ja": "なし", "en": "not found"},
    "web.case.recorded_found": {
        "ja": "{target}: 照会結果「あり」を記録しました。",
        "en": "{target}: recorded as found.",
    },
    "web.case.recorded_not_found": {
        "ja": "{target}: 照会結果「なし」を記録しました。",
        "en": "{target}: recorded as not found.",
    },
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
        "ja": "👍 評価を記録しました。今後の検索順位に反映されます。",
        "en": "👍 Thanks: later searches will use your rating.",
    },
    "web.search.rated_down": {
        "ja": "👎 評価を記録しました。今後の検索順位に反映されます。",
        "en": "👎 Thanks: later searches will use your rating.",
    },
    "web.case.reassign": {"ja": "担当替え", "en": "Reassign"},
    "web.case.reassign_to": {"ja": "新しい担当者", "en": "New assignee"},
    "web.case.locked": {"ja": "担当固定", "en": "locked"},
    "web.case.locked_hint": {
        "ja": "割当の最適化でこの案件の担当者は変わりません。",
        "en": "The optimiser keeps this case with its assignee.",
    },
    "web.case.unlock": {"ja": "固定を解除して担当替え", "en": "unlock and reassign"},
    "web.case.reassign_confirm": {
        "ja": "案件 {case_id} の担当者を替えます。よろしいですか？",
        "en": "Reassign case {case_id}?",
    },
    "web.case.reassigned": {
        "ja": "担当替えしました: {from_name}（{from_before}h → {from_after}h）から {to_name}（{to_before}h → {to_after}h）へ。",
        "en": "Reassigned from {from_name} ({from_before} h → {from_after} h) to {to_name} ({to_before} h → {to_after} h).",
    },
    "web.case.notes": {"ja": "経過記録", "en": "Notes"},
    "web.case.no_notes": {"ja": "経過記録はありません。", "en": "No notes."},
    "web.case.history": {"ja": "担当履歴", "en": "Assignment history"},
    "web.case.no_history": {"ja": "担当の変更履歴はありません。", "en": "No changes of assignee."},
    # --- store ---------------------------------------------------------------------
    "db.upgraded": {
        "ja": "データベースを最新のスキーマ（版 {revision}）にしました: {url}",
        "en": "The store is at the newest schema (revision {revision}): {url}",
    },
    "store.case_not_found": {
        "ja": "案件 {case_id} が見つかりません。案件番号を確かめてください。",
        "en": "Case {case_id} not found. Check the case number.",
    },
    "store.taxpayer_not_found": {
        "ja": "納税者 {taxpayer_id} が見つかりません。",
        "en": "Taxpayer {taxpayer_id} not found.",
    },
    "store.staff_not_found": {
        "ja": "職員「{staff}」が見つかりません。氏名か職員番号を確かめてください。",
        "en": "Staff member '{staff}' not found. Check the name or staff ID.",
    },
    "doctor.title": {"ja": "徴収アシスタントの状態", "en": "Assistant status"},
    "doctor.col_check": {"ja": "項目", "en": "Check"},
    "doctor.col_status": {"ja": "状態", "en": "Status"},
    "doctor.col_detail": {"ja": "内容", "en": "Detail"},
    "doctor.status.ok": {"ja": "OK", "en": "OK"},
    "doctor.status.missing": {"ja": "未準備", "en": "missing"},
    "doctor.status.error": {"ja": "要対応", "en": "problem"},
    "doctor.status.info": {"ja": "情報", "en": "info"},
    "doctor.check.env": {"ja": "動作環境", "en": "Environment"},
    "doctor.check.db": {"ja": "データベース接続", "en": "Database"},
    "doctor.check.schema": {"ja": "スキーマ", "en": "Schema"},
    "doctor.check.data": {"ja": "取込データ", "en": "Imported data"},
    "doctor.check.model": {"ja": "調査先推薦モデル", "en": "Recommender model"},
    "doctor.check.index": {"ja": "法令・マニュアル検索索引", "en": "Search index"},
    "doctor.check.slack": {"ja": "Slack", "en": "Slack"},
    "doctor.check.teams": {"ja": "Microsoft Teams", "en": "Microsoft Teams"},
    "doctor.check.llm": {"ja": "LLM（任意）", "en": "LLM (optional)"},
    "doctor.env": {"ja": "{env}（CHOSHU_HOME={home}）", "en": "{env} (CHOSHU_HOME={home})"},
    "doctor.db_ok": {"ja": "接続できます: {url}", "en": "reachable: {url}"},
    "doctor.db_unreachable": {
        "ja": "接続できません: {url}（{error}）",
        "en": "unreachable: {url} ({error})",
    },
    "doctor.schema_ok": {"ja": "最新です（版 {current}）", "en": "current (revision {current})"},
    "doctor.schema_none": {
        "ja": "まだ作成されていません（最新は版 {head}）",
        "en": "not created yet (newest is {head})",
    },
    "doctor.schema_old": {
        "ja": "古い版です（現在 {current}、最新 {head}）",
        "en": "out of date ({current}, newest {head})",
    },
    "doctor.data_ok": {
        "ja": "案件 {case:,}（うち未済 {open:,}）・納税者 {taxpayer:,}・職員 {staff:,}・経過記録 {note:,}・財産調査 {investigation:,}・処理実績 {worklog:,}・監査ログ {auditlog:,}",
        "en": "cases {case:,} ({open:,} open), taxpayers {taxpayer:,}, staff {staff:,}, notes {note:,}, investigations {investigation:,}, work log {worklog:,}, audit log {auditlog:,}",
    },
    "doctor.data_empty": {"ja": "案件が1件もありません", "en": "no cases yet"},
    "doctor.model_ok": {"ja": "あります: {path}", "en": "present: {path}"},
    "doctor.model_missing": {"ja": "まだありません（{path}）", "en": "not trained yet ({path})"},
    "doctor.model_stale": {
        "ja": "あります: {path}。学習後に職員が記録した照会結果 {results:,} 件はまだ反映されていません",
        "en": "present: {path}; {results:,} inquiry results recorded by staff since it was trained are not in it yet",
    },
    "doctor.index_ok": {"ja": "あります: {path}", "en": "present: {path}"},
    "doctor.index_missing": {
        "ja": "まだありません（{path}。初回の検索でも作成されます）",
        "en": "not built yet ({path}; the first search builds it too)",
    },
    "doctor.slack_ok": {"ja": "設定済み（{mode}）", "en": "configured ({mode})"},
    "doctor.slack_partial": {
        "ja": "設定が足りません: SLACK_BOT_TOKEN と SLACK_SIGNING_SECRET（または SLACK_APP_TOKEN）が必要です",
        "en": "incomplete: needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)",
    },
    "doctor.slack_off": {"ja": "使いません（未設定）", "en": "off (not configured)"},
    "doctor.teams_ok": {"ja": "設定済み（アプリ ID {app_id}）", "en": "configured (app id {app_id})"},
    "doctor.teams_partial": {
        "ja": "設定が足りません: TEAMS_APP_ID と TEAMS_APP_PASSWORD が必要です",
        "en": "incomplete: needs TEAMS_APP_ID and TEAMS_APP_PASSWORD",
    },
    "doctor.teams_off": {"ja": "使いません（未設定）", "en": "off (not configured)"},
    "doctor.llm_off": {
        "ja": "使いません（オフラインの振り分けで動きます）",
        "en": "off (the offline router is used)",
    },
    "doctor.llm_ok": {
        "ja": "{model} @ {url}（案件データは送りません）",
        "en": "{model} @ {url} (no case data is sent)",
    },
    "doctor.llm_ok_case_data": {
        "ja": "{model} @ {url}（案件データも送ります: CHOSHU_LLM_ALLOW_CASE_DATA=true）",
        "en": "{model} @ {url} (case data is sent: CHOSHU_LLM_ALLOW_CASE_DATA=true)",
    },
    "doctor.llm_partial": {
        "ja": "CHOSHU_LLM_ENABLED=true ですが CHOSHU_LLM_BASE_URL が未設定です",
        "en": "CHOSHU_LLM_ENABLED=true but CHOSHU_LLM_BASE_URL is empty",
    },
    "doctor.next_title": {"ja": "次にすること:", "en": "Next steps:"},
    "doctor.all_good": {
        "ja": "すべて準備できています。`choshu serve` で起動できます。",
        "en": "All set. Start with `choshu serve`.",
    },
    "doctor.next.db": {
        "ja": "DATABASE_URL（または --db）を確かめ、データベースが起動しているか確認してください。",
        "en": "Check DATABASE_URL (or --db) and that the database server is running.",
    },
    "doctor.next.upgrade": {
        "ja": "`choshu db upgrade` でスキーマを作成・更新してください。",
        "en": "Run `choshu db upgrade`.",
    },
    "doctor.next.import": {
        "ja": "`choshu import DIR` で基幹システムの CSV を取り込むか、`choshu bootstrap` でデモ用の架空の事務所を入れてください。",
        "en": "Import your CSV export with `choshu import DIR`, or load the demo office with `choshu bootstrap`.",
    },
    "doctor.next.train": {
        "ja": "`choshu train` で調査先推薦モデルを学習してください。",
        "en": "Run `choshu train`.",
    },
    "doctor.next.retrain": {
        "ja": "`choshu train` で学習し直してください（毎晩の定期実行を推奨: README「運用」）。",
        "en": "Run `choshu train` (nightly is best: README, Operations).",
    },
    "doctor.next.index": {
        "ja": "`choshu index` で検索索引を作成してください。",
        "en": "Run `choshu index`.",
    },
    "doctor.next.slack": {
        "ja": ".env の Slack の設定を補ってください（.env.example 参照）。",
        "en": "Complete the Slack settings in .env (see .env.example).",
    },
    "doctor.next.teams": {
        "ja": ".env の Teams の設定を補ってください（.env.example 参照）。",
        "en": "Complete the Teams settings in .env (see .env.example).",
    },
    "doctor.next.llm": {
        "ja": "CHOSHU_LLM_BASE_URL を設定するか、CHOSHU_LLM_ENABLED=false にしてください。",
        "en": "Set CHOSHU_LLM_BASE_URL or set CHOSHU_LLM_ENABLED=false.",
    },
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
    "store.bad_surface": {
        "ja": "経路「{surface}」は使えません（使える値: {allowed}）。",
        "en": "Unknown surface '{surface}' (allowed: {allowed}).",
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
    # --- search ---------------------------------------------------------------------
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
    # --- search: per-law figures, whole articles -------------------------------------
    "search.eval_law_row": {
        "ja": "    {law}（{questions} 問）: recall@5 {recall:.3f}（キーワード基準 {keyword:.3f}）",
        "en": "    {law} ({questions} questions): recall@5 {recall:.3f} (keyword {keyword:.3f})",
    },
    "search.unknown_document": {
        "ja": "その条文・資料は索引にありません（コーパスが更新された可能性があります）。もう一度検索してください。",
        "en": "That article or document is not in the index (the corpus may have changed). Search again.",
    },
    "chat.search.paragraph": {
        "ja": "{rank}. {citation}\n{paragraph}",
        "en": "{rank}. {citation}\n{paragraph}",
    },
    "chat.button.full_text": {"ja": "全文を見る", "en": "Full text"},
    "chat.button.read_more": {"ja": "続きを読む", "en": "Read more"},
    "chat.search.full_header": {"ja": "{citation}（全文）", "en": "{citation} (full text)"},
    "web.search.full_text": {"ja": "全文を見る", "en": "Full text"},
    "web.search.read_more": {"ja": "続きを読む", "en": "Read more"},
    "web.search.open": {"ja": "条文ページ", "en": "Article page"},
    # --- chat ---------------------------------------------------------------------
    "chat.unknown_user": {
        "ja": "申し訳ありません。このアカウントは職員名簿に登録されていないため、お答えできません。管理者に職員名簿（staff.csv の slack_user_id / teams_user_id）への登録を依頼してください。",
        "en": "Sorry, this account is not in the staff list, so I cannot answer. Please ask the administrator to add your Slack/Teams user id to the staff list (staff.csv).",
    },
    "chat.supervisor_only": {
        "ja": "担当替えと割当表の作成は係長（supervisor）だけが行えます",
        "en": "only supervisors may reassign cases or build the assignment table",
    },
    "chat.empty": {
        "ja": "メッセージが空です。例えば「12345の財産調査先はどこがいい？」「何ができるの？」と送ってください。",
        "en": "The message is empty. Try “Where should I investigate for case 12345?” or “help”.",
    },
    "chat.too_long": {
        "ja": "メッセージが長すぎます（{count}文字、上限{limit}文字）。用件を短くして送り直してください。",
        "en": "The message is too long ({count} characters, limit {limit}). Please send a shorter one.",
    },
    "chat.rate_limited": {
        "ja": "短い間に多くのメッセージを受け取りました（1分あたり{limit}件まで）。1分ほど待ってから送ってください。",
        "en": "Too many messages in a short time (limit {limit} per minute). Please wait a minute and try again.",
    },
    "chat.failure": {
        "ja": "処理中に問題が起きたため、何も変更していません。もう一度試し、解決しない場合は管理者に参照番号 {ref} を伝えてください。",
        "en": "Something went wrong, nothing was changed. Please try again; if it persists, tell the administrator the reference {ref}.",
    },
    "chat.error": {
        "ja": "{detail}",
        "en": "{detail}",
    },
    "chat.error.hint": {
        "ja": "（「ヘルプ」と送ると使い方を表示します）",
        "en": "(send “help” to see what I can do)",
    },
    "chat.private_notice": {
        "ja": "案件の情報を含むため、回答はあなたにだけ表示されるメッセージ（またはDM）で送りました。",
        "en": "The answer contains case data, so I sent it only to you (ephemeral message or DM).",
    },
    "chat.ask.intent": {
        "ja": "ご用件を確認させてください。次のどれですか？",
        "en": "Let me check what you need. Which of these?",
    },
    "chat.ask.case_id": {
        "ja": "案件番号を教えてください（例:「12345の概要」「No.12345の財産調査先」）。",
        "en": "Which case? Please include the case number (e.g. “summary of case 12345”).",
    },
    "chat.ask.which_case": {
        "ja": "案件番号が複数あります。どの案件ですか？",
        "en": "Several case numbers were given. Which case?",
    },
    "chat.ask.to_staff": {
        "ja": "誰に担当替えしますか？ 職員名か職員IDを書いてください（例:「12345の担当を佐藤さんに」）。",
        "en": "Reassign to whom? Write a staff name or ID (e.g. “reassign 12345 to A01”).",
    },
    "chat.ask.result": {
        "ja": "照会結果を記録するには、照会先と結果（あり／なし）を書いてください（例:「12345の〇〇銀行照会、口座ありでした」）。",
        "en": "To record a result, name the target and the result (e.g. “12345 Mizuho Bank: account found”).",
    },
    "chat.ask.which_staff": {
        "ja": "「{written}」に当たる職員が{count}人います。どなたですか？",
        "en": "{count} staff members match “{written}”. Which one?",
    },
    "chat.tool.recommend_targets": {"ja": "財産調査先", "en": "Investigation targets"},
    "chat.tool.case_summary": {"ja": "案件の概要", "en": "Case summary"},
    "chat.tool.reassign_case": {"ja": "担当替え", "en": "Reassign"},
    "chat.tool.assign_cases": {"ja": "割当表の作成", "en": "Assignment table"},
    "chat.tool.lookup_manual": {"ja": "マニュアル・FAQ", "en": "Manual / FAQ"},
    "chat.tool.search_law": {"ja": "法令・通達", "en": "Statutes / notices"},
    "chat.tool.record_result": {"ja": "照会結果の記録", "en": "Record a result"},
    "chat.tool.help": {"ja": "使い方", "en": "Help"},
    "chat.kind.deposit": {"ja": "預貯金", "en": "deposit"},
    "chat.kind.life_insurance": {"ja": "生命保険", "en": "life insurance"},
    "chat.kind.securities": {"ja": "証券", "en": "securities"},
    "chat.kind.salary": {"ja": "給与", "en": "salary"},
    "chat.kind.pension": {"ja": "年金", "en": "pension"},
    "chat.kind.real_estate": {"ja": "不動産", "en": "real estate"},
    "chat.kind.vehicle": {"ja": "自動車", "en": "vehicle"},
    "chat.kind.receivable": {"ja": "売掛金", "en": "receivables"},
    "chat.case.other_team": {
        "ja": "案件{case_id}は他の係の案件のため表示できません。必要なら担当係または係長に確認してください",
        "en": "case {case_id} belongs to another team; ask that team or a supervisor",
    },
    "chat.case.what": {"ja": "案件", "en": "case"},
    "chat.staff.what": {"ja": "職員", "en": "staff member"},
    "chat.recommend.header": {
        "ja": "案件{case_id}の財産調査先（上位{count}件）。照会したら結果をボタンで記録してください。",
        "en": "Investigation targets for case {case_id} (top {count}). Record each inquiry's result with the buttons.",
    },
    "chat.recommend.row": {
        "ja": "{rank}. {name}（{kind}）発見見込み {score}%",
        "en": "{rank}. {name} ({kind}) — {score}% likely",
    },
    "chat.recommend.none": {
        "ja": "案件{case_id}には今お勧めできる調査先がありません。{why}",
        "en": "No investigation target to recommend for case {case_id}. {why}",
    },
    "chat.recommend.known": {
        "ja": "判明済み（推薦から除外）: {items}",
        "en": "Already found (not recommended again): {items}",
    },
    "recommend.known_item": {
        "ja": "{name}（{kind}・{date} 案件{case_id}）",
        "en": "{name} ({kind}, {date}, case {case_id})",
    },
    "chat.recommend.hardship": {
        "ja": "⚠ 生活再建（執行停止等）の検討をお勧めします: {reasons}",
        "en": "⚠ Consider hardship relief (suspension etc.): {reasons}",
    },
    "chat.button.found": {"ja": "照会結果 あり", "en": "Result: found"},
    "chat.button.not_found": {"ja": "照会結果 なし", "en": "Result: not found"},
    "chat.button.confirm": {"ja": "確定", "en": "Confirm"},
    "chat.button.cancel": {"ja": "やめる", "en": "Cancel"},
    "chat.button.good": {"ja": "👍 役に立った", "en": "👍 Helpful"},
    "chat.button.bad": {"ja": "👎 違った", "en": "👎 Not helpful"},
    "chat.summary.header": {"ja": "案件{case_id}の概要", "en": "Case {case_id}"},
    "chat.summary.body": {
        "ja": "滞納者: {taxpayer}\n税目: {tax_kind}\n滞納額: {amount}円（{periods}期）\n最古納期: {oldest_due}\n状態: {status}\n担当: {staff}",
        "en": "Taxpayer: {taxpayer}\nTax: {tax_kind}\nAmount due: ¥{amount} ({periods} periods)\nOldest due date: {oldest_due}\nStatus: {status}\nAssignee: {staff}",
    },
    "chat.summary.investigations": {
        "ja": "財産調査: {count}件（うち発見 {found}件）",
        "en": "Investigations: {count} ({found} found)",
    },
    "chat.summary.notes": {"ja": "直近の経過記録:", "en": "Latest notes:"},
    "chat.summary.note": {"ja": "・{date} {text}", "en": "- {date} {text}"},
    "chat.status.open": {"ja": "滞納整理中", "en": "open"},
    "chat.status.suspended": {"ja": "執行停止中", "en": "suspended"},
    "chat.status.closed": {"ja": "完結", "en": "closed"},
    "chat.unassigned": {"ja": "（未割当）", "en": "(unassigned)"},
    "chat.reassign.confirm": {
        "ja": "案件{case_id}の担当を {from_name} から {to_name}（{to_id}）に替えます。よろしければ「確定」を押してください。",
        "en": "Reassign case {case_id} from {from_name} to {to_name} ({to_id})? Press “Confirm” to do it.",
    },
    "chat.reassign.done": {
        "ja": "案件{case_id}の担当を {from_name} から {to_name} に替えました。",
        "en": "Case {case_id} moved from {from_name} to {to_name}.",
    },
    "chat.reassign.hours": {
        "ja": "{name}: 見込み {before} 時間 → {after} 時間",
        "en": "{name}: expected {before} h → {after} h",
    },
    "chat.reassign.same": {
        "ja": "案件{case_id}はすでに{to_name}の担当です。何も変更していません。",
        "en": "Case {case_id} is already with {to_name}. Nothing changed.",
    },
    "chat.reassign.staff_not_found": {
        "ja": "職員「{written}」が見つかりません。職員名か職員IDで指定してください",
        "en": "no staff member “{written}”; give a staff name or ID",
    },
    "chat.cancelled": {"ja": "取り消しました。何も変更していません。", "en": "Cancelled. Nothing was changed."},
    "chat.assign.header": {
        "ja": "割当表の案（育成の重み {weight}）: 未処理案件 {cases}件を{staff}人に割り当てます。最も忙しい職員の見込み {makespan} 時間（下限 {bound} 時間、差 {gap}%）。",
        "en": "Assignment plan (development weight {weight}): {cases} open cases to {staff} staff. Busiest person: {makespan} h (lower bound {bound} h, gap {gap}%).",
    },
    "chat.assign.row": {
        "ja": "・{name}: {cases}件 / {hours} 時間",
        "en": "- {name}: {cases} cases / {hours} h",
    },
    "chat.assign.footer": {
        "ja": "この案（担当替え {moves} 件）はダッシュボード（/dashboard）に保存しました。適用するには「確定」を押すか入力してください（ダッシュボードからも適用できます）。",
        "en": "This plan ({moves} moves) is saved on the dashboard (/dashboard). Press or type “confirm” to apply it (or apply it on the dashboard).",
    },
    "chat.search.header": {"ja": "「{query}」の検索結果", "en": "Results for “{query}”"},
    "chat.search.none": {
        "ja": "「{query}」に当たる資料が見つかりませんでした。言葉を変えて試してください。",
        "en": "Nothing found for “{query}”. Try other words.",
    },
    "chat.search.hit": {"ja": "{rank}. {citation}\n{highlight}", "en": "{rank}. {citation}\n{highlight}"},
    "chat.rate.thanks": {
        "ja": "評価ありがとうございます。今後の検索結果の順位に反映します。",
        "en": "Thanks for the rating; it will improve future results.",
    },
    "chat.record.done": {
        "ja": "案件{case_id}: {target}の照会結果「{result}」を記録しました。次の学習から推薦に反映されます。",
        "en": "Case {case_id}: recorded “{result}” for {target}. The recommender learns from it at the next training.",
    },
    "chat.record.bad_kind": {
        "ja": "照会先の種類「{kind}」が分かりません",
        "en": "unknown target kind “{kind}”",
    },
    "chat.result.found": {"ja": "あり", "en": "found"},
    "chat.result.not_found": {"ja": "なし", "en": "not found"},
    "chat.help.header": {
        "ja": "徴収アシスタントです。次のように話しかけてください:",
        "en": "I am the collection assistant. You can ask me:",
    },
    "chat.help.row": {"ja": "・{label}: 「{example}」", "en": "- {label}: “{example}”"},
    "chat.help.footer": {
        "ja": "案件の情報はあなたの担当と同じ係の案件だけ表示します。担当替えと割当表は係長が行えます。",
        "en": "You see your own and your team's cases. Supervisors reassign and build the assignment table.",
    },
    "chat.llm.fallback": {
        "ja": "（LLMに接続できなかったため、オフラインの応答で答えています）",
        "en": "(The LLM could not be reached; this is the offline answer.)",
    },
    "chat.llm.no_case_data": {
        "ja": "LLMモードでは案件の情報を扱えない設定です（CHOSHU_LLM_ALLOW_CASE_DATA=false）。",
        "en": "The LLM is not allowed to see case data (CHOSHU_LLM_ALLOW_CASE_DATA=false).",
    },
    "chat.web.title": {"ja": "チャット", "en": "Chat"},
    "chat.web.placeholder": {
        "ja": "例: 12345の財産調査先はどこがいい？",
        "en": "e.g. Where should I investigate for case 12345?",
    },
    "chat.web.intro": {
        "ja": "徴収アシスタントです。案件番号と用件を書いてください。例:「12345の財産調査先はどこがいい？」「分納誓約の手続きは？」「何ができるの？」",
        "en": "I am the collection assistant. Write a case number and what you need, e.g. “Where should I investigate for case 12345?” or “help”.",
    },
    "chat.web.send": {"ja": "送信", "en": "Send"},
    "chat.web.as": {"ja": "{name}（{role}）としてログイン中", "en": "Logged in as {name} ({role})"},
    "chat.cli.intro": {
        "ja": "{name}（{staff_id}）として話します。終了は Ctrl-D か「exit」。ボタンは番号で選べます。",
        "en": "Chatting as {name} ({staff_id}). Ctrl-D or “exit” to quit; pick a button by its number.",
    },
    "chat.cli.unknown_staff": {
        "ja": "職員ID {staff_id} は職員名簿にありません。`--as` に既存の職員IDを指定してください。",
        "en": "Staff id {staff_id} is not in the staff list. Give an existing id to `--as`.",
    },
    "chat.teams.personal_only": {
        "ja": "案件の質問はボットとの1対1のチャットで送ってください。",
        "en": "Please ask about cases in your 1:1 chat with the bot.",
    },
    "chat.serve.listening": {
        "ja": "http://{host}:{port}/ で待ち受けます（{surfaces}、LLM: {llm}）",
        "en": "Listening on http://{host}:{port}/ ({surfaces}, LLM: {llm})",
    },
    # --- reliability ---
    "chat.busy": {
        "ja": "ただいま混み合っているため、お答えできませんでした（何も変更していません）。数秒おいてもう一度送ってください。",
        "en": "The assistant is busy right now, so nothing was done. Please send your message again in a few seconds.",
    },
    "web.busy": {
        "ja": "ただいま混み合っています（何も変更していません）。数秒おいてもう一度お試しください。",
        "en": "The server is busy right now; nothing was changed. Please try again in a few seconds.",
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
    "web.error.body_too_large": {
        "ja": "送信された内容が大きすぎます（上限 {limit} バイト）。短くして送り直してください。",
        "en": "The request is too large (limit {limit} bytes). Please send something shorter.",
    },
    "web.error.bad_length": {
        "ja": "要求のContent-Lengthが不正です。",
        "en": "The request's Content-Length is invalid.",
    },
    "web.error.bad_json": {
        "ja": "要求の本文が正しいJSONではありません。",
        "en": "The request body is not valid JSON.",
    },
    "web.error.bad_request": {
        "ja": "要求の内容が正しくありません（文字化けした文字や、項目の形式の誤り）。入力を確かめて送り直してください。",
        "en": "The request is not valid (garbled characters or a field of the wrong form). Please check it and send it again.",
    },
    # --- assign ---------------------------------------------------------------------
    "assign.capacity_short": {
        "ja": "担当可能件数が足りません: 割り当てる案件 {cases} 件に対し空きは {capacity} 件で、{shortfall} 件不足しています。職員の担当可能件数（capacity）を増やしてください。",
        "en": "Capacities cannot hold all cases: {cases} cases to place but room for {capacity}; {shortfall} short. Raise staff capacities.",
    },
    "assign.lock_no_capacity": {
        "ja": "案件 {case_id} は職員 {staff_id} にロックされていますが、この職員の担当可能件数は 0 です。ロックを外すか担当可能件数を設定してください。",
        "en": "Case {case_id} is locked to {staff_id}, whose capacity is 0. Unlock it or give that person a capacity.",
    },
    "assign.lock_over_capacity": {
        "ja": "職員 {staff_id} にロックされた案件 {locked} 件が担当可能件数 {capacity} 件を超えています。",
        "en": "{locked} cases are locked to {staff_id}, above the capacity of {capacity}.",
    },
    "assign.lock_unassigned": {
        "ja": "案件 {case_id} はロックされていますが担当者がいません（{count} 件）。担当者を決めるかロックを外してください。",
        "en": "Case {case_id} is locked but has no assignee ({count} case(s)). Assign it or unlock it.",
    },
    "assign.unknown_staff": {
        "ja": "職員 {staff_id} は職員名簿にありません。",
        "en": "Staff member {staff_id} is not in the staff list.",
    },
    "assign.no_staff": {
        "ja": "担当できる職員がいません（担当可能件数が 1 以上の職員が 0 人）。",
        "en": "No staff member can take cases (nobody has a capacity above 0).",
    },
    "assign.no_open_cases": {"ja": "未処理の案件がありません。", "en": "There are no open cases."},
    "assign.solver_failed": {
        "ja": "割当を計算できませんでした（{status}）。",
        "en": "The optimiser found no assignment ({status}).",
    },
    "assign.bad_weight": {
        "ja": "育成の重みは 0 から 1 の間で指定してください（{weight}）。",
        "en": "The development weight must be between 0 and 1 ({weight}).",
    },
    "assign.no_work_log": {
        "ja": "処理実績（work_log）がないため、難易度は案件の特徴から、習熟度は経験年数から推定しました。",
        "en": "No work log: difficulty comes from case features and proficiency from years of experience.",
    },
    "assign.thin_work_log": {
        "ja": "処理実績が {rows} 行しかないため、見込み時間の精度は低めです。",
        "en": "Only {rows} work-log rows: expected hours are rough.",
    },
    "assign.locked_case": {
        "ja": "案件 {case_id} は担当がロックされています。係長がロックを外してから担当替えしてください。",
        "en": "Case {case_id} is locked to its assignee. A supervisor must unlock it first.",
    },
    "assign.not_supervisor": {
        "ja": "担当替えは係長（supervisor）だけが行えます",
        "en": "only supervisors may reassign cases",
    },
    "assign.case_not_open": {
        "ja": "案件 {case_id} は処理中ではありません（{status}）。担当替えできるのは処理中の案件だけです。",
        "en": "Case {case_id} is not open ({status}); only open cases can be reassigned.",
    },
    "assign.over_capacity": {
        "ja": "職員 {staff_id} はすでに担当可能件数 {capacity} 件に達しています（現在 {cases} 件）。",
        "en": "{staff_id} is already at the capacity of {capacity} cases (now {cases}).",
    },
    "assign.same_staff": {
        "ja": "案件 {case_id} はすでに {staff_id} の担当です。",
        "en": "Case {case_id} is already with {staff_id}.",
    },
    "assign.level.1": {"ja": "新任", "en": "new"},
    "assign.level.2": {"ja": "初級", "en": "junior"},
    "assign.level.3": {"ja": "中堅", "en": "experienced"},
    "assign.level.4": {"ja": "熟練", "en": "expert"},
    "assign.difficulty.1": {"ja": "易", "en": "easy"},
    "assign.difficulty.2": {"ja": "中", "en": "medium"},
    "assign.difficulty.3": {"ja": "難", "en": "hard"},
    "assign.summary.title": {"ja": "職員別の割当（見込み時間）", "en": "Assignment per staff member (expected hours)"},
    "assign.summary.columns": {
        "ja": "職員ID|氏名|習熟度|件数|易|中|難|見込み(h)|現在件数|現在(h)|増減(h)|移入|移出",
        "en": "staff|name|level|cases|easy|medium|hard|expected h|current cases|current h|change h|moved in|moved out",
    },
    "assign.done": {
        "ja": "{cases} 件を {staff} 人に割り当てました: {out}（職員別: {summary}）。最も忙しい職員 {makespan:.1f} 時間、下限 {bound:.1f} 時間（差 {gap:.2f}%）、総時間 {total:.1f} 時間、担当替え {moves} 件。",
        "en": "{cases} cases to {staff} staff: {out} (per staff: {summary}). Busiest {makespan:.1f} h, lower bound {bound:.1f} h (gap {gap:.2f}%), total {total:.1f} h, {moves} moved.",
    },
    "assign.development": {
        "ja": "育成の重み {weight}: 新任・初級職員の難案件 {before} 件 → {after} 件。費用: 最も忙しい職員 {cost_makespan:+.1f} 時間、総時間 {cost_total:+.1f} 時間。",
        "en": "Development weight {weight}: hard cases with juniors {before} → {after}. Cost: busiest {cost_makespan:+.1f} h, total {cost_total:+.1f} h.",
    },
    "assign.thresholds": {
        "ja": "難易度の区切り（標準的な職員の見込み時間の三分位）: 易 < {low:.1f} 時間 ≤ 中 < {high:.1f} 時間 ≤ 難。習熟度は職員効果の四分位。",
        "en": "Difficulty cut points (tertiles of a typical officer's hours): easy < {low:.1f} h ≤ medium < {high:.1f} h ≤ hard. Proficiency: quartiles of the staff effect.",
    },
    "assign.applied": {
        "ja": "割当を反映しました: {moved} 件の担当を変更し、履歴に記録しました。",
        "en": "Applied: {moved} cases changed assignee, recorded in the history.",
    },
    "assign.not_applied": {
        "ja": "データベースは変更していません。反映するには `--apply` を付けてください。",
        "en": "The store was not changed. Add `--apply` to apply the plan.",
    },
    "assign.reassigned": {
        "ja": "案件 {case_id} の担当を {from_staff} から {to_staff} に替えました。{from_staff}: {from_before:.1f} → {from_after:.1f} 時間、{to_staff}: {to_before:.1f} → {to_after:.1f} 時間。",
        "en": "Case {case_id} moved from {from_staff} to {to_staff}. {from_staff}: {from_before:.1f} → {from_after:.1f} h, {to_staff}: {to_before:.1f} → {to_after:.1f} h.",
    },
    "assign.eval.holdout": {
        "ja": "予測時間の誤差（{year} 年度の処理実績 {rows} 行を検証用に保留、{train} 行で学習）",
        "en": "Error of predicted hours (fiscal year {year} held out: {rows} rows; trained on {train})",
    },
    "assign.eval.no_holdout": {
        "ja": "検証に使える処理実績がありません（2 年度以上の work_log が必要です）。",
        "en": "No work log to hold out (needs at least two fiscal years).",
    },
    "assign.eval.busiest": {
        "ja": "最も忙しい職員の時間",
        "en": "Busiest staff member's hours",
    },
    "assign.eval.done_check": {
        "ja": "完了基準: 真の時間で最善との差 {vs_best:.1f}%（5% 以内: {ok_best}）、巡回割当より {vs_rr:.1f}% 少ない（40% 以上: {ok_rr}）",
        "en": "Done criterion: {vs_best:.1f}% above the best possible (within 5%: {ok_best}), {vs_rr:.1f}% below round-robin (at least 40%: {ok_rr})",
    },
    "assign.eval.truth_missing": {
        "ja": "真値のディレクトリに case_truth.csv / staff_truth.csv がありません: {path}",
        "en": "No case_truth.csv / staff_truth.csv in the truth directory: {path}",
    },
    "assign.eval.truth_mismatch": {
        "ja": "真値に {count} 件の案件・職員がありません（例: {example}）。同じ生成データを取り込んだストアで実行してください。",
        "en": "The truth lacks {count} cases or staff (e.g. {example}). Run it on the store the generated office was imported into.",
    },
    "assign.bench.row": {
        "ja": "{cases} 件 × {staff} 人: {seconds:.2f} 秒（目標 {goal:.0f} 秒）、最も忙しい職員 {makespan:.1f} 時間、下限 {bound:.1f} 時間、差 {gap:.2f}%、巡回割当 {rr:.1f} 時間（比 {ratio:.3f}）、クラス数 {classes}",
        "en": "{cases} cases × {staff} staff: {seconds:.2f} s (goal {goal:.0f} s), busiest {makespan:.1f} h, bound {bound:.1f} h, gap {gap:.2f}%, round-robin {rr:.1f} h (ratio {ratio:.3f}), {classes} classes",
    },
    # --- assignment: interaction, teams, plans ----------------------------------------
    "assign.cross_team_moves": {
        "ja": "係をまたぐ担当替えが {count} 件あります（全体計画のため）。係の中だけで組むには係を指定してください（例: --team 第一係、「第一係だけ」）。",
        "en": "{count} moves cross teams (a whole-office plan). To plan within one team, name it (e.g. --team 第一係, 'only 第一係').",
    },
    "assign.unknown_team": {
        "ja": "係「{team}」が見つかりません。ある係: {teams}",
        "en": "No team '{team}'. Teams: {teams}",
    },
    "assign.model_line": {
        "ja": "見込み時間のモデル: 職員差の大きさ 易 {easy:.2f} / 中 1.00 / 難 {hard:.2f}（習熟度×難易度の交互作用。すべて 1 なら差は難易度によらない）、開始時期の効果 {exposure:.2f}（0 = 時期によらず一定、1 = 期間に比例）。",
        "en": "Hours model: size of the staff differences easy {easy:.2f} / medium 1.00 / hard {hard:.2f} (proficiency × difficulty interaction; all 1 = the same on every difficulty), exposure effect {exposure:.2f} (0 = bursts, 1 = proportional to time open).",
    },
    "assign.saved_as": {
        "ja": "この案を {staff_id} の保存案にしました（ダッシュボードで確認、チャットで「確定」）。",
        "en": "Kept as {staff_id}'s pending plan (review it on the dashboard, apply with “confirm” in chat).",
    },
    "web.dash.scope": {"ja": "対象", "en": "Scope"},
    "web.dash.scope_office": {"ja": "全体（係をまたぐ担当替えあり）", "en": "Whole office (moves across teams)"},
    "web.dash.team": {"ja": "係", "en": "Team"},
    "web.dash.cross_team": {"ja": "係をまたぐ", "en": "other team"},
    "web.dash.by_difficulty": {"ja": "習熟度・難易度別の処理時間", "en": "Hours by proficiency and difficulty"},
    "web.dash.by_difficulty_hint": {
        "ja": "各職員が標準的な 易・中・難 の案件1件に1年でかける見込み時間（作業記録から推定）。難しい案件ほど職員の差が大きければ、難しい案件を熟練職員に任せると全体が早く終わります。",
        "en": "Each officer's expected hours per year on a typical easy, medium and hard case (learned from the work log). Where the gap grows with difficulty, giving the hard cases to veterans finishes the office's work sooner.",
    },
    "chat.tool.apply_plan": {"ja": "割当案の確定", "en": "Apply the assignment plan"},
    "doctor.check.work_log": {"ja": "作業記録の期間", "en": "Work-log periods"},
    "doctor.work_log_ok": {
        "ja": "作業記録はすべて案件の開始後の年度です。",
        "en": "Every work-log row is in a year the case was open.",
    },
    "doctor.next.work_log": {
        "ja": "開始日より前の作業記録がある案件の opened_on（再開した案件など）を元システムで確認し、取り込み直してください。",
        "en": "Check opened_on of the cases with work logged before it (reopened cases?) in the source system and import again.",
    },
    "demo.bad_story": {
        "ja": "作業時間の生成方法「{story}」はありません。使えるもの: {stories}",
        "en": "No hours story '{story}'. Use one of: {stories}",
    },
    "chat.plan.none": {
        "ja": "確定できる割当案がありません（作成していない、適用済み、または期限切れです）。先に「割当表を作って」と依頼してください。",
        "en": "There is no assignment plan to apply (none made, already applied, or expired). Ask for one first (“make the assignment table”).",
    },
    "chat.plan.applied": {
        "ja": "割当案を確定しました。{moved} 件の担当者を変更し、担当履歴に記録しました。",
        "en": "Plan applied: {moved} cases changed hands; the assignment history records each.",
    },
    "assign.scope.team": {"ja": "対象: {team}（係内の担当替えのみ）", "en": "Scope: {team} (moves within the team only)"},
    "assign.scope.office": {"ja": "対象: 全体", "en": "Scope: whole office"},
    "assign.out_of_period": {
        "ja": "作業記録 {count} 行は案件の開始日（opened_on）より前の年度のものです。見込み時間の推定から除きました（例: 案件{example}）。元データの開始日を確認してください。",
        "en": "{count} work-log rows fall in a fiscal year before the case's opened_on; they are left out of the hours estimate (e.g. case {example}). Check the export's opening dates.",
    },
    # --- recommend ------------------------------------------------------------------
    "recommend.bad_case_id": {
        "ja": "案件番号の形式が正しくありません: 「{case_id}」（数字で指定してください。全角数字も可）",
        "en": "Malformed case number: '{case_id}' (use digits).",
    },
    "recommend.model_missing": {
        "ja": "学習済みの財産調査先モデルがありません（{path}）。先に `choshu train` を実行してください。",
        "en": "No trained investigation-target model ({path}). Run `choshu train` first.",
    },
    "recommend.model_unreadable": {
        "ja": "財産調査先モデルのファイルを読めません（{path}）。`choshu train` で学習し直してください。",
        "en": "The investigation-target model file cannot be read ({path}). Retrain with `choshu train`.",
    },
    "recommend.model_outdated": {
        "ja": "財産調査先モデルが古い形式です（スキーマ v{found}、必要 v{expected}）。`choshu train` で学習し直してください。",
        "en": "The investigation-target model has an older schema (v{found}, need v{expected}). Retrain with `choshu train`.",
    },
    "recommend.too_little_history": {
        "ja": "学習に使える財産調査履歴が足りません（{rows} 件。発見・不発見の両方が 50 件以上必要）。履歴を取り込むか結果を記録してください。",
        "en": "Not enough investigation history to train ({rows} rows; found and not-found results are both needed, 50+ rows).",
    },
    "recommend.bad_target_kind": {
        "ja": "照会先の種類が正しくありません: {kind}",
        "en": "Unknown target kind: {kind}",
    },
    "recommend.bad_target": {
        "ja": "照会先「{target_id}」は {target_kind} の照会先ではありません",
        "en": "'{target_id}' is not a {target_kind} target",
    },
    "recommend.bad_result": {
        "ja": "照会結果は found（あり）か not_found（なし）で指定してください: {result}",
        "en": "The result must be found or not_found: {result}",
    },
    "recommend.bad_surface": {"ja": "記録元が正しくありません: {surface}", "en": "Unknown surface: {surface}"},
    "recommend.bad_top": {"ja": "--top は 1 以上で指定してください: {top}", "en": "--top must be at least 1: {top}"},
    "recommend.bad_budget": {
        "ja": "予算は 0 円以上で指定してください: {budget}",
        "en": "The budget must be 0 yen or more: {budget}",
    },
    "recommend.bad_args": {
        "ja": "案件番号を 1 つ指定するか、--case-ids-file と --out を指定してください。",
        "en": "Give one case number, or --case-ids-file with --out.",
    },
    "recommend.ids_file_unreadable": {
        "ja": "案件番号のファイルを読めません: {path}",
        "en": "Cannot read the case-id file: {path}",
    },
    "recommend.ids_file_bad": {
        "ja": "{path}:{line}: 案件番号の形式が正しくありません: 「{value}」",
        "en": "{path}:{line}: malformed case number: '{value}'",
    },
    "recommend.ids_file_unknown": {
        "ja": "存在しない案件番号が {count} 件あります（例: {examples}）。何も書き出していません。",
        "en": "{count} unknown case number(s) (e.g. {examples}). Nothing was written.",
    },
    "recommend.ids_file_empty": {
        "ja": "案件番号のファイルが空です: {path}",
        "en": "The case-id file is empty: {path}",
    },
    "recommend.excluded_closed": {
        "ja": "完結済みの案件のため、財産調査先は推奨しません。",
        "en": "The case is closed: no investigation targets.",
    },
    "recommend.excluded_suspended": {
        "ja": "執行停止中の案件のため、財産調査先は推奨しません。",
        "en": "Enforcement is suspended for this case: no investigation targets.",
    },
    "recommend.excluded_hardship": {
        "ja": "生活困窮の兆候があるため、差押えに向けた調査先の代わりに執行停止の検討と福祉窓口への案内をお勧めします。",
        "en": "Signs of hardship: instead of seizure targets, consider a suspension review and a welfare referral.",
    },
    "recommend.header": {
        "ja": "案件 {case_id} の財産調査先（上位 {count} 件）",
        "en": "Investigation targets for case {case_id} (top {count})",
    },
    "recommend.col.rank": {"ja": "順位", "en": "rank"},
    "recommend.col.target": {"ja": "照会先", "en": "target"},
    "recommend.col.kind": {"ja": "種類", "en": "kind"},
    "recommend.col.score": {"ja": "発見見込み", "en": "probability"},
    "recommend.col.reason": {"ja": "理由", "en": "reason"},
    "recommend.known_header": {
        "ja": "判明済みの財産（推薦から除外）:",
        "en": "Already found (not recommended again):",
    },
    "recommend.hardship_header": {
        "ja": "生活再建の目安: 執行停止の検討と福祉窓口への案内をお勧めします",
        "en": "Hardship triage: consider a suspension review and a welfare referral",
    },
    "recommend.batch_done": {
        "ja": "{cases} 件の案件について {rows} 行を {path} に書き出しました（生活再建の目安 {flagged} 件）。",
        "en": "Wrote {rows} rows for {cases} cases to {path} ({flagged} flagged for hardship).",
    },
    "recommend.hardship_done": {
        "ja": "生活再建の目安を {path} に書き出しました。",
        "en": "Wrote the hardship flags to {path}.",
    },
    "recommend.trained": {
        "ja": "財産調査先モデルを学習しました: {path}",
        "en": "Trained the investigation-target model: {path}",
    },
    "recommend.inquiries_done": {
        "ja": "照会 {rows} 件（電子 {electronic} 件・書面 {paper} 件）を {path} に書き出しました。費用 {cost:,} 円 / 予算 {budget:,} 円、見込み発見口座数 {expected:.1f}（貪欲法: 発見見込み÷費用の高い順に予算内で選択）。",
        "en": "Wrote {rows} inquiries ({electronic} electronic, {paper} paper) to {path}: {cost:,} yen of {budget:,} yen, {expected:.1f} accounts expected (greedy on probability per yen).",
    },
    "recommend.truth_missing": {
        "ja": "真値ファイルがありません: {path}",
        "en": "No truth file: {path}",
    },
    "recommend.truth_bad_row": {
        "ja": "真値ファイルを読めません: {file}:{line}: 列 {column} がないか、値が正しくありません。`choshu demo-data` の出力の truth/ を指定してください。",
        "en": "Cannot read the truth file: {file}:{line}: column {column} is missing or wrong. Give the truth/ of a `choshu demo-data` output.",
    },
    "recommend.truth_unreadable": {
        "ja": "真値ファイルを読めません（UTF-8 の CSV ではありません）: {path}",
        "en": "Cannot read the truth file (not a UTF-8 CSV): {path}",
    },
    "recommend.truth_mismatch": {
        "ja": "この真値はストアの事務所のものではないようです（履歴で「あり」の照会のうち真値の保有と一致するのは {share}% だけ）。同じ `choshu demo-data` の出力の truth/ を指定してください。",
        "en": "This truth does not seem to belong to the store's office (only {share}% of the inquiries found in the history are holdings in it). Give the truth/ of the same `choshu demo-data` output.",
    },
    "recommend.bad_cutoff": {
        "ja": "基準日は YYYY-MM-DD で指定してください: {value}",
        "en": "The cutoff must be YYYY-MM-DD: {value}",
    },
    "recommend.eval.header": {
        "ja": "時系列ホールドアウト: {cutoff} より前の照会 {train_rows:,} 件で学習し、以後に調査された {cases:,} 案件（うち生活保護 {hardship:,} 件は全手法とも調査先なし）を {cutoff} 時点で評価。各手法の上位 {top} 件。",
        "en": "Time-based holdout: trained on {train_rows:,} inquiries before {cutoff}; evaluated as of {cutoff} on the {cases:,} cases investigated afterwards ({hardship:,} welfare recipients get no targets from any method). Top {top} per case.",
    },
    "recommend.eval.columns": {
        "ja": "{method:<12} {truth:>14} {observed:>14} {hit:>10}",
        "en": "{method:<12} {truth:>14} {observed:>14} {hit:>10}",
    },
    "recommend.eval.col_truth": {"ja": "真値:発見/200件", "en": "truth/200"},
    "recommend.eval.col_observed": {"ja": "実績:発見/200件", "en": "observed/200"},
    "recommend.eval.col_hit": {"ja": "実績的中率", "en": "hit rate"},
    "recommend.eval.method.model": {"ja": "モデル", "en": "model"},
    "recommend.eval.method.novice": {"ja": "新任(大手5行)", "en": "novice"},
    "recommend.eval.method.popularity": {"ja": "実績の多い順", "en": "popularity"},
    "recommend.eval.method.veteran": {"ja": "ベテランの経験則", "en": "veteran"},
    "recommend.eval.method.ceiling": {"ja": "(参考)特徴量の上限", "en": "(ref) ceiling"},
    "recommend.eval.method.world": {"ja": "(参考)生成器の確率", "en": "(ref) generator odds"},
    "recommend.eval.method.oracle": {"ja": "(参考)全知", "en": "(ref) oracle"},
    "recommend.eval.ceiling_share": {
        "ja": "学習の到達度: ベテラン {veteran:.1f} から、同じ特徴量を真値で学習した上限 {ceiling:.1f} までの伸びしろのうち、モデル {model:.1f} は {share:.0%} を得た。",
        "en": "Learning reached: of the room between the veteran ({veteran:.1f}) and the same features fitted to the truth ({ceiling:.1f}), the model ({model:.1f}) gains {share:.0%}.",
    },
    "recommend.eval.world_share": {
        "ja": "期待できる最大の伸びしろ（ベテラン {veteran:.1f} → 生成器の確率 {ceiling:.1f}）のうち、モデル {model:.1f} は {share:.0%} を得た（残りは特徴量に現れない事実と偶然）。",
        "en": "Of the most any ranking can expect over the veteran ({veteran:.1f} → generator odds {ceiling:.1f}), the model ({model:.1f}) gains {share:.0%} (the rest is facts the features do not show, and chance).",
    },
    "recommend.eval.ratios": {
        "ja": "比（{basis}）: モデル/新任 {vs_novice:.2f} 倍、モデル/実績順 {vs_popularity:.2f} 倍、モデル/ベテラン {vs_veteran:.2f} 倍",
        "en": "Ratios ({basis}): model/novice {vs_novice:.2f}×, model/popularity {vs_popularity:.2f}×, model/veteran {vs_veteran:.2f}×",
    },
    "recommend.eval.ratio_ci": {
        "ja": "  {basis}: モデル÷{method} の95%信頼区間（案件を復元抽出） {lo:.2f}〜{hi:.2f}",
        "en": "  {basis}: model/{method} 95% interval (cases resampled) {lo:.2f}-{hi:.2f}",
    },
    "recommend.eval.basis_truth": {"ja": "真値", "en": "truth"},
    "recommend.eval.basis_observed": {"ja": "実績ラベル", "en": "observed labels"},
    "recommend.eval.notes": {
        "ja": "真値: 生成器の truth/holdings.csv（評価専用、特徴量には不使用）で、推奨先に実際に資産があれば発見。実績: 以後の照会で「あり」だった推奨先のみ発見（照会されなかった推奨先は不発見扱いの下限）。的中率 = 実績ラベルのある推奨先のうち発見の割合。",
        "en": "truth: the generator's truth/holdings.csv (evaluation only, never a feature) — a proposed target counts when the asset is really there. observed: only proposed targets a later inquiry found count (unasked targets count as not found: a lower bound). hit rate = found among proposed targets that have a label.",
    },
    "recommend.eval.notes_references": {
        "ja": "(参考)行は真値があるときだけの目安で手法ではない: 上限は同じ特徴量を他の納税者の過去案件の真値で学習したもの、生成器の確率は保有を決めた確率（隠れた事実込み）の順で、どの手法も期待値でこれを超えられない。全知は実際の保有をそのまま選んだもの。",
        "en": "(ref) rows, with the truth only, are not methods: the ceiling fits the same features to the truth of earlier cases of other taxpayers; generator odds rank by the probabilities the holdings were drawn with (hidden facts included: no method can expect more); the oracle proposes what is really held.",
    },
    "recommend.bench.row": {
        "ja": "{what}: {value}（目標 {goal}）",
        "en": "{what}: {value} (goal {goal})",
    },
    "reason.notes_mention": {"ja": "経過記録に記載: {name}", "en": "Named in the case notes: {name}"},
    "reason.notes_pension": {"ja": "経過記録に年金の記載", "en": "Case notes mention a pension"},
    "reason.notes_real_estate": {"ja": "経過記録に不動産の記載", "en": "Case notes mention property"},
    "reason.notes_vehicle": {"ja": "経過記録に自動車の記載", "en": "Case notes mention a vehicle"},
    "reason.notes_receivable": {"ja": "経過記録に事業・取引先の記載", "en": "Case notes mention a business or clients"},
    "reason.notes_salary": {"ja": "経過記録に勤務の記載", "en": "Case notes mention employment"},
    "reason.current_employer": {
        "ja": "現在の勤務先（給与支払報告書）: {name}",
        "en": "Current employer on record: {name}",
    },
    "reason.coworkers_bank": {
        "ja": "勤務先の同僚に給与振込実績: {name}（{count} 件）",
        "en": "Co-workers' salary account found at {name} ({count})",
    },
    "reason.coworkers_salary": {
        "ja": "同じ勤務先の同僚で給与照会の発見実績 {count} 件",
        "en": "Salary found for {count} co-worker(s) at this employer",
    },
    "reason.neighbours": {
        "ja": "近隣（同じ町丁目）の発見実績 {count} 件",
        "en": "Found for {count} neighbour(s) in the same 町丁目",
    },
    "reason.near_home": {"ja": "自宅から最寄り支店 {km} km", "en": "Nearest branch {km} km from home"},
    "reason.near_work": {"ja": "勤務先から最寄り支店 {km} km", "en": "Nearest branch {km} km from the workplace"},
    "reason.own_history": {
        "ja": "本人の過去の照会で発見あり（その後不明）",
        "en": "Found in an earlier inquiry for this taxpayer",
    },
    "reason.pension_income": {"ja": "年金所得の申告あり", "en": "Pension income declared"},
    "reason.pension_age": {"ja": "{age} 歳（年金受給年齢）", "en": "Aged {age} (pension age)"},
    "reason.fixed_asset_tax": {"ja": "固定資産税の課税あり", "en": "Fixed asset tax assessed"},
    "reason.light_vehicle_tax": {"ja": "軽自動車税の課税あり", "en": "Light vehicle tax assessed"},
    "reason.business_income": {"ja": "事業所得の申告あり", "en": "Business income declared"},
    "reason.salary_income": {"ja": "給与所得あり", "en": "Salary income on record"},
    "reason.office_rate": {
        "ja": "当庁の照会実績で発見率 {pct}%",
        "en": "Found in {pct}% of this office's inquiries",
    },
    "reason.segment_salary": {
        "ja": "同じ年代（{decade}代）・給与所得者の方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of salaried taxpayers in their {decade}s ({found} of {n} inquiries at this office)",
    },
    "reason.segment_business": {
        "ja": "同じ年代（{decade}代）・事業所得のある方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of taxpayers in their {decade}s with business income ({found} of {n} inquiries at this office)",
    },
    "reason.segment_both": {
        "ja": "同じ年代（{decade}代）・給与と事業所得のある方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of taxpayers in their {decade}s with salary and business income ({found} of {n} inquiries at this office)",
    },
    "reason.segment_none": {
        "ja": "同じ年代（{decade}代）・給与も事業所得もない方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of taxpayers in their {decade}s without salary or business income ({found} of {n} inquiries at this office)",
    },
    "reason.segment_nosalary": {
        "ja": "同じ年代（{decade}代）・給与所得のない方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of taxpayers in their {decade}s without salary income ({found} of {n} inquiries at this office)",
    },
    "reason.segment_age": {
        "ja": "同じ年代（{decade}代）の方で発見率 {pct}%（当庁実績 {n} 件中 {found} 件）",
        "en": "Found for {pct}% of taxpayers in their {decade}s ({found} of {n} inquiries at this office)",
    },
    "hardship.welfare": {
        "ja": "生活保護受給中（生活保護法58条により保護金品は差押禁止）",
        "en": "On welfare (benefits cannot be seized: 生活保護法58条)",
    },
    "hardship.no_income": {"ja": "所得の申告がすべて 0 円で勤務先もなし", "en": "No income declared and no employer"},
    "hardship.note": {"ja": "経過記録に「{word}」（{date}）", "en": "Case notes: {word} ({date})"},
    "hardship.suggest_suspension": {
        "ja": "滞納処分の執行停止を検討（国税徴収法153条、地方税法15条の7）",
        "en": "Consider suspending enforcement (国税徴収法153条, 地方税法15条の7)",
    },
    "hardship.suggest_referral": {
        "ja": "福祉事務所・生活困窮者自立相談支援窓口への案内を検討",
        "en": "Consider referring to the welfare office / livelihood support desk",
    },
    # --- 生活再建 beside 徴収強化 (issue 13) ---------------------------------------------
    "recommend.excluded_welfare": {
        "ja": "生活保護受給中のため、差押えに向けた調査先は推奨しません（生活保護法58条）。執行停止の検討と福祉窓口との連携をお勧めします。",
        "en": "On welfare: no seizure targets (生活保護法58条); consider a suspension review and working with the welfare office.",
    },
    "hardship.settle_first": {
        "ja": "調査先は預貯金・給与・年金を先に並べています。差し押さえられる財産の有無はこれらの照会で確かめられ、財産がなければ執行停止（国税徴収法153条・地方税法15条の7）の判断材料になります。",
        "en": "Deposits, salary and pension are listed first: those inquiries settle whether anything can be seized, and if nothing is, they support a suspension (国税徴収法153条, 地方税法15条の7).",
    },
    # --- recommender round 2: hardship precision in the evaluation (issue 13) ----------
    "recommend.eval.hardship_pr": {
        "ja": "生活再建の目安（評価対象の全案件、真値と照合）: 目安あり {flagged:,} 件・真に困窮 {true:,} 件、適合率 {precision}・再現率 {recall}。",
        "en": "Hardship triage (every holdout case, against the truth): {flagged:,} flagged, {true:,} really in hardship; precision {precision}, recall {recall}.",
    },
    "recommend.eval.hardship_no_truth": {
        "ja": "生活再建の目安の適合率・再現率: 真値に hardship_truth.csv がないため表示できません（`choshu demo-data` で作り直すと出力されます）。",
        "en": "Hardship precision and recall: the truth has no hardship_truth.csv (regenerate it with `choshu demo-data`).",
    },
    "hardship.suspended_before": {
        "ja": "同じ納税者の別の案件が執行停止中",
        "en": "Another case of this taxpayer is under a suspension (執行停止)",
    },
    "hardship.learned": {
        "ja": "当庁の執行停止の実績から学習した見込み {pct}%（上記の兆候の新しさ・所得・照会結果から）",
        "en": "Likelihood {pct}% learned from this office's past suspensions (recency of the signs, income, inquiry results)",
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
    # --- investigation history ------------------------------------------------------
    "web.case.investigations": {"ja": "財産調査履歴", "en": "Investigation history"},
    "web.case.no_investigations": {"ja": "財産調査の記録はありません。", "en": "No investigations recorded."},
    "web.case.inv_date": {"ja": "調査日", "en": "Date"},
    "web.case.inv_amount": {"ja": "金額", "en": "Amount"},
    "web.case.inv_source": {"ja": "記録元", "en": "Source"},
    "web.case.source.import": {"ja": "データ取込", "en": "import"},
    "web.case.source.web": {"ja": "Web", "en": "web"},
    "web.case.source.slack": {"ja": "Slack", "en": "Slack"},
    "web.case.source.teams": {"ja": "Teams", "en": "Teams"},
    "web.case.source.cli": {"ja": "端末", "en": "terminal"},
    "web.case.source.system": {"ja": "システム", "en": "system"},
    "chat.summary.last_investigations": {"ja": "直近の財産調査:", "en": "Latest investigations:"},
    "chat.summary.investigation": {"ja": "・{date} {target}: {result}", "en": "- {date} {target}: {result}"},
    "chat.summary.investigation_amount": {
        "ja": "・{date} {target}: {result}（{amount}円）",
        "en": "- {date} {target}: {result} (¥{amount})",
    },
    # --- the officer's day: 時効, worklist, 差押禁止額, digest, guidance ---------------------
    "prescription.basis.due": {"ja": "法定納期限 {date} の翌日から起算", "en": "counted from the day after the statutory due date {date}"},
    "prescription.basis.due_premium": {"ja": "納期限 {date} の翌日から起算", "en": "counted from the day after the due date {date}"},
    "prescription.basis.assumed": {
        "ja": "処分・収納の経過（actions.csv）が未取込のため最古納期限 {date} から計算（督促・納付・差押などによる更新は反映されていません）",
        "en": "no actions.csv imported: counted from the oldest due date {date} (renewals by demands, payments or seizures not reflected)",
    },
    "prescription.basis.demand": {"ja": "督促 {date} により更新", "en": "renewed by the demand of {date}"},
    "prescription.basis.payment": {"ja": "一部納付 {date}（承認）により更新", "en": "renewed by the part payment of {date} (acknowledgement)"},
    "prescription.basis.pledge": {"ja": "分納誓約 {date}（承認）により更新", "en": "renewed by the instalment pledge of {date} (acknowledgement)"},
    "prescription.basis.seizure_released": {"ja": "差押解除 {date} により更新", "en": "renewed by the release of the seizure on {date}"},
    "prescription.basis.seized": {"ja": "差押中（{date}〜）のため時効は完成しない（民法148条）", "en": "seized since {date}: it cannot prescribe while the seizure lasts"},
    "prescription.basis.deferred": {"ja": "猶予中（{date}〜）のため時効は進行しない（地方税法18条の2第4項）", "en": "deferred since {date}: the period does not run"},
    "prescription.basis.suspension": {
        "ja": "執行停止 {date} から3年で納付義務が消滅（地方税法15条の7第4項）",
        "en": "suspended on {date}: the duty to pay ends after 3 years (Local Tax Act 15-7(4))",
    },
    "prescription.note.reminder": {"ja": "催告 {date} により {until} まで完成猶予（民法150条）", "en": "the reminder of {date} postpones completion until {until}"},
    "prescription.note.deferral": {"ja": "猶予 {since}〜{until} の {days} 日は不算入", "en": "{days} days of deferral ({since} to {until}) not counted"},
    "prescription.law": {"ja": "{law}・{years}年", "en": "{law}, {years} years"},
    "prescription.line.date": {"ja": "時効完成予定 {date}（{basis}）", "en": "Prescribes on {date} ({basis})"},
    "prescription.line.suspension": {"ja": "納付義務の消滅予定 {date}（{basis}）", "en": "Extinguished on {date} ({basis})"},
    "prescription.line.extinguished": {"ja": "時効完成済み {date}（{basis}）— 不納欠損の対象", "en": "Prescribed on {date} ({basis}) — to be written off"},
    "prescription.line.none": {"ja": "時効完成予定なし（{basis}）", "en": "Not prescribing now ({basis})"},
    "prescription.alert": {"ja": " ⚠ 時効まで {days} 日", "en": " ⚠ {days} days left"},
    "worklist.reason.days_left": {"ja": "時効まで {days} 日", "en": "{days} days to prescription"},
    "worklist.reason.extinguished": {"ja": "時効完成済み（{date}）", "en": "already prescribed ({date})"},
    "worklist.reason.not_running": {"ja": "差押・猶予中（時効は進行しない）", "en": "seized or deferred (not running)"},
    "worklist.reason.chance": {"ja": "{kind}発見見込み {percent}%", "en": "{percent}% chance to find assets ({kind} first)"},
    "worklist.reason.hardship": {"ja": "生活再建の目安あり", "en": "signs of hardship (rebuild first)"},
    "worklist.reason.yield": {"ja": "見込み {yen:,}円/時間（{hours}時間）", "en": "expected ¥{yen:,}/hour ({hours} h)"},
    "chat.tool.worklist": {"ja": "今日の案件", "en": "Today's worklist"},
    "chat.tool.exempt_amount": {"ja": "差押禁止額の計算", "en": "Exempt amount"},
    "chat.worklist.header": {
        "ja": "{name}さんの案件を取り組む順に（未完了 {count} 件、うち時効まで {days} 日以内 {soon} 件）:",
        "en": "{name}'s open cases in working order ({count} open, {soon} prescribing within {days} days):",
    },
    "chat.worklist.soon_header": {
        "ja": "{name}さんの時効まで {days} 日以内の案件: {soon} 件",
        "en": "{name}'s cases prescribing within {days} days: {soon}",
    },
    "chat.worklist.row": {"ja": "{rank}. 案件{case_id}（{amount}円）: {reasons}", "en": "{rank}. case {case_id} (¥{amount}): {reasons}"},
    "chat.worklist.more": {"ja": "ほか {count} 件はWebの「今日の案件」で確認できます。", "en": "{count} more on the web worklist page."},
    "chat.worklist.empty": {"ja": "該当する案件はありません。", "en": "No cases."},
    "chat.worklist.others": {"ja": "他の職員の一覧は係長のみ見られます。", "en": "Only supervisors can see another person's worklist."},
    "chat.ask.pay": {
        "ja": "差押禁止額を計算するには支給額が必要です。例:「給料30万、所得税6千、住民税1万2千、社保4万2千、扶養2人」",
        "en": "I need the payment to compute the exempt amount, e.g. \"salary 300000, income tax 6000, resident tax 12000, social insurance 42000, 2 dependents\".",
    },
    "chat.exempt.header": {
        "ja": "{kind} {pay}円（{period}分）の差押禁止額は {exempt}円、差押可能額は {seizable}円です。",
        "en": "For {kind} of ¥{pay} ({period}) the exempt amount is ¥{exempt} and ¥{seizable} may be seized.",
    },
    "chat.exempt.assumed": {
        "ja": "{fields} は未入力のため 0 として計算しました。わかれば金額を添えてもう一度送ってください（例:「…住民税1万2千…」）。",
        "en": "{fields} not given: counted as 0. Send the question again with them if known.",
    },
    "web.nav.worklist": {"ja": "今日の案件", "en": "Worklist"},
    "web.nav.exempt": {"ja": "差押禁止額", "en": "Exempt amount"},
    "web.worklist.title": {"ja": "今日の案件", "en": "Worklist"},
    "web.worklist.heading": {"ja": "{name}さんの案件（取り組む順）", "en": "{name}'s cases in working order"},
    "web.worklist.explain": {
        "ja": "時効まで {days} 日以内の案件を時効の近い順に先頭へ。その後は1時間あたりの回収見込み（滞納額 × 上位3照会で財産が見つかる見込み × 生活再建の案件は½ ÷ 見込み時間）の高い順。時効完成済みは最後。",
        "en": "Cases prescribing within {days} days first (soonest first), then by expected yield per hour; already prescribed last.",
    },
    "web.worklist.show": {"ja": "表示", "en": "Show"},
    "web.worklist.count": {"ja": "未完了 {count} 件（時効まで {days} 日以内 {soon} 件）", "en": "{count} open ({soon} prescribing within {days} days)"},
    "web.worklist.prescription": {"ja": "時効完成予定", "en": "Prescribes on"},
    "web.worklist.reasons": {"ja": "理由", "en": "Why"},
    "web.worklist.extinguished": {"ja": "完成済み", "en": "prescribed"},
    "web.exempt.title": {"ja": "差押禁止額の計算", "en": "Exempt amount"},
    "web.exempt.explain": {
        "ja": "給与・賞与・年金1回分の差押禁止額（国税徴収法76条・77条、施行令34条）。金額は円、期間は日数（空欄は1か月）。",
        "en": "The exempt amount of one payment (National Tax Collection Act 76, 77). Yen; period in days (empty: one month).",
    },
    "web.exempt.field.pay": {"ja": "支給額", "en": "Payment"},
    "web.exempt.field.income_tax": {"ja": "所得税", "en": "Income tax"},
    "web.exempt.field.resident_tax": {"ja": "住民税", "en": "Resident tax"},
    "web.exempt.field.social_insurance": {"ja": "社会保険料", "en": "Social insurance"},
    "web.exempt.field.dependents": {"ja": "生計を一にする親族（人）", "en": "Dependants"},
    "web.exempt.field.period_days": {"ja": "支給期間（日）", "en": "Period (days)"},
    "web.exempt.field.kind": {"ja": "種類", "en": "Kind"},
    "web.exempt.submit": {"ja": "計算", "en": "Calculate"},
    "web.case.prescription": {"ja": "時効", "en": "Prescription"},
    "web.case.guidance": {"ja": "参考（経過記録から）", "en": "Guidance from the notes"},
    "web.case.actions": {"ja": "処分・収納の経過", "en": "Actions"},
    "web.action.demand": {"ja": "督促", "en": "demand"},
    "web.action.reminder": {"ja": "催告", "en": "reminder"},
    "web.action.payment": {"ja": "納付", "en": "payment"},
    "web.action.pledge": {"ja": "分納誓約", "en": "pledge"},
    "web.action.seizure": {"ja": "差押", "en": "seizure"},
    "web.action.seizure_released": {"ja": "差押解除", "en": "seizure released"},
    "web.action.suspension": {"ja": "執行停止", "en": "suspension"},
    "web.action.suspension_revoked": {"ja": "執行停止の取消", "en": "suspension revoked"},
    "web.action.deferral": {"ja": "猶予", "en": "deferral"},
    "web.action.deferral_end": {"ja": "猶予終了", "en": "deferral ended"},
    "web.dash.alerts": {"ja": "時効まで {days} 日以内の案件が {count} 件あります:", "en": "{count} cases prescribe within {days} days:"},
    "web.dash.prescription": {"ja": "時効完成予定", "en": "Prescribes on"},
    "digest.header": {"ja": "【週次ダイジェスト {week}】{name}さんへ", "en": "[Weekly digest {week}] for {name}"},
    "digest.prescribing": {"ja": "■ 時効まで {days} 日以内の案件: {count} 件", "en": "■ Cases prescribing within {days} days: {count}"},
    "digest.prescribing_row": {"ja": "・案件{case_id} 時効完成予定 {date}（あと {left} 日）", "en": "- case {case_id}: prescribes on {date} ({left} days)"},
    "digest.found": {"ja": "■ この {days} 日に財産が判明した案件: {count} 件（差押えの検討を）", "en": "■ Assets found in the past {days} days: {count} (consider seizure)"},
    "digest.found_row": {"ja": "・案件{case_id} {date} {target}", "en": "- case {case_id} {date} {target}"},
    "digest.footer": {"ja": "詳しくはWebの「今日の案件」、またはチャットで「今日はどの案件から？」", "en": "See the worklist page, or ask \"which cases today?\""},
    "digest.summary": {
        "ja": "週 {week}: 送信 {sent} 件、送信済みのため省略 {skipped} 件、送信先なし {unreachable} 件、内容なし {empty} 件",
        "en": "week {week}: sent {sent}, already sent {skipped}, no channel {unreachable}, nothing to say {empty}",
    },
    "digest.bad_week": {"ja": "週の指定が正しくありません: {value}（例: 2026-W49）", "en": "bad week: {value} (e.g. 2026-W49)"},
    "digest.send_failed": {"ja": "{staff_id} へのダイジェスト送信に失敗しました（{surface}: {reason}）", "en": "sending the digest to {staff_id} failed ({surface}: {reason})"},
    "chat.guidance.line": {"ja": "参考（{signal}）: {citation}", "en": "See ({signal}): {citation}"},
    "exempt.line": {"ja": "・{item}: {yen}円（{citation}）", "en": "- {item}: ¥{yen} ({citation})"},
    "exempt.item.income_tax": {"ja": "所得税", "en": "Income tax"},
    "exempt.item.resident_tax": {"ja": "住民税", "en": "Resident tax"},
    "exempt.item.social_insurance": {"ja": "社会保険料", "en": "Social insurance"},
    "exempt.item.living": {
        "ja": "生活費（本人10万円＋親族{dependents}人×4.5万円／月、{period}分）",
        "en": "Living costs (100,000 + 45,000 × {dependents} relatives a month; {period})",
    },
    "exempt.item.extra": {"ja": "残額 {rest:,}円の20%（生活費の2倍まで）", "en": "20% of the rest (¥{rest:,}), at most twice the living costs"},
    "exempt.period": {"ja": "{months}か月と{days}日", "en": "{months} months {days} days"},
    "exempt.period.months": {"ja": "{months}か月", "en": "{months} month(s)"},
    "exempt.period.days": {"ja": "{days}日", "en": "{days} days"},
    "exempt.kind.salary": {"ja": "給与", "en": "salary"},
    "exempt.kind.bonus": {"ja": "賞与", "en": "bonus"},
    "exempt.kind.pension": {"ja": "年金", "en": "pension"},
    "exempt.field.income_tax": {"ja": "所得税", "en": "income tax"},
    "exempt.field.resident_tax": {"ja": "住民税", "en": "resident tax"},
    "exempt.field.social_insurance": {"ja": "社会保険料", "en": "social insurance"},
    "exempt.field.dependents": {"ja": "扶養親族の人数", "en": "dependents"},
    "exempt.bad_yen": {"ja": "{field} の金額が正しくありません: {value}（0 以上の円で指定）", "en": "{field}: bad amount {value} (whole yen, 0 or more)"},
    "exempt.bad_dependents": {"ja": "扶養親族の人数が正しくありません: {value}（0〜30）", "en": "bad number of dependents: {value} (0-30)"},
    "exempt.bad_period": {"ja": "支給期間の日数が正しくありません: {value}（1〜366）", "en": "bad payment period: {value} days (1-366)"},
    "exempt.bad_kind": {"ja": "種類が正しくありません: {value}（salary / bonus / pension）", "en": "bad kind: {value} (salary / bonus / pension)"},
    # --- scaling out ---
    "doctor.check.chroma": {"ja": "Chroma サーバー", "en": "Chroma server"},
    "doctor.chroma_ok": {"ja": "接続できます: {url}", "en": "reachable: {url}"},
    "doctor.chroma_unreachable": {
        "ja": "接続できません: {url}（{reason}）",
        "en": "unreachable: {url} ({reason})",
    },
    "doctor.next.chroma": {
        "ja": "CHOSHU_CHROMA_URL を確かめ、Chroma サーバー（`chroma run --host … --port …`）が起動しているか確認してください。",
        "en": "Check CHOSHU_CHROMA_URL and that the Chroma server (`chroma run --host … --port …`) is running.",
    },
    # --- security ---------------------------------------------------------------
    "security.config": {
        "ja": "設定が安全ではありません。`choshu doctor` で確認してください。",
        "en": "The settings are not safe. Run `choshu doctor`.",
    },
    "security.refused_start": {
        "ja": "本番環境（CHOSHU_ENV=production）では起動できません: {reason}{more}",
        "en": "Refusing to start in production (CHOSHU_ENV=production): {reason}{more}",
    },
    "security.more_problems": {
        "ja": "（ほか{count}件: `choshu doctor` で確認）",
        "en": " ({count} more: see `choshu doctor`)",
    },
    "security.secret_weak": {
        "ja": "{setting} が未設定・既定値・{length}文字未満のいずれかです。{length}文字以上のランダムな値を設定してください（例: `python -c \"import secrets; print(secrets.token_urlsafe(48))\"`）。",
        "en": "{setting} is empty, a placeholder or shorter than {length} characters. Set a random value of at least {length} characters (e.g. `python -c \"import secrets; print(secrets.token_urlsafe(48))\"`).",
    },
    "security.secret_weak_dev": {
        "ja": "{setting} が{length}文字未満です（開発環境なので動作しますが、本番では拒否されます）。",
        "en": "{setting} is shorter than {length} characters (works in development; production refuses it).",
    },
    "security.secrets_file_bad": {
        "ja": "秘密鍵ファイル {path} が読めません。削除すると新しい鍵が作られます（ログイン中の人はログアウトされます）。",
        "en": "The secrets file {path} is unreadable. Delete it to generate new keys (everyone is logged out).",
    },
    "security.demo_login_production": {
        "ja": "CHOSHU_DEMO_LOGIN=true です。デモログイン（誰でも任意の職員としてログイン）は開発環境専用です。false にして OIDC ログインを設定してください。",
        "en": "CHOSHU_DEMO_LOGIN=true. The demo login (anyone logs in as any staff member) is for development only; set it to false and configure OIDC login.",
    },
    "security.teams_unauthenticated_production": {
        "ja": "TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true です。本番では Bot Framework のトークンのない要求を受け付けられません。",
        "en": "TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true. Production cannot accept requests without a Bot Framework token.",
    },
    "security.slack_no_signing_secret": {
        "ja": "SLACK_BOT_TOKEN があるのに SLACK_SIGNING_SECRET がありません。署名を検証できないため Slack の要求を受け付けられません。",
        "en": "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: Slack requests cannot be verified.",
    },
    "security.cli_chat_refused": {
        "ja": "本番環境では `choshu chat --as` は使えません（シェルから職員になりすませるため）。必要なら CHOSHU_CLI_CHAT_IN_PRODUCTION=true を設定してください（OS ユーザーが監査ログに残ります）。",
        "en": "`choshu chat --as` is refused in production (anyone with a shell could act as a staff member). Set CHOSHU_CLI_CHAT_IN_PRODUCTION=true to allow it (the OS user is audited).",
    },
    "security.audit.intact": {
        "ja": "監査ログのチェーンは正常です: {rows}行（チェーン導入前の行 {legacy}行）。最後のハッシュ {last}",
        "en": "The audit chain is intact: {rows} rows ({legacy} rows from before the chain). Last hash {last}",
    },
    "security.audit.broken": {
        "ja": "監査ログのチェーンが壊れています: {why}。その前の{checked}行は正常です。",
        "en": "The audit chain is broken: {why}; the {checked} rows before it are intact.",
    },
    "security.audit.broken_hash": {
        "ja": "行 id={id} の内容かハッシュが書き換えられています",
        "en": "row id={id} or its hash was changed",
    },
    "security.audit.broken_gap": {
        "ja": "行 id={id} の直前の行が削除されたか、順序が変えられています",
        "en": "a row before row id={id} was deleted, or the rows were reordered",
    },
    "security.audit.broken_unsealed": {
        "ja": "チェーンに入っていない行 id={id} が直接追加されています",
        "en": "row id={id}, outside the chain, was inserted directly",
    },
    "security.audit.broken_legacy": {
        "ja": "チェーン導入前の行の数が変わっています（行 id={id} 付近）",
        "en": "the number of rows from before the chain changed (near row id={id})",
    },
    "security.audit.bad_since": {
        "ja": "--since は YYYY-MM-DD で指定してください: {value}",
        "en": "--since must be YYYY-MM-DD: {value}",
    },
    "security.audit.exported": {
        "ja": "{since} 以降の監査ログ {rows}行をハッシュ付きで {path} に書き出しました。",
        "en": "Wrote {rows} audit rows since {since}, with their hashes, to {path}.",
    },
    "doctor.check.security": {"ja": "セキュリティ設定", "en": "Security settings"},
    "doctor.check.audit": {"ja": "監査ログのチェーン", "en": "Audit chain"},
    "doctor.check.login": {"ja": "ログイン", "en": "Login"},
    "doctor.security_ok": {
        "ja": "問題ありません（{env}）",
        "en": "no problems ({env})",
    },
    "doctor.next.security": {
        "ja": "上の「セキュリティ設定」の指摘を直してください（README の Security 節）。",
        "en": "Fix the security settings reported above (README, Security).",
    },
    "doctor.login_oidc": {
        "ja": "OIDC: {issuer}（職員は {claim} → {column} で照合）",
        "en": "OIDC: {issuer} (staff matched by {claim} → {column})",
    },
    "doctor.login_demo": {
        "ja": "デモログイン（開発環境・ループバックのみ）",
        "en": "demo login (development, loopback only)",
    },
    "doctor.login_none": {
        "ja": "Web ログインの方法がありません（CHOSHU_OIDC_ISSUER などを設定）",
        "en": "no web login is configured (set CHOSHU_OIDC_ISSUER …)",
    },
    "doctor.next.login": {
        "ja": "README の Security 節に従って OIDC（Entra ID）を設定してください。",
        "en": "Configure OIDC (Entra ID) as the README's Security section describes.",
    },
    "doctor.audit_ok": {
        "ja": "正常: {rows}行（導入前 {legacy}行）",
        "en": "intact: {rows} rows ({legacy} from before the chain)",
    },
    "doctor.audit_unchecked": {
        "ja": "確認できません: {reason}",
        "en": "cannot be checked: {reason}",
    },
    "doctor.next.audit": {
        "ja": "監査ログが改ざんされた可能性があります。`choshu audit verify` で行を確かめ、外部に送ったエクスポートと照合してください。",
        "en": "The audit log may have been tampered with. Run `choshu audit verify` and compare with the exports shipped to the log server.",
    },
    "web.login.refused": {
        "ja": "ログインできませんでした。もう一度お試しください。続く場合は管理者に連絡してください。",
        "en": "Login failed. Try again; if it keeps failing, contact the administrator.",
    },
    "web.login.unknown_user": {
        "ja": "このアカウントは職員名簿に登録されていません。管理者に連絡してください。",
        "en": "This account is not in the staff list. Contact the administrator.",
    },
    "web.login.oidc": {"ja": "{provider} でログイン", "en": "Log in with {provider}"},
    "web.login.none": {
        "ja": "ログインの方法が設定されていません。管理者に連絡してください（OIDC の設定が必要です）。",
        "en": "No login method is configured. Contact the administrator (OIDC must be set up).",
    },
    "web.login.expired": {
        "ja": "セッションの有効期限が切れたか、終了されました。もう一度ログインしてください。",
        "en": "Your session expired or was ended. Please log in again.",
    },
    "web.audit.os_user": {"ja": "OSユーザー {user}", "en": "OS user {user}"},
    "web.sessions.title": {"ja": "ログイン中のセッション", "en": "Active sessions"},
    "web.sessions.staff": {"ja": "職員", "en": "Staff"},
    "web.sessions.count": {"ja": "セッション数", "en": "Sessions"},
    "web.sessions.last_seen": {"ja": "最終操作", "en": "Last active"},
    "web.sessions.origin": {"ja": "接続元", "en": "From"},
    "web.sessions.end": {"ja": "終了させる", "en": "End"},
    "web.sessions.ended": {
        "ja": "{staff_id} のセッションを{count}件終了しました。",
        "en": "Ended {count} sessions of {staff_id}.",
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
