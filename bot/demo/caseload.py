"""Cases, staff, the true effort and speed behind them, and who held which case in which year."""

from __future__ import annotations

import datetime as dt
import math
import string
from dataclasses import dataclass

import numpy as np

from bot.demo.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from bot.demo.population import Taxpayers

TAX_KINDS = ("住民税", "国民健康保険料", "固定資産税", "軽自動車税", "介護保険料")
# per-period median amount (yen) and periods per year
PER_PERIOD = {"住民税": (28_000, 4), "国民健康保険料": (17_000, 10), "固定資産税": (36_000, 4), "軽自動車税": (9_000, 1), "介護保険料": (6_500, 9)}
KANJI_TEAM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def fiscal_year(d: dt.date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def fy_bounds(fy: int) -> tuple[dt.date, dt.date]:
    return dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)


@dataclass
class Staff:
    ids: list[str]
    names: list[str]
    role: list[str]
    years: np.ndarray
    capacity: np.ndarray
    team: list[str]
    slack: list[str]
    teams: list[str]
    speed: np.ndarray  # truth: hours multiplier (1 = standard)
    level: np.ndarray  # truth: 1 新任 … 4 熟練


@dataclass
class Cases:
    ids: list[str]
    taxpayer: np.ndarray
    kind: list[str]
    amount: np.ndarray
    periods: np.ndarray
    opened: list[dt.date]
    oldest_due: list[dt.date]
    status: list[str]
    end: list[dt.date]  # closing date, or today for open cases
    installment: np.ndarray  # bool: a 分納誓約 exists
    effort: np.ndarray  # truth: hours per full fiscal year at speed 1
    difficulty: np.ndarray  # truth: 1 易 / 2 中 / 3 難
    holder: list[dict[int, int]]  # fiscal year -> staff index
    staff: np.ndarray  # current (or last) holder


def cases_per_taxpayer(rng: np.random.Generator, total: int) -> np.ndarray:
    counts = rng.choice([1, 2, 3], size=total, p=[0.74, 0.2, 0.06])
    cum = np.cumsum(counts)
    t = int(np.searchsorted(cum, total)) + 1
    counts = counts[:t].copy()
    counts[-1] -= int(cum[t - 1] - total)
    return counts


def _random_id(rng: np.random.Generator, alphabet: str, n: int) -> str:
    return "".join(alphabet[int(k)] for k in rng.integers(len(alphabet), size=n))


def make_staff(rng: np.random.Generator, n_open: int) -> Staff:
    n = max(15, round(n_open / 350))
    n_teams = max(3, min(len(KANJI_TEAM), round(n / 8)))
    role = ["supervisor" if k < n_teams else "staff" for k in range(n)]
    u = rng.random(n)
    years = np.where(u < 0.3, rng.integers(0, 3, n), np.where(u < 0.7, rng.integers(3, 10, n), rng.integers(10, 26, n))).astype(float)
    years[:n_teams] = rng.integers(12, 31, n_teams)
    years[years == 0] = 0.5  # joined this April
    speed = np.clip((0.35 + 1.5 * np.exp(-0.09 * years)) * rng.lognormal(0, 0.15, n), 0.3, 3.0)
    level = np.select([speed <= 0.75, speed <= 0.95, speed <= 1.2], [4, 3, 2], 1)
    base = math.ceil(1.3 * n_open / n)
    # Veterans carry more cases; newcomers and supervisors fewer.
    share = np.select([years < 1, years < 3, years < 10], [0.7, 0.9, 1.1], 1.7)
    cap = share * rng.uniform(0.95, 1.1, n) * base
    cap[:n_teams] = 1.0 * base
    cap *= max(1.0, 1.25 * n_open / cap.sum())
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        s = SURNAMES[int(rng.integers(len(SURNAMES)))][0]
        g = (GIVEN_MALE if rng.random() < 0.5 else GIVEN_FEMALE)[int(rng.integers(20))][0]
        if f"{s} {g}" not in seen:
            seen.add(f"{s} {g}")
            names.append(f"{s} {g}")
    slack: list[str] = []
    teams: list[str] = []
    for _ in range(n):
        slack.append("U0" + _random_id(rng, string.ascii_uppercase + string.digits, 9))
        teams.append("29:1" + _random_id(rng, string.ascii_letters + string.digits + "-_", 43))
    team = [f"徴収第{KANJI_TEAM[k % n_teams]}係" for k in range(n)]
    return Staff(
        ids=[f"K{k + 1:04d}" for k in range(n)],
        names=names,
        role=role,
        years=years,
        capacity=np.ceil(cap).astype(int),
        team=team,
        slack=slack,
        teams=teams,
        speed=speed,
        level=level,
    )


