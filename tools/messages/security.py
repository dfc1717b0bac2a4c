"""Security: unsafe settings, the audit chain, the audit log page, login sessions."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- settings -----------------------------------------------------------------------
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
    # --- the audit chain ----------------------------------------------------------------
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
    # --- the audit log page -------------------------------------------------------------
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
    "web.audit.os_user": {"ja": "OSユーザー {user}", "en": "OS user {user}"},
    # --- sessions -----------------------------------------------------------------------
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
}
