"""The truth: what each taxpayer really holds (deposits, insurance, securities, salary, …)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.demo.population import Employers, Taxpayers
from bot.demo.world import (
    INSTITUTIONS,
    LIFE_SHARE,
    SECURITIES_SHARE,
    AreaRec,
    BranchRec,
    nearest_branch_km,
)

Target = tuple[str, str]  # (target_kind, target_id or "")


@dataclass
class Holdings:
    # per taxpayer: target -> amount (yen)
    by_taxpayer: list[dict[Target, int]] = field(default_factory=list)
    # per taxpayer: target -> the probability the generator drew it with (given everything the
    # generator knows, hidden facts included): the best any ranking can expect
    odds: list[dict[Target, float]] = field(default_factory=list)

    def rows(self, taxpayer_ids: list[str]) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for i, held in enumerate(self.by_taxpayer):
            for (kind, tid), amount in held.items():
                out.append({"taxpayer_id": taxpayer_ids[i], "target_kind": kind, "target_id": tid or None, "amount": amount})
        return out

    def odds_rows(self, taxpayer_ids: list[str], floor: float = 0.001) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for i, odds in enumerate(self.odds):
            for (kind, tid), p in odds.items():
                if p >= floor:
                    out.append({"taxpayer_id": taxpayer_ids[i], "target_kind": kind, "target_id": tid or None,
                                "probability": round(p, 4)})
        return out


def _either(odds: dict[Target, float], target: Target, p: float) -> None:
    """Record one more independent chance of holding ``target``."""
    odds[target] = 1.0 - (1.0 - odds.get(target, 0.0)) * (1.0 - min(max(p, 0.0), 1.0))


def _shares(share: dict[str, float]) -> dict[str, float]:
    total = sum(share.values())
    return {k: v / total for k, v in share.items()}


def _pick(rng: np.random.Generator, share: dict[str, float]) -> str:
    keys = list(share)
    p = np.array([share[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def make_holdings(
    rng: np.random.Generator,
    areas: list[AreaRec],
    branches: list[BranchRec],
    emp: Employers,
    tp: Taxpayers,
) -> Holdings:
    n = len(tp.ids)
    d_home = nearest_branch_km(branches, tp.lat, tp.lon)
    work = tp.true_employer >= 0
    wlat = np.where(work, emp.lat[tp.true_employer], np.nan)
    wlon = np.where(work, emp.lon[tp.true_employer], np.nan)
    in_ward_work = work & (emp.area[tp.true_employer] >= 0)
    d_work = nearest_branch_km(branches, np.nan_to_num(wlat), np.nan_to_num(wlon))
    district = np.array([a.district for a in areas])[tp.area]
    farm = np.array([a.farm for a in areas])[tp.area]
    inst_by_tier: dict[str, list[str]] = {}
    for inst in INSTITUTIONS:
        inst_by_tier.setdefault(inst.tier, []).append(inst.institution_id)
    shinkin_home = {i.home_district: i.institution_id for i in INSTITUTIONS if i.tier == "shinkin"}
    shinkumi_home = {i.home_district: i.institution_id for i in INSTITUTIONS if i.tier == "shinkumi"}
    affiliates = {i.affiliate: i.institution_id for i in INSTITUTIONS if i.tier == "securities" and i.affiliate}
    u = rng.random((n, 24))
    bal = rng.lognormal(0.0, 1.2, (n, 12))
    out = Holdings()
    for i in range(n):
        age = tp.age[i]
        poor = tp.hardship[i] > 0 or tp.welfare[i]
        damp = 0.7 if poor else 1.0
        scale = 0.25 if poor else 1.0
        held: dict[Target, int] = {}
        odds: dict[Target, float] = {}
        k = 0

        def deposit(
            inst_id: str,
            p: float,
            median: float = 60_000,
            i: int = i,
            held: dict[Target, int] = held,
            scale: float = scale,
            odds: dict[Target, float] = odds,
        ) -> None:
            nonlocal k
            _either(odds, ("deposit", inst_id), p)
            if u[i, k % 24] < p and ("deposit", inst_id) not in held:
                amount = max(1_000, round(median * scale * bal[i, k % 12], -3))
                held[("deposit", inst_id)] = int(amount)
            k += 1

        # The account wages are paid into: co-workers share it.
        if tp.employed[i] and tp.true_employer[i] >= 0:
            deposit(emp.payroll[tp.true_employer[i]], 0.86, 150_000)
        if tp.employer[i] >= 0 and tp.employer[i] != tp.true_employer[i]:
            deposit(emp.payroll[tp.employer[i]], 0.6)  # the old payroll account stays open
        deposit("9900", damp * (0.15 + 0.5 * (age >= 60) + 0.15 * (tp.pension[i] > 0)))
        # The neighbourhood 信金: neighbours share it; owners of small businesses even more.
        local = shinkin_home[district[i]]
        near = d_home[local][i] < 0.5
        deposit(local, damp * (0.36 + 0.26 * (tp.business[i] > 0) + 0.14 * (age >= 55)) * (1.2 if near else 0.85))
        for other in inst_by_tier["shinkin"]:
            if other != local:
                deposit(other, 0.03)
        kumi = shinkumi_home.get(int(district[i]))
        if kumi:
            deposit(kumi, 0.38 if tp.business[i] > 0 else 0.05)
        # JA: the older people and the farmers of the western fringe.
        if farm[i]:
            deposit("5101", 0.75 if tp.business[i] > 0 else (0.65 if age >= 60 else 0.1))
        else:
            deposit("5101", 0.015)
        # Online banks: young salaried people.
        p_online = 0.5 if (age < 40 and tp.employed[i]) else (0.15 if (age < 55 and tp.employed[i]) else 0.03)
        it = work[i] and emp.industry[tp.true_employer[i]] == "情報通信業"
        online_share = _shares({"0401": 0.6, "0402": 0.25, "0403": 0.15})
        lead, lead_p = ("0403", 0.7) if it else (("0402", 0.6) if age < 30 else ("", 0.0))
        for bank, share in online_share.items():
            _either(odds, ("deposit", bank), p_online * ((lead_p if bank == lead else 0.0) + (1 - lead_p) * share))
        if u[i, 20] < p_online:
            if it and rng.random() < 0.7:
                choice = "0403"  # IT people: ミライネット
            elif age < 30 and rng.random() < 0.6:
                choice = "0402"  # the youngest: ポケット
            else:
                choice = _pick(rng, {"0401": 0.6, "0402": 0.25, "0403": 0.15})
            held.setdefault(("deposit", choice), int(max(1_000, round(80_000 * scale * bal[i, 11], -3))))
        # Megabanks and regional banks: near home, near work.
        for mega in inst_by_tier["mega"]:
            p = 0.04 + 0.1 * np.exp(-d_home[mega][i] / 0.5) + (0.12 if in_ward_work[i] and d_work[mega][i] < 0.4 else 0.0)
            deposit(mega, damp * p)
        for reg in inst_by_tier["regional"]:
            deposit(reg, damp * (0.04 + 0.1 * np.exp(-d_home[reg][i] / 0.5)))

        # Life insurance: working-age households; the employer's 職域 insurer.
        p_life = 0.12 + 0.25 * (35 <= age <= 65) + 0.08 * (tp.household[i] >= 3)
        group = emp.insurer[tp.employer[i]] if tp.employer[i] >= 0 else None
        group_p = 0.6 if group else 0.0
        for insurer, share in _shares(LIFE_SHARE).items():
            _either(odds, ("life_insurance", insurer),
                    damp * p_life * ((group_p if insurer == group else 0.0) + (1 - group_p) * share))
        if u[i, 21] < damp * p_life:
            insurer = group if (group and rng.random() < 0.6) else _pick(rng, LIFE_SHARE)
            held[("life_insurance", insurer)] = int(round(250_000 * scale * rng.lognormal(0, 1.0), -3)) + 1_000
        # Securities: high income or property; the payroll megabank's house broker; young → online.
        income = tp.salary[i] + tp.business[i] + tp.real_estate[i] + tp.pension[i]
        p_sec = 0.03 + 0.3 * (income > 6_000_000) + 0.2 * (tp.real_estate[i] > 0) + 0.1 * (age >= 60 and tp.pension[i] > 2_000_000)
        payroll = emp.payroll[tp.true_employer[i]] if work[i] else None
        house_p = 0.5 if payroll in affiliates else 0.0
        young_p = 0.6 if age < 40 else 0.0
        for firm, share in _shares(SECURITIES_SHARE).items():
            q = (1 - young_p) * share + (young_p if firm == "S04" else 0.0)
            q = (house_p if payroll in affiliates and firm == affiliates[payroll] else 0.0) + (1 - house_p) * q
            _either(odds, ("securities", firm), damp * p_sec * q)
        if u[i, 22] < damp * p_sec:
            if payroll in affiliates and rng.random() < 0.5:
                firm = affiliates[payroll]
            elif age < 40 and rng.random() < 0.6:
                firm = "S04"
            else:
                firm = _pick(rng, SECURITIES_SHARE)
            held[("securities", firm)] = int(round(800_000 * rng.lognormal(0, 1.0), -3)) + 1_000
        if work[i]:
            odds[("salary", emp.ids[tp.true_employer[i]])] = 1.0
            held[("salary", emp.ids[tp.true_employer[i]])] = int(round(tp.salary[i] / 12 * 0.25 + 20_000, -3))
        odds[("pension", "")] = 0.97 if tp.pension[i] > 0 else 0.0
        odds[("real_estate", "")] = 1 - (1 - 0.9 * bool(tp.fixed_asset[i])) * (1 - 0.015)
        odds[("vehicle", "")] = 1 - (1 - 0.85 * bool(tp.light_vehicle[i])) * (1 - 0.1)
        odds[("receivable", "")] = (0.3 if farm[i] else 0.6) if tp.business[i] > 0 else 0.0
        if tp.pension[i] > 0 and u[i, 23] < 0.97:
            held[("pension", "")] = int(round(tp.pension[i] / 6, -3))
        if (tp.fixed_asset[i] and rng.random() < 0.9) or rng.random() < 0.015:
            held[("real_estate", "")] = int(round(8_000_000 * rng.lognormal(0, 0.7), -4))
        if (tp.light_vehicle[i] and rng.random() < 0.85) or rng.random() < 0.1:
            held[("vehicle", "")] = int(round(300_000 * rng.lognormal(0, 0.6), -3))
        if tp.business[i] > 0 and rng.random() < (0.3 if farm[i] else 0.6):
            held[("receivable", "")] = int(round(400_000 * rng.lognormal(0, 0.9), -3))
        out.by_taxpayer.append(held)
        out.odds.append(odds)
    return out