def _kind_weights(tp: Taxpayers) -> np.ndarray:
    """How likely each tax kind is to fall into arrears for each taxpayer (rows) — 0 = not assessed."""
    working = (tp.salary > 0) | (tp.business > 0)
    kokuho = ((~tp.employed) | (tp.business > 0)) & (tp.age < 75)
    return np.column_stack(
        [
            np.where(working, 3.0, 0.8),
            np.where(kokuho, 3.0, 0.3),
            np.where(tp.fixed_asset, 2.0, 0.0),
            np.where(tp.light_vehicle, 1.5, 0.0),
            np.where(tp.age >= 65, 1.5, 0.0),
        ]
    )


def _kinds(rng: np.random.Generator, tp: Taxpayers, counts: np.ndarray) -> list[list[str]]:
    """Distinct kinds per taxpayer (weighted, without replacement); more cases than assessed kinds
    repeat a kind (a second 年度 of the same tax is its own case)."""
    w = _kind_weights(tp)
    with np.errstate(divide="ignore"):
        keys = np.log(w) + rng.gumbel(size=w.shape)
    order = np.argsort(-keys, axis=1)
    eligible = (w > 0).sum(axis=1)
    out: list[list[str]] = []
    for i, c in enumerate(counts.tolist()):
        picks = order[i, : eligible[i]].tolist()
        out.append([TAX_KINDS[picks[k % len(picks)]] for k in range(c)])
    return out


def make_cases(
    rng: np.random.Generator, tp: Taxpayers, counts: np.ndarray, n_open: int, staff: Staff, today: dt.date
) -> Cases:
    taxpayer: list[int] = []
    kind: list[str] = []
    for i, kinds in enumerate(_kinds(rng, tp, counts)):
        for k in kinds:
            taxpayer.append(i)
            kind.append(k)
    n = len(taxpayer)
    t = np.array(taxpayer)
    poor = (tp.hardship[t] > 0) | tp.welfare[t]
    n_done = max(0, n - n_open)
    w = 1.0 + 2.0 * poor
    done = rng.choice(n, size=n_done, replace=False, p=w / w.sum()) if n_done else np.array([], dtype=int)
    status = ["open"] * n
    for j in done:
        status[int(j)] = "suspended" if rng.random() < (0.8 if poor[j] else 0.25) else "closed"

    age_days = np.where(np.array([s == "open" for s in status]), 20 + 1440 * rng.beta(1.2, 2.2, n), 200 + 1250 * rng.beta(1.6, 1.6, n))
    opened = [today - dt.timedelta(days=int(d)) for d in age_days]
    end: list[dt.date] = []
    for j in range(n):
        if status[j] == "open":
            end.append(today)
        else:
            span = int(min(age_days[j] - 15, 90 + rng.uniform(0, 900)))
            end.append(opened[j] + dt.timedelta(days=max(30, span)))
    median = np.array([PER_PERIOD[k][0] for k in kind], dtype=float)
    per_year = np.array([PER_PERIOD[k][1] for k in kind], dtype=float)
    years_behind = age_days / 365 + rng.uniform(0.2, 1.0, n)
    periods = np.clip(np.round(per_year * years_behind * rng.uniform(0.4, 1.0, n)), 1, 60).astype(int)
    amount = (np.round(median * periods * rng.lognormal(0, 0.45, n), -2)).astype(int)
    lag = rng.uniform(45, 200, n).astype(int).tolist()
    oldest = [o - dt.timedelta(days=d) for o, d in zip(opened, lag, strict=True)]
    installment = rng.random(n) < np.where(poor, 0.35, 0.25)

    # Truth: effort (hours per fiscal year for a standard officer).
    n_cases_tp = counts[t]
    log_e = (
        np.log(3.3)
        + 0.3 * np.log(amount / 150_000)
        + 0.15 * np.log(periods)
        + 0.25 * (n_cases_tp > 1)
        + 0.55 * poor
        + 0.35 * (tp.business[t] > 0)
        + np.array([{"固定資産税": 0.25, "軽自動車税": -0.35}.get(k, 0.0) for k in kind])
        + 0.25 * ((~tp.employed[t]) & (tp.age[t] < 65) & (tp.business[t] == 0))
        - 0.2 * installment
        + rng.normal(0, 0.3, n)
    )
    effort = np.round(np.exp(log_e), 2)
    q1, q2 = np.quantile(effort, [0.4, 0.8])
    difficulty = np.select([effort <= q1, effort <= q2], [1, 2], 3)

    holder, current = _assign_history(rng, staff, opened, end, status, difficulty, today)
    return Cases(
        ids=[f"{10001 + j:06d}" for j in range(n)],
        taxpayer=t,
        kind=kind,
        amount=amount,
        periods=periods,
        opened=opened,
        oldest_due=oldest,
        status=status,
        end=end,
        installment=installment,
        effort=effort,
        difficulty=difficulty,
        holder=holder,
        staff=current,
    )


