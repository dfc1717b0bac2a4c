"""Employers (with a hidden payroll bank) and taxpayers (ages, households, incomes, hardship)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from bot.demo.names import (
    EMPLOYER_PATTERNS,
    EMPLOYER_STEMS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    INDUSTRIES,
    PLACES,
    PREFECTURE,
    SURNAMES,
    WARD,
)
from bot.demo.world import INSTITUTIONS, AreaRec

HARDSHIPS = ("", "失業", "多重債務", "病気・入院", "生活困窮", "生活保護申請中")
OUTSIDE_LAT, OUTSIDE_LON = 35.690, 139.735  # 都心: where outside employers sit


@dataclass
class Employers:
    ids: list[str]
    names: list[str]
    industry: list[str]
    area: np.ndarray  # index into areas, -1 outside the ward
    lat: np.ndarray
    lon: np.ndarray
    size: np.ndarray  # relative head-count weight
    payroll: list[str]  # hidden: institution_id wages are paid through
    insurer: list[str | None]  # hidden: 職域 life insurer, if any


@dataclass
class Taxpayers:
    ids: list[str]
    area: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    age: np.ndarray
    birth: list[dt.date]
    household: np.ndarray
    employed: np.ndarray  # bool: works now (at true_employer)
    employer: np.ndarray  # employer on record (給与支払報告書), -1 none
    true_employer: np.ndarray  # where they work now, -1 none
    salary: np.ndarray
    business: np.ndarray
    pension: np.ndarray
    real_estate: np.ndarray
    fixed_asset: np.ndarray
    light_vehicle: np.ndarray
    welfare: np.ndarray
    hardship: np.ndarray  # index into HARDSHIPS
    names: list[str]
    kana: list[str]
    address: list[str]


def make_employers(rng: np.random.Generator, areas: list[AreaRec], n: int) -> Employers:
    inst = {i.institution_id: i for i in INSTITUTIONS}
    megas = [i.institution_id for i in INSTITUTIONS if i.tier == "mega"]
    regionals = [i.institution_id for i in INSTITUTIONS if i.tier == "regional"]
    onlines = [i.institution_id for i in INSTITUTIONS if i.tier == "online"]
    shinkin_by_district = {i.home_district: i.institution_id for i in INSTITUTIONS if i.tier == "shinkin"}
    shinkumi = [i.institution_id for i in INSTITUTIONS if i.tier == "shinkumi"]
    lifes = [i.institution_id for i in INSTITUTIONS if i.tier == "life"]
    names: set[str] = set()
    out = Employers([], [], [], np.full(n, -1), np.zeros(n), np.zeros(n), np.zeros(n), [], [])
    for e in range(n):
        industry = INDUSTRIES[int(rng.integers(len(INDUSTRIES)))]
        while True:
            pattern = EMPLOYER_PATTERNS[industry][int(rng.integers(3))]
            stem = EMPLOYER_STEMS[int(rng.integers(len(EMPLOYER_STEMS)))]
            name = pattern.format(s=stem)
            if name in names:  # a local firm named after its 町
                name = pattern.format(s=PLACES[int(rng.integers(len(PLACES)))].removesuffix("町") + stem[:1])
            if name not in names:
                break
        names.add(name)
        inside = rng.random() < 0.65
        if inside:
            a = int(rng.integers(len(areas)))
            out.area[e] = a
            out.lat[e] = areas[a].lat + rng.normal(0, 0.001)
            out.lon[e] = areas[a].lon + rng.normal(0, 0.001)
            district = areas[a].district
            u = rng.random()
            if u < 0.42:
                bank = megas[int(rng.integers(3))]
            elif u < 0.54:
                bank = regionals[int(rng.integers(2))]
            elif u < 0.84:
                bank = shinkin_by_district[district]
            elif u < 0.90:
                bank = shinkumi[int(rng.integers(2))]
            else:
                bank = onlines[int(rng.integers(3))] if industry == "情報通信業" else "9900"
        else:
            out.lat[e] = OUTSIDE_LAT + rng.normal(0, 0.015)
            out.lon[e] = OUTSIDE_LON + rng.normal(0, 0.025)
            u = rng.random()
            if industry == "情報通信業" and u < 0.45:
                bank = onlines[int(rng.integers(3))]
            elif u < 0.8:
                bank = megas[int(rng.choice(3, p=[0.45, 0.35, 0.2]))]
            else:
                bank = regionals[int(rng.integers(2))]
        assert bank in inst
        out.ids.append(f"E{e + 1:05d}")
        out.names.append(name)
        out.industry.append(industry)
        out.payroll.append(bank)
        out.insurer.append(lifes[int(rng.integers(len(lifes)))] if rng.random() < 0.45 else None)
    out.size[:] = np.minimum(rng.pareto(1.3, n) + 1.0, 12.0)  # co-workers, but no giant
    return out


def _money(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return np.round(median * rng.lognormal(0.0, sigma, n), -3)


def make_taxpayers(
    rng: np.random.Generator, areas: list[AreaRec], employers: Employers, n: int, today: dt.date
) -> Taxpayers:
    a_lat = np.array([a.lat for a in areas])
    a_lon = np.array([a.lon for a in areas])
    weights = rng.gamma(4.0, 1.0, len(areas))
    area = rng.choice(len(areas), size=n, p=weights / weights.sum())
    lat = a_lat[area] + rng.normal(0, 0.0018, n)
    lon = a_lon[area] + rng.normal(0, 0.0022, n)
    farm = np.array([a.farm for a in areas])[area]

    # Delinquent taxpayers skew to working age; a tail of the elderly.
    age = np.where(rng.random(n) < 0.72, rng.normal(44, 11, n), rng.normal(72, 7, n))
    age = np.clip(age, 20, 95)
    birth = [today - dt.timedelta(days=int(a * 365.25) + int(rng.integers(365))) for a in age]
    household = np.clip(rng.poisson(1.3, n) + 1 - (age > 75), 1, 7)

    hardship = np.zeros(n, dtype=int)
    hard = rng.random(n) < 0.14
    hardship[hard] = rng.choice([1, 2, 3, 4, 5], size=int(hard.sum()), p=[0.3, 0.2, 0.2, 0.22, 0.08])
    welfare = rng.random(n) < 0.03
    hardship[welfare & (hardship == 0)] = 4

    working_age = age < 65
    on_record = rng.random(n) < np.where(working_age, 0.62, 0.14)
    employer = np.where(on_record, rng.choice(len(employers.ids), size=n, p=employers.size / employers.size.sum()), -1)
    employed = on_record.copy()
    employed[hardship == 1] = False  # 失業: the 給与支払報告書 is last year's
    employed[welfare] = False
    true_employer = np.where(employed, employer, -1)
    changed = employed & (rng.random(n) < 0.18)  # 転職: works elsewhere now, unknown to the office
    true_employer[changed] = rng.choice(len(employers.ids), size=int(changed.sum()))

    salary = np.where(on_record, _money(rng, 3_000_000, 0.45, n), 0)
    business = np.where((rng.random(n) < np.where(farm, 0.3, 0.16)) & (age < 78), _money(rng, 2_200_000, 0.8, n), 0)
    pension = np.where((age >= 65) & (rng.random(n) < 0.88), _money(rng, 1_400_000, 0.4, n), 0)
    pension = np.where((age < 65) & (rng.random(n) < 0.02), _money(rng, 900_000, 0.3, n), pension)  # 障害年金
    owns_land = rng.random(n) < np.clip(0.06 + 0.006 * (age - 30) + 0.25 * farm, 0.03, 0.65)
    real_estate = np.where(owns_land & (rng.random(n) < 0.25), _money(rng, 1_200_000, 0.7, n), 0)
    fixed_asset = owns_land
    light_vehicle = rng.random(n) < (0.12 + 0.2 * farm + 0.15 * (business > 0))
    poor = (hardship > 0) | welfare
    salary = np.where(poor, np.round(salary * 0.4, -3), salary)

    names: list[str] = []
    kana: list[str] = []
    address: list[str] = []
    male = rng.random(n) < 0.55
    sur = rng.integers(len(SURNAMES), size=n)
    given = rng.integers(20, size=n)
    for i in range(n):
        s, sk = SURNAMES[int(sur[i])]
        g, gk = (GIVEN_MALE if male[i] else GIVEN_FEMALE)[int(given[i])]
        names.append(f"{s} {g}")
        kana.append(f"{sk} {gk}")
        address.append(
            f"{PREFECTURE}{WARD}{areas[int(area[i])].name}{int(rng.integers(1, 30))}番{int(rng.integers(1, 25))}号"
        )
    return Taxpayers(
        ids=[f"T{i + 1:07d}" for i in range(n)],
        area=area,
        lat=lat,
        lon=lon,
        age=age,
        birth=birth,
        household=household,
        employed=employed,
        employer=employer,
        true_employer=true_employer,
        salary=salary,
        business=business,
        pension=pension,
        real_estate=real_estate,
        fixed_asset=fixed_asset,
        light_vehicle=light_vehicle,
        welfare=welfare,
        hardship=hardship,
        names=names,
        kana=kana,
        address=address,
    )


def income_cell(rng: np.random.Generator, value: float) -> int | None:
    """What the 賦課 system knows: a declared amount, a declared zero, or nothing (unknown)."""
    if value > 0:
        return int(value) if rng.random() < 0.93 else None
    return 0 if rng.random() < 0.3 else None
