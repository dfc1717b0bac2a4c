"""The web interface's frame: title, navigation, login, errors."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- frame --------------------------------------------------------------------------
    "web.title": {"ja": "徴収アシスタント", "en": "Collection assistant"},
    "web.nav.chat": {"ja": "チャット", "en": "Chat"},
    "web.nav.dashboard": {"ja": "割当", "en": "Assignment"},
    "web.nav.search": {"ja": "法令・マニュアル検索", "en": "Search"},
    "web.nav.audit": {"ja": "監査ログ", "en": "Audit log"},
    "web.nav.logout": {"ja": "ログアウト", "en": "Log out"},
    "web.role.staff": {"ja": "職員", "en": "Staff"},
    "web.role.supervisor": {"ja": "係長・管理者", "en": "Supervisor"},
    "web.team": {"ja": "{team}", "en": "{team}"},
    "web.supervisor_only": {
        "ja": "この画面は係長・管理者のみ利用できます。",
        "en": "Only supervisors can use this page.",
    },
    "web.csrf_failed": {
        "ja": "フォームの有効期限が切れました。ページを再読み込みしてやり直してください。",
        "en": "The form has expired. Reload the page and try again.",
    },
    "web.busy": {
        "ja": "ただいま混み合っています（何も変更していません）。数秒おいてもう一度お試しください。",
        "en": "The server is busy right now; nothing was changed. Please try again in a few seconds.",
    },
    "web.nav.worklist": {"ja": "今日の案件", "en": "Worklist"},
    "web.nav.exempt": {"ja": "差押禁止額", "en": "Exempt amount"},
    # --- login --------------------------------------------------------------------------
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
    "web.login.unknown_staff": {
        "ja": "その職員は登録されていません。",
        "en": "That staff member is not in the store.",
    },
    "web.login.logged_out": {"ja": "ログアウトしました。", "en": "You have logged out."},
    "web.login.required": {"ja": "ログインしてください。", "en": "Please log in."},
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
    # --- errors -------------------------------------------------------------------------
    "web.error.title": {"ja": "エラー", "en": "Error"},
    "web.error.back": {"ja": "戻る", "en": "Back"},
    "web.error.page_not_found": {
        "ja": "ページが見つかりません。",
        "en": "Page not found.",
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
}
