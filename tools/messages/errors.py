"""The domain errors' texts (``store.errors`` keys), rendered by :func:`tools.messages.error_text`,
and the nouns of ``NotFound(what=…)`` (``what.*``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
        "ja": "財産調査先の推薦モデルがまだ使えません（未学習か、学習し直しが必要です）。システム管理者にモデルの学習を依頼してください。",
        "en": "The investigation-target model is not available yet (not trained, or it needs retraining). Ask your system administrator to train it.",
    },
    "error.unavailable": {
        "ja": "いまは使えません。しばらくしてからもう一度お試しください。",
        "en": "Not available right now. Try again in a while.",
    },
    "error.infeasible": {
        "ja": "条件を満たす割当がありません: {detail}",
        "en": "No assignment satisfies the constraints: {detail}",
    },
    # --- what was not found: NotFound(what="case", ident=…) ----------------------------------
    "what.case": {"ja": "案件", "en": "case"},
    "what.staff": {"ja": "職員", "en": "staff member"},
    "what.institution": {"ja": "金融機関", "en": "financial institution"},
    "what.employer": {"ja": "勤務先", "en": "employer"},
    "what.tool": {"ja": "ツール", "en": "tool"},
    "error.unexpected": {
        "ja": "予期しないエラーが発生しました。管理者に連絡してください（参照番号: {ref}）。",
        "en": "An unexpected error occurred. Please contact the administrator (ref: {ref}).",
    },
}
