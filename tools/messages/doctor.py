"""``choshu doctor``: what is set up and what to do next."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "doctor.next.public_url": {
        "ja": "CHOSHU_PUBLIC_URL（このサーバーの https の公開アドレス）を設定してください。設定がないと Slack・Teams の回答に案件ページや条文へのリンクが付きません。",
        "en": "Set CHOSHU_PUBLIC_URL (this server's public https address): without it, Slack and Teams answers carry no links to the case page or the article.",
    },
    "doctor.next.llm": {
        "ja": "CHOSHU_LLM_BASE_URL を設定するか、CHOSHU_LLM_ENABLED=false にしてください。",
        "en": "Set CHOSHU_LLM_BASE_URL or set CHOSHU_LLM_ENABLED=false.",
    },
    "doctor.check.work_log": {"ja": "作業記録の期間", "en": "Work-log periods"},
    "doctor.work_log_ok": {
        "ja": "作業記録はすべて案件の開始後の年度です。",
        "en": "Every work-log row is in a year the case was open.",
    },
    "doctor.next.work_log": {
        "ja": "開始日より前の作業記録がある案件の opened_on（再開した案件など）を元システムで確認し、取り込み直してください。",
        "en": "Check opened_on of the cases with work logged before it (reopened cases?) in the source system and import again.",
    },
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
}
