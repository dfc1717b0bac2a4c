"""Assigning cases to staff: the plan, its application, one reassignment, the dashboard."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- tool names ---------------------------------------------------------------------
    "chat.tool.reassign_case": {"ja": "担当替え", "en": "Reassign"},
    "chat.tool.assign_cases": {"ja": "割当表の作成", "en": "Assignment table"},
    "chat.tool.apply_plan": {"ja": "割当案の確定", "en": "Apply the assignment plan"},
    # --- in chat ------------------------------------------------------------------------
    "chat.reassign.moved": {
        "ja": "実行していません: 案件{case_id}は確認のあとで担当が変わり、いまは {from_name} です。{from_name} から {to_name}（{to_id}）に替えてよければ、改めて「確定」を押してください。",
        "en": "Not done: case {case_id} has changed hands since you were asked; it is now {from_name}'s. Press “Confirm” again to move it from {from_name} to {to_name} ({to_id}).",
    },
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
    "chat.assign.header": {
        "ja": "割当表の案（育成の重み {weight}）: 未処理案件 {cases}件を{staff}人に割り当てます。最も忙しい職員の見込み {makespan} 時間（下限 {bound} 時間、差 {gap}%）。",
        "en": "Assignment plan (development weight {weight}): {cases} open cases to {staff} staff. Busiest person: {makespan} h (lower bound {bound} h, gap {gap}%).",
    },
    "chat.assign.row": {
        "ja": "・{name}: {cases}件 / {hours} 時間",
        "en": "- {name}: {cases} cases / {hours} h",
    },
    "chat.assign.footer": {
        "ja": "この案（担当替え {moves} 件）はダッシュボードに保存しました。適用するには「確定」を押すか入力してください（ダッシュボードからも適用できます）。",
        "en": "This plan ({moves} moves) is saved on the dashboard. Press or type “confirm” to apply it (or apply it on the dashboard).",
    },
    "chat.plan.none": {
        "ja": "確定できる割当案がありません（作成していない、適用済み、または期限切れです）。先に「割当表を作って」と依頼してください。",
        "en": "There is no assignment plan to apply (none made, already applied, or expired). Ask for one first (“make the assignment table”).",
    },
    "chat.plan.applied": {
        "ja": "割当案を確定しました。{moved} 件の担当者を変更し、担当履歴に記録しました。",
        "en": "Plan applied: {moved} cases changed hands; the assignment history records each.",
    },
    # --- planning and applying ----------------------------------------------------------
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
    "assign.scope.team": {"ja": "対象: {team}（係内の担当替えのみ）", "en": "Scope: {team} (moves within the team only)"},
    "assign.scope.office": {"ja": "対象: 全体", "en": "Scope: whole office"},
    "assign.out_of_period": {
        "ja": "作業記録 {count} 行は案件の開始日（opened_on）より前の年度のものです。見込み時間の推定から除きました（例: 案件{example}）。元データの開始日を確認してください。",
        "en": "{count} work-log rows fall in a fiscal year before the case's opened_on; they are left out of the hours estimate (e.g. case {example}). Check the export's opening dates.",
    },
    # --- evaluation ---------------------------------------------------------------------
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
    # --- reassigning on the case page ---------------------------------------------------
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
    # --- the dashboard ------------------------------------------------------------------
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
    "web.dash.scope": {"ja": "対象", "en": "Scope"},
    "web.dash.scope_office": {"ja": "全体（係をまたぐ担当替えあり）", "en": "Whole office (moves across teams)"},
    "web.dash.team": {"ja": "係", "en": "Team"},
    "web.dash.cross_team": {"ja": "係をまたぐ", "en": "other team"},
    "web.dash.by_difficulty": {"ja": "習熟度・難易度別の処理時間", "en": "Hours by proficiency and difficulty"},
    "web.dash.by_difficulty_hint": {
        "ja": "各職員が標準的な 易・中・難 の案件1件に1年でかける見込み時間（作業記録から推定）。難しい案件ほど職員の差が大きければ、難しい案件を熟練職員に任せると全体が早く終わります。",
        "en": "Each officer's expected hours per year on a typical easy, medium and hard case (learned from the work log). Where the gap grows with difficulty, giving the hard cases to veterans finishes the office's work sooner.",
    },
}