def _assign_history(
    rng: np.random.Generator,
    staff: Staff,
    opened: list[dt.date],
    end: list[dt.date],
    status: list[str],
    difficulty: np.ndarray,
    today: dt.date,
) -> tuple[list[dict[int, int]], np.ndarray]:
    """Who held each case in each fiscal year: supervisors lean hard cases to veterans; April
    rotations; the current table respects capacities."""
    this_fy = fiscal_year(today)
    z = (staff.years - staff.years.mean()) / (staff.years.std() + 1e-9)
    sup = np.array([r == "supervisor" for r in staff.role])
    base_w = np.where(sup, 0.35, 1.0)
    first_fy = min(fiscal_year(d) for d in opened)
    # Cumulative weights per (difficulty, fiscal year): who was there, and who gets hard cases.
    cdf: dict[tuple[int, int], np.ndarray] = {}
    for dif in (1, 2, 3):
        for fy in range(first_fy, this_fy + 1):
            w = base_w * np.exp(0.5 * (dif - 2) * z) * (staff.years >= (this_fy - fy))
            cdf[(dif, fy)] = np.cumsum(w) / w.sum()
    remaining = staff.capacity.astype(int).tolist()
    holder: list[dict[int, int]] = [{} for _ in opened]
    current = np.zeros(len(opened), dtype=int)
    order = rng.permutation(len(opened)).tolist()
    keep = (rng.random((len(opened), this_fy - first_fy + 1)) < 0.55).tolist()
    draws = rng.random((len(opened), this_fy - first_fy + 1, 4)).tolist()
    for j in order:
        h: dict[int, int] = {}
        prev = -1
        dif = int(difficulty[j])
        for fy in range(fiscal_year(opened[j]), fiscal_year(end[j]) + 1):
            k = fy - first_fy
            table = cdf[(dif, fy)]
            limited = fy == this_fy and status[j] == "open"
            present = prev >= 0 and table[prev] > (table[prev - 1] if prev > 0 else 0.0)
            if present and keep[j][k] and (not limited or remaining[prev] > 0):
                s = prev
            else:
                s = -1
                for u in draws[j][k]:
                    s = min(int(np.searchsorted(table, u, side="right")), len(table) - 1)
                    if not limited or remaining[s] > 0:
                        break
                if limited and remaining[s] <= 0:
                    s = max(range(len(remaining)), key=lambda x: remaining[x])
            if limited:
                remaining[s] -= 1
            h[fy] = s
            prev = s
        holder[j] = h
        current[j] = prev
    return holder, current
