"""The recommender: which investigation targets to try first, why, and its evaluation; 生活再建 (hardship)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- tool names ---------------------------------------------------------------------
    "chat.tool.recommend_targets": {"ja": "財産調査先", "en": "Investigation targets"},
    # --- in chat ------------------------------------------------------------------------
    "chat.kind.deposit": {"ja": "預貯金", "en": "deposit"},
    "chat.kind.life_insurance": {"ja": "生命保険", "en": "life insurance"},
    "chat.kind.securities": {"ja": "証券", "en": "securities"},
    "chat.kind.salary": {"ja": "給与", "en": "salary"},
    "chat.kind.pension": {"ja": "年金", "en": "pension"},
    "chat.kind.real_estate": {"ja": "不動産", "en": "real estate"},
    "chat.kind.vehicle": {"ja": "自動車", "en": "vehicle"},
    "chat.kind.receivable": {"ja": "売掛金", "en": "receivables"},
    "chat.recommend.header": {
        "ja": "案件{case_id}の財産調査先（上位{count}件）。照会したら結果をボタンで記録してください。",
        "en": "Investigation targets for case {case_id} (top {count}). Record each inquiry's result with the buttons.",
    },
    "chat.recommend.more_header": {
        "ja": "案件{case_id}の財産調査先（続き: {first}〜{last}位）。",
        "en": "Investigation targets for case {case_id} (continued: {first} to {last}).",
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
    "chat.recommend.hardship": {
        "ja": "⚠ 生活再建（執行停止等）の検討をお勧めします: {reasons}",
        "en": "⚠ Consider hardship relief (suspension etc.): {reasons}",
    },
    # --- the recommender ----------------------------------------------------------------
    "recommend.known_item": {
        "ja": "{name}（{kind}・{date} 案件{case_id}）",
        "en": "{name} ({kind}, {date}, case {case_id})",
    },
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
    "recommend.excluded_welfare": {
        "ja": "生活保護受給中のため、差押えに向けた調査先は推奨しません（生活保護法58条）。執行停止の検討と福祉窓口との連携をお勧めします。",
        "en": "On welfare: no seizure targets (生活保護法58条); consider a suspension review and working with the welfare office.",
    },
    # --- evaluation ---------------------------------------------------------------------
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
    "recommend.eval.hardship_pr": {
        "ja": "生活再建の目安（評価対象の全案件、真値と照合）: 目安あり {flagged:,} 件・真に困窮 {true:,} 件、適合率 {precision}・再現率 {recall}。",
        "en": "Hardship triage (every holdout case, against the truth): {flagged:,} flagged, {true:,} really in hardship; precision {precision}, recall {recall}.",
    },
    "recommend.eval.hardship_no_truth": {
        "ja": "生活再建の目安の適合率・再現率: 真値に hardship_truth.csv がないため表示できません（`choshu demo-data` で作り直すと出力されます）。",
        "en": "Hardship precision and recall: the truth has no hardship_truth.csv (regenerate it with `choshu demo-data`).",
    },
    # --- reasons ------------------------------------------------------------------------
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
    "reason.near_home": {
        "ja": "自宅から {km} km の最寄り支店: {branch}（照会はこの支店へ）",
        "en": "Nearest branch, {km} km from home: {branch} (send the inquiry there)",
    },
    "reason.near_work": {
        "ja": "勤務先から {km} km の最寄り支店: {branch}（照会はこの支店へ）",
        "en": "Nearest branch, {km} km from the workplace: {branch} (send the inquiry there)",
    },
    "reason.receivable_partner": {
        "ja": "経過記録にある取引先: {partner}（{date}）。売掛金はこの取引先に照会",
        "en": "Business partner in the case notes: {partner} ({date}); ask them about receivables",
    },
    # after a rate above the shown probability: what lowers it for this case
    "reason.lower_own_not_found": {
        "ja": "ただし本人の過去の照会では発見なし。このため見込みは {score}%",
        "en": "But an earlier inquiry for this taxpayer found nothing, hence {score}%",
    },
    "reason.lower_employer_left": {
        "ja": "ただし経過記録に退職の記載。このため見込みは {score}%",
        "en": "But the case notes say the taxpayer left this employer, hence {score}%",
    },
    "reason.lower_neighbours": {
        "ja": "ただし近隣（同じ町丁目）の照会 {n} 件で発見なし。このため見込みは {score}%",
        "en": "But {n} inquiries for neighbours in the same 町丁目 found nothing, hence {score}%",
    },
    "reason.lower_coworkers": {
        "ja": "ただし同じ勤務先の同僚の照会 {n} 件で発見なし。このため見込みは {score}%",
        "en": "But {n} inquiries for co-workers at the same employer found nothing, hence {score}%",
    },
    "reason.lower_far": {
        "ja": "ただし自宅・勤務先から {near} km 以内に支店がない（自宅から最寄り {km} km）。このため見込みは {score}%",
        "en": "But no branch within {near} km of home or work (nearest {km} km from home), hence {score}%",
    },
    "reason.lower_no_branch": {
        "ja": "ただし自宅の近くに支店が確認できない。このため見込みは {score}%",
        "en": "But no branch is known near the taxpayer's home, hence {score}%",
    },
    "reason.lower_other": {
        "ja": "ただしこの案件のほかの事情（所得・年齢・照会実績など）を合わせると見込みは {score}%",
        "en": "But this case's other facts (income, age, past inquiries) taken together give {score}%",
    },
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
    "reason.office_none": {
        "ja": "当庁にこの照会先の照会実績なし（見込みは同種の照会先と本人の事情から）",
        "en": "No inquiry at this office yet (the figure comes from similar targets and this case)",
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
    # --- 生活再建 (hardship) ----------------------------------------------------------------
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
    "hardship.settle_first": {
        "ja": "調査先は預貯金・給与・年金を先に並べています。差し押さえられる財産の有無はこれらの照会で確かめられ、財産がなければ執行停止（国税徴収法153条・地方税法15条の7）の判断材料になります。",
        "en": "Deposits, salary and pension are listed first: those inquiries settle whether anything can be seized, and if nothing is, they support a suspension (国税徴収法153条, 地方税法15条の7).",
    },
    "hardship.suspended_before": {
        "ja": "同じ納税者の別の案件が執行停止中",
        "en": "Another case of this taxpayer is under a suspension (執行停止)",
    },
    "hardship.learned": {
        "ja": "当庁の執行停止の実績から学習した見込み {pct}%（上記の兆候の新しさ・所得・照会結果から）",
        "en": "Likelihood {pct}% learned from this office's past suspensions (recency of the signs, income, inquiry results)",
    },
}
