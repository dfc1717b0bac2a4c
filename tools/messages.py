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
