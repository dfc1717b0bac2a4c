"""The chat surfaces (web chat, Slack, Teams, CLI chat): asking back, buttons, help, refusals."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- refusals and failures ----------------------------------------------------------
    "chat.unknown_user": {
        "ja": "申し訳ありません。このアカウントは職員名簿に登録されていないため、お答えできません。管理者に職員名簿（staff.csv の slack_user_id / teams_user_id）への登録を依頼してください。",
        "en": "Sorry, this account is not in the staff list, so I cannot answer. Please ask the administrator to add your Slack/Teams user id to the staff list (staff.csv).",
    },
    "chat.supervisor_only": {
        "ja": "担当替えと割当表の作成は係長（supervisor）だけが行えます",
        "en": "only supervisors may reassign cases or build the assignment table",
    },
    "chat.empty": {
        "ja": "メッセージが空です。例えば「010014の財産調査先はどこがいい？」「何ができるの？」と送ってください。",
        "en": "The message is empty. Try “Where should I investigate for case 010014?” or “help”.",
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
    "chat.error.hint": {
        "ja": "（「ヘルプ」と送ると使い方を表示します）",
        "en": "(send “help” to see what I can do)",
    },
    "chat.private_notice": {
        "ja": "案件の情報を含むため、回答はあなたにだけ表示されるメッセージ（またはDM）で送りました。",
        "en": "The answer contains case data, so I sent it only to you (ephemeral message or DM).",
    },
    "chat.turn_lost": {
        "ja": "処理の途中で応答が途切れました（参照番号 {ref}）。登録や担当替えなど変更を伴う依頼だった場合は、結果を確かめてからもう一度送ってください。",
        "en": "The answer was cut off while your request was being processed (reference {ref}). If it was meant to change something, check whether it did before sending it again.",
    },
    "chat.busy": {
        "ja": "ただいま混み合っているため、お答えできませんでした（何も変更していません）。数秒おいてもう一度送ってください。",
        "en": "The assistant is busy right now, so nothing was done. Please send your message again in a few seconds.",
    },
    # --- asking back --------------------------------------------------------------------
    "chat.ask.intent": {
        "ja": "ご用件を確認させてください。次のどれですか？",
        "en": "Let me check what you need. Which of these?",
    },
    "chat.ask.case_id": {
        "ja": "案件番号を教えてください（例:「010014の概要」「No.010014の財産調査先」）。",
        "en": "Which case? Please include the case number (e.g. “summary of case 010014”).",
    },
    "chat.ask.which_case": {
        "ja": "案件番号が複数あります。どの案件ですか？",
        "en": "Several case numbers were given. Which case?",
    },
    "chat.ask.to_staff": {
        "ja": "誰に担当替えしますか？ 職員名か職員IDを書いてください（例:「010014の担当を佐藤さんに」）。",
        "en": "Reassign to whom? Write a staff name or ID (e.g. “reassign 010014 to A01”).",
    },
    "chat.ask.result": {
        "ja": "照会結果を記録するには、照会先と結果（あり／なし）を書いてください（例:「010014の〇〇銀行照会、口座ありでした」）。",
        "en": "To record a result, name the target and the result (e.g. “010014 Mizuho Bank: account found”).",
    },
    "chat.ask.which_staff": {
        "ja": "「{written}」に当たる職員が{count}人います。どなたですか？",
        "en": "{count} staff members match “{written}”. Which one?",
    },
    # --- tool names ---------------------------------------------------------------------
    "chat.tool.help": {"ja": "使い方", "en": "Help"},
    # --- buttons and small replies ------------------------------------------------------
    "chat.button.confirm": {"ja": "確定", "en": "Confirm"},
    "chat.button.cancel": {"ja": "やめる", "en": "Cancel"},
    "chat.button.good": {"ja": "👍 役に立った", "en": "👍 Helpful"},
    "chat.button.bad": {"ja": "👎 違った", "en": "👎 Not helpful"},
    # --- links to the web pages (tools.reply.Link) ----------------------------------------
    "chat.link.case": {"ja": "案件ページを開く", "en": "Open the case page"},
    "chat.link.dashboard": {"ja": "ダッシュボードを開く", "en": "Open the dashboard"},
    "chat.link.document": {"ja": "検索ページで開く", "en": "Open on the search page"},
    "chat.link.case_id": {"ja": "案件{case_id}を開く", "en": "Open case {case_id}"},
    "chat.link.worklist": {"ja": "Webの「今日の案件」を開く", "en": "Open the web worklist"},
    "chat.link.article": {"ja": "{article}を開く", "en": "Open {article}"},
    "chat.cancelled": {"ja": "取り消しました。何も変更していません。", "en": "Cancelled. Nothing was changed."},
    "chat.rate.thanks": {
        "ja": "評価ありがとうございます。今後の検索結果の順位に反映します。",
        "en": "Thanks for the rating; it will improve future results.",
    },
    # --- help ---------------------------------------------------------------------------
    "chat.help.header": {
        "ja": "徴収アシスタントです。次のように話しかけてください:",
        "en": "I am the collection assistant. You can ask me:",
    },
    "chat.help.row": {"ja": "・{label}: 「{example}」", "en": "- {label}: “{example}”"},
    "chat.help.footer": {
        "ja": "案件の情報はあなたの担当と同じ係の案件だけ表示します。担当替えと割当表は係長が行えます。",
        "en": "You see your own and your team's cases. Supervisors reassign and build the assignment table.",
    },
    # --- the LLM agent ------------------------------------------------------------------
    "chat.llm.fallback": {
        "ja": "（LLMに接続できなかったため、オフラインの応答で答えています）",
        "en": "(The LLM could not be reached; this is the offline answer.)",
    },
    "chat.llm.no_answer": {
        "ja": "（LLMから使える回答がなかったため、オフラインの応答で答えています）",
        "en": "(The LLM gave no usable answer; this is the offline answer.)",
    },
    # --- surfaces -----------------------------------------------------------------------
    "chat.web.title": {"ja": "チャット", "en": "Chat"},
    "chat.web.placeholder": {
        "ja": "例: {case}の財産調査先はどこがいい？",
        "en": "e.g. Where should I investigate for case {case}?",
    },
    # Shown in the examples above when the staff member holds no case.
    "chat.web.example_case": {"ja": "（案件番号）", "en": "(case number)"},
    "chat.web.intro": {
        "ja": "徴収アシスタントです。案件番号と用件を書いてください。例:「{case}の財産調査先はどこがいい？」「分納誓約の手続きは？」「何ができるの？」",
        "en": "I am the collection assistant. Write a case number and what you need, e.g. “Where should I investigate for case {case}?” or “help”.",
    },
    "chat.web.send": {"ja": "送信", "en": "Send"},
    "chat.web.as": {"ja": "{name}（{role}）としてログイン中", "en": "Logged in as {name} ({role})"},
    "chat.cli.intro": {
        "ja": "{name}（{staff_id}）として話します。例:「{case}の概要」「分納誓約の手続きは？」。終了は Ctrl-D か「exit」。ボタンは番号で選べます。",
        "en": "Chatting as {name} ({staff_id}), e.g. “summary of {case}”. Ctrl-D or “exit” to quit; pick a button by its number.",
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
    # --- conversation: follow-ups, typed confirmations, several requests, greetings ---
    "chat.focus.about": {"ja": "（案件{case_id}について）\n", "en": "(About case {case_id})\n"},
    "chat.confirm.nothing": {
        "ja": "何を確定するかが分かりません（確認待ちの操作がありません）。やりたいことを書いてください（例:「010014の担当を鈴木さんに」）。",
        "en": "There is nothing waiting for confirmation. Tell me what to do (e.g. “reassign 010014 to Suzuki”).",
    },
    "chat.undo.nothing": {
        "ja": "この会話で記録した照会結果がないので、取り消すものがありません（記録の返信の「取り消す」ボタンも使えます）。",
        "en": "No investigation result was recorded in this conversation, so there is nothing to undo.",
    },
    "chat.correct.nothing": {
        "ja": "この会話で記録した照会結果がないので、訂正するものが分かりません。案件番号と照会先を書いてください（例:「010014の〇〇銀行照会、なしでした」）。",
        "en": "No investigation result was recorded in this conversation, so I don't know what to correct. Give the case and target (e.g. “010014 MUFG: not found”).",
    },
    "chat.cancel.nothing": {
        "ja": "取り消す操作はありません（確認待ちのものがありません）。",
        "en": "There is nothing waiting to be cancelled.",
    },
    "chat.more.none": {
        "ja": "続きを出せる回答がありません。マニュアルや条文の検索、財産調査先のあとに「もっと見せて」と書いてください。",
        "en": "There is no answer to continue. Ask “more” after a search or the investigation targets.",
    },
    "chat.more.end": {"ja": "これ以上の結果はありません。", "en": "There are no more results."},
    "chat.multi.header": {
        "ja": "{count}つのご依頼に順に対応しました。",
        "en": "Your {count} requests, in order:",
    },
    "chat.multi.part": {"ja": "【{number}】「{clause}」", "en": "[{number}] “{clause}”"},
    "chat.multi.not_done": {
        "ja": "【{number}】「{clause}」は実行していません:",
        "en": "[{number}] “{clause}” was not done:",
    },
    "chat.smalltalk.greeting": {
        "ja": "お疲れ様です。案件番号（例:「010014の概要」）や「今日の案件」と書いてください（「ヘルプ」で一覧）。",
        "en": "Hello. Ask about a case (e.g. “summary of 010014”) or “today's cases” (“help” lists everything).",
    },
    "chat.smalltalk.thanks": {
        "ja": "どういたしまして。ほかにも案件番号や「今日の案件」でお手伝いできます。",
        "en": "You're welcome. Ask about a case number or “today's cases” any time.",
    },
}
