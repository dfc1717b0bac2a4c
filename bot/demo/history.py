"""経過記録 and 財産調査履歴, written and chosen the way officers write and choose them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from bot.demo.caseload import Cases, Staff, fiscal_year
from bot.demo.drift import make_drift
from bot.demo.holdings import Holdings, Target
from bot.demo.population import Employers, Taxpayers
from bot.demo.styles import styled_weights
from bot.demo.world import INSTITUTIONS, LIFE_SHARE, BranchRec, km

DEPOSIT_TIERS = ("mega", "regional", "post", "shinkin", "shinkumi", "online", "ja")
DEPOSITS = [i for i in INSTITUTIONS if i.tier in DEPOSIT_TIERS]
LIFES = [i for i in INSTITUTIONS if i.tier == "life"]
SECURITIES = [i for i in INSTITUTIONS if i.tier == "securities"]
_KIND_OF_TIER = {"life": "life_insurance", "securities": "securities"}
# 一斉照会 through the 電子照会 service: every institution that answers electronically.
BULK_TARGETS: tuple[Target, ...] = tuple(
    (_KIND_OF_TIER.get(i.tier, "deposit"), i.institution_id) for i in INSTITUTIONS if i.electronic_inquiry
)
# Exploratory paper inquiries: one institution off the electronic list, chosen at random.
PAPER_TARGETS: tuple[Target, ...] = tuple(
    (_KIND_OF_TIER.get(i.tier, "deposit"), i.institution_id) for i in INSTITUTIONS if not i.electronic_inquiry
)
BULK_SHARE = 0.05  # cases in the yearly 一斉照会 at the start of 滞納整理
BULK_HIGH_SHARE = 0.25  # the highest amounts due …
BULK_HIGH_EXTRA = 0.16  # … are sent to it more often
PAPER_SHARE = 0.3  # cases with one exploratory paper inquiry
CHOICE_BATCHES = 0.55  # Poisson mean of the officer's own batches (plus one, 30 %)
BULK_MONTH = 6  # 滞納整理 starts in June, after the 督促 of the new fiscal year

ROUTINE = (
    "催告書送付",
    "催告書送付",
    "電話催告、不在",
    "電話催告、留守電にメッセージ残す",
    "臨戸、不在票差置",
    "臨戸、本人不在。家族に納付を伝言",
    "差押予告通知送付",
    "文書催告、反応なし",
    "電話催告、本人と話す。月末に納付予定とのこと",
    "本人より電話あり。納付書再発行",
    "督促状返戻、住所調査",
    "納付約束不履行のため再催告",
)
HARDSHIP_LINES = {
    1: ("失業中とのこと。ハローワークに通所中", "会社を解雇され収入なしと聴取", "失業により納付困難との申出"),
    2: ("多重債務あり、弁護士に債務整理を相談中", "消費者金融数社から借入ありと聴取", "多重債務のため返済に追われているとのこと"),
    3: ("病気で入院中と家族より聴取", "病気療養中で就労できないとのこと", "入院・通院が続き収入減とのこと"),
    4: ("生活困窮を訴える。家賃も滞納中", "生活が苦しく納付できないとの申出", "生活困窮のため分納も困難とのこと"),
    5: ("生活保護申請中とのこと。福祉事務所に確認予定", "生活保護の申請をしたと本人より聴取"),
}
FALSE_ALARMS = (
    "生活が苦しいと言うが、納付の意思はある様子",
    "収入が減ったとのこと。詳細は聴取できず",
    "家計が厳しいと話すが、分納には応じる意向",
)
INSTALLMENT_FOLLOWUPS = (
    "分納不履行のため催告",
    "分納継続中、今月分の入金確認",
    "分納額の変更相談あり",
)
HELD_BANK_LINES = (
    "本人より{b}に口座ありと聴取",
    "家族より{b}の口座を使っていると聴取",
    "口座振替依頼書（{b}）提出あり",
    "本人来庁。{b}の通帳を持参",
    "{b}から振込で一部納付あり",
)
UNSURE_BANK_LINES = (
    "本人より以前は{b}を使っていたと聴取",
    "{b}の口座は解約したとのこと",
    "本人より{b}に口座ありと聴取",
)


@dataclass
class History:
    notes: list[dict[str, object]]
    investigations: list[dict[str, object]]


def _alias(rng: np.random.Generator, inst_id: str) -> str:
    inst = next(i for i in INSTITUTIONS if i.institution_id == inst_id)
    return inst.aliases[int(rng.integers(len(inst.aliases)))]


def _short_employer(name: str) -> str:
    for word in ("株式会社", "有限会社", "医療法人社団", "社会福祉法人", "学校法人"):
        name = name.replace(word, "")
    return name


def _dates(rng: np.random.Generator, start: dt.date, end: dt.date, k: int) -> list[dt.date]:
    """``k`` distinct days in [start, end] (fewer when the span is shorter), in order."""
    span = max(1, (end - start).days)
    days = rng.choice(span + 1, size=min(k, span + 1), replace=False)
    return [start + dt.timedelta(days=int(d)) for d in np.sort(days)]


def make_history(
    rng: np.random.Generator,
    branches: list[BranchRec],
    emp: Employers,
    tp: Taxpayers,
    hold: Holdings,
    cases: Cases,
    staff: Staff,
    *,
    officer_style: str = "veteran",
    seed: int = 0,
    drift: str = "none",
) -> History:
    notes: list[dict[str, object]] = []
    inv: list[dict[str, object]] = []
    mentioned: dict[int, dict[str, dt.date]] = {}  # taxpayer -> institution -> first mention
    pledged: set[int] = set()  # cases whose 分納誓約 is already written down
    asked: dict[int, dict[Target, tuple[str, dt.date]]] = {}  # taxpayer -> target -> last result
    # Distances from each taxpayer's home to each deposit institution's nearest branch.
    dist = np.full((len(tp.ids), len(DEPOSITS)), 9.0)
    for k, inst in enumerate(DEPOSITS):
        own = [b for b in branches if b.institution_id == inst.institution_id]
        if own:
            bl = np.array([b.lat for b in own])
            bo = np.array([b.lon for b in own])
            dist[:, k] = km(tp.lat[:, None], tp.lon[:, None], bl[None, :], bo[None, :]).min(axis=1)
    base, columns = _officer_scores(tp, dist)
    base = styled_weights(officer_style, base, columns, seed)
    col_index = {t: k for k, t in enumerate(columns)}
    for j, cid in enumerate(cases.ids):
        i = int(cases.taxpayer[j])
        held = hold.by_taxpayer[i]
        start, end = cases.opened[j], cases.end[j]

        # --- 経過記録 -------------------------------------------------------------------
        n_notes = 1 + int(rng.poisson(0.55 + 0.4 * (tp.hardship[i] > 0)))
        for d in _dates(rng, start + dt.timedelta(days=5), end, n_notes):
            text = _note_text(rng, i, j, tp, emp, held, cases, mentioned, pledged, d)
            notes.append({"case_id": cid, "date": d.isoformat(), "text": text, "staff_id": _who(staff, cases, j, d)})

    # --- 財産調査 (after all notes, so a batch sees every earlier note of the taxpayer) ---------
    # Its own stream of random numbers (spawning leaves ``rng`` where it was): the files written
    # after the history do not shift when the officers' habits change.
    irng = rng.spawn(1)[0]
    shift = make_drift(drift, seed, len(tp.ids), min(cases.opened), max(cases.end)) if len(cases.ids) else None
    high = cases.amount >= np.quantile(cases.amount, 1 - BULK_HIGH_SHARE) if len(cases.ids) else np.zeros(0, bool)
    for j, cid in enumerate(cases.ids):
        i = int(cases.taxpayer[j])
        held = hold.by_taxpayer[i]
        start, end = cases.opened[j], cases.end[j]
        poor = tp.hardship[i] > 0 or tp.welfare[i]
        rate = 0.15 if tp.welfare[i] else (0.7 if poor else 1.0)
        inv_start = start + dt.timedelta(days=30)
        if inv_start >= end:
            continue
        events: list[tuple[dt.date, str]] = []
        n_batches = int(irng.poisson(CHOICE_BATCHES * rate)) + (1 if irng.random() < 0.3 * rate else 0)
        events += [(d, "choice") for d in _dates(irng, inv_start, end, n_batches)]
        if irng.random() < rate * (BULK_SHARE + BULK_HIGH_EXTRA * bool(high[j])):
            events.append((_bulk_date(irng, inv_start, end), "bulk"))
        if irng.random() < PAPER_SHARE * rate:
            events += [(d, "paper") for d in _dates(irng, inv_start, end, 1)]
        seen_days: set[dt.date] = set()
        for d, how in sorted(events):
            if how == "bulk":
                chosen = list(BULK_TARGETS)
            elif how == "paper":
                chosen = [PAPER_TARGETS[int(irng.integers(len(PAPER_TARGETS)))]]
            else:
                size = 1 + int(irng.poisson(1.2))
                chosen = _choose_targets(irng, base[i], columns, col_index, mentioned.get(i, {}), asked.get(i, {}), d, size)
            day, officer = d.isoformat(), _who(staff, cases, j, d)
            for pick in chosen:
                target = ("salary", emp.ids[int(tp.employer[i])]) if pick[0] == "salary" else pick
                if d in seen_days and asked.get(i, {}).get(target, ("", None))[1] == d:
                    continue  # asked already that day (a batch and the 一斉照会 on one day)
                amount = held.get(target)
                if amount is not None and irng.random() < 0.95:
                    result, found = "found", int(max(1_000, round(amount * irng.lognormal(0, 0.3), -3)))
                elif amount is None and irng.random() < 0.01:
                    result, found = "found", int(round(irng.uniform(1_000, 30_000), -3))
                else:
                    result, found = "not_found", None
                if shift is not None:
                    result, found = shift.answer(i, target, d, result, found)
                asked.setdefault(i, {})[target] = (result, d)
                inv.append(
                    {
                        "case_id": cid,
                        "date": day,
                        "target_kind": target[0],
                        "target_id": target[1] or None,
                        "result": result,
                        "amount": found,
                        "staff_id": officer,
                    }
                )
            seen_days.add(d)
    return History(notes=notes, investigations=inv)


def _bulk_date(rng: np.random.Generator, first: dt.date, end: dt.date) -> dt.date:
    """The 一斉照会 of the first June (the start of 滞納整理) in [first, end]; a high-amount case
    opened later goes in any day it is open."""
    june = dt.date(first.year if first <= dt.date(first.year, BULK_MONTH, 30) else first.year + 1, BULK_MONTH, 1)
    day = max(june, first) + dt.timedelta(days=int(rng.integers(0, 20)))
    if day <= end and day.month == BULK_MONTH:
        return day
    return _dates(rng, first, end, 1)[0]


def _who(staff: Staff, cases: Cases, j: int, d: dt.date) -> str:
    """The officer who held case ``j`` on date ``d``."""
    h = cases.holder[j]
    return staff.ids[h.get(fiscal_year(d), next(iter(h.values())))]


def _note_text(
    rng: np.random.Generator,
    i: int,
    j: int,
    tp: Taxpayers,
    emp: Employers,
    held: dict[Target, int],
    cases: Cases,
    mentioned: dict[int, dict[str, dt.date]],
    pledged: set[int],
    d: dt.date,
) -> str:
    u = rng.random()
    if tp.hardship[i] > 0 and u < 0.45:
        lines = HARDSHIP_LINES[int(tp.hardship[i])]
        return lines[int(rng.integers(len(lines)))]
    if tp.welfare[i] and u < 0.5:
        return "生活保護受給中と福祉事務所より回答" if rng.random() < 0.5 else "生活保護受給中。執行停止を検討"
    if u < 0.03 and tp.hardship[i] == 0:
        return FALSE_ALARMS[int(rng.integers(len(FALSE_ALARMS)))]
    left = tp.employer[i] >= 0 and tp.true_employer[i] != tp.employer[i]
    if left and u < 0.3:
        u = 0.3 + 0.1 * rng.random()  # a job that ended is what officers find out and write down
    if u < 0.3:
        held_deposits = [t for t, _ in held.items() if t[0] == "deposit"]
        if held_deposits and rng.random() < 0.8:
            inst_id = held_deposits[int(rng.integers(len(held_deposits)))][1]
            payroll = tp.true_employer[i] >= 0 and emp.payroll[tp.true_employer[i]] == inst_id
            if payroll and rng.random() < 0.6:
                line = "給与振込は{b}とのこと"
            elif inst_id == "9900" and tp.pension[i] > 0 and rng.random() < 0.5:
                line = "年金は{b}で受取とのこと"
            else:
                line = HELD_BANK_LINES[int(rng.integers(len(HELD_BANK_LINES)))]
        else:
            inst_id = DEPOSITS[int(rng.integers(len(DEPOSITS)))].institution_id
            line = UNSURE_BANK_LINES[int(rng.integers(len(UNSURE_BANK_LINES)))]
        mentioned.setdefault(i, {}).setdefault(inst_id, d)
        return line.format(b=_alias(rng, inst_id))
    if u < 0.4 and tp.employer[i] >= 0:
        name = _short_employer(emp.names[tp.employer[i]])
        if tp.true_employer[i] == tp.employer[i]:
            return f"勤務先{name}に在籍確認、在籍あり"
        if tp.true_employer[i] >= 0:
            return f"勤務先{name}に在籍確認、退職済。転職先は未確認"
        return f"勤務先{name}に在籍確認、退職済とのこと"
    if u < 0.5 and cases.installment[j]:
        if j in pledged:
            return INSTALLMENT_FOLLOWUPS[int(rng.integers(len(INSTALLMENT_FOLLOWUPS)))]
        pledged.add(j)
        return f"本人来庁、分納相談。月{int(rng.integers(1, 6))}万円で分納誓約"
    if u < 0.55:
        lifes = [t[1] for t in held if t[0] == "life_insurance"]
        if lifes or rng.random() < 0.15:
            inst_id = lifes[0] if lifes and rng.random() < 0.9 else LIFES[int(rng.integers(len(LIFES)))].institution_id
            return f"申告書に{_alias(rng, inst_id)}の生命保険料控除あり"
    return ROUTINE[int(rng.integers(len(ROUTINE)))]


def _officer_scores(tp: Taxpayers, dist: np.ndarray) -> tuple[np.ndarray, list[Target]]:
    """A veteran's habits as weights per taxpayer (rows) and target (columns): big banks, nearer
    branches, the employer on record, pension for the elderly, assessed property; rarely insurers
    and brokers. The salary column stands for the employer on record."""
    prior = np.array([{"mega": 3.0, "post": 3.2, "regional": 0.8, "shinkin": 0.6, "shinkumi": 0.3, "online": 0.2, "ja": 0.3}[i.tier] for i in DEPOSITS])
    # Everyone now and then tries a bank off the usual list (+0.35): that is how rare ones get labels.
    deposit = prior[None, :] * (1.0 + 1.5 * np.exp(-dist / 0.5)) + 0.35
    columns: list[Target] = [("deposit", i.institution_id) for i in DEPOSITS]
    extra = [
        (("salary", ""), np.where(tp.employer >= 0, 5.0, 0.0)),
        (("pension", ""), np.where(tp.age >= 65, 5.0, 0.15)),
        (("real_estate", ""), np.where(tp.fixed_asset, 2.5, 0.2)),
        (("vehicle", ""), np.where(tp.light_vehicle, 1.5, 0.2)),
        (("receivable", ""), np.where(tp.business > 0, 2.5, 0.05)),
    ]
    extra += [(("life_insurance", lid), np.full(len(tp.ids), 1.5 * share)) for lid, share in LIFE_SHARE.items()]
    extra += [(("securities", sec.institution_id), np.full(len(tp.ids), 0.15)) for sec in SECURITIES]
    columns += [t for t, _ in extra]
    return np.column_stack([deposit] + [w for _, w in extra]), columns


def _choose_targets(
    rng: np.random.Generator,
    base: np.ndarray,
    columns: list[Target],
    col_index: dict[Target, int],
    mentioned: dict[str, dt.date],
    asked: dict[Target, tuple[str, dt.date]],
    d: dt.date,
    size: int,
) -> list[Target]:
    """One batch of inquiries: the officer's weights, plus banks named in earlier notes, minus
    targets already asked (seldom again where nothing was found, hardly ever where something was);
    Gumbel top-k."""
    w = base.copy()
    for inst_id, when in mentioned.items():
        if when <= d:
            w[col_index[("deposit", inst_id)]] += 5.0
    for t, (result, when) in asked.items():
        if when < d:
            w[col_index[t if t[0] != "salary" else ("salary", "")]] *= 0.03 if result == "found" else 0.12
    with np.errstate(divide="ignore"):
        keys = np.log(w) + rng.gumbel(size=len(w))
    order = np.argsort(-keys)[: min(size, int((w > 0).sum()))]
    return [columns[int(k)] for k in order]
