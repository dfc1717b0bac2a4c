"""The ward's geography and its financial institutions: 町丁目, stations, institutions, branches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.demo.names import KANJI_NUMERALS, PLACES

CENTER_LAT, CENTER_LON = 35.735, 139.648
GRID_COLS, GRID_ROWS = 6, 5
CELL_LAT, CELL_LON = 0.0085, 0.0105  # about 0.95 km × 0.95 km
N_STATIONS = 6


@dataclass(frozen=True)
class AreaRec:
    area_code: str
    name: str
    place: str
    lat: float
    lon: float
    district: int  # 0 west (farmland left), 1 centre, 2 east
    farm: bool  # western fringe: farmers, 生産緑地, JA country
    station: str | None  # a station in this 町丁目


@dataclass(frozen=True)
class InstitutionRec:
    institution_id: str
    kind: str
    name: str
    tier: str  # mega, regional, shinkin, shinkumi, post, online, ja, life, securities
    aliases: tuple[str, ...]  # how officers write it in 経過記録 (full name first)
    electronic_inquiry: bool
    inquiry_cost_yen: int
    home_district: int | None = None  # 信金 / 信組: the district they grew up in
    affiliate: str | None = None  # a securities firm or insurer of a megabank group


@dataclass(frozen=True)
class BranchRec:
    branch_id: str
    institution_id: str
    name: str
    area_code: str
    lat: float
    lon: float


INSTITUTIONS: tuple[InstitutionRec, ...] = (
    InstitutionRec("0001", "bank", "東都中央銀行", "mega", ("東都中央銀行", "東都中央銀", "東都中央"), True, 110),
    InstitutionRec("0002", "bank", "日本あおば銀行", "mega", ("日本あおば銀行", "あおば銀", "あおば銀行"), True, 110),
    InstitutionRec("0003", "bank", "大和橋銀行", "mega", ("大和橋銀行", "大和橋銀", "大和橋"), True, 120),
    InstitutionRec("0131", "bank", "武蔵中央銀行", "regional", ("武蔵中央銀行", "武蔵中央銀", "武中銀"), True, 150),
    InstitutionRec("0142", "bank", "関東さつき銀行", "regional", ("関東さつき銀行", "さつき銀", "さつき銀行"), False, 420),
    InstitutionRec("9900", "post_bank", "ゆうちょ銀行", "post", ("ゆうちょ銀行", "ゆうちょ", "郵貯", "郵便局"), True, 100),
    InstitutionRec("1301", "credit_union", "西都信用金庫", "shinkin", ("西都信用金庫", "西都信金", "西都信"), False, 450, home_district=0),
    InstitutionRec("1302", "credit_union", "みどり信用金庫", "shinkin", ("みどり信用金庫", "みどり信金", "みどり信"), True, 160, home_district=1),
    InstitutionRec("1303", "credit_union", "けやき信用金庫", "shinkin", ("けやき信用金庫", "けやき信金", "けやき信"), False, 450, home_district=2),
    InstitutionRec("2101", "credit_union", "ひかり信用組合", "shinkumi", ("ひかり信用組合", "ひかり信組"), False, 480, home_district=1),
    InstitutionRec("2102", "credit_union", "共栄信用組合", "shinkumi", ("共栄信用組合", "共栄信組"), False, 480, home_district=2),
    InstitutionRec("0401", "online_bank", "そらいろネット銀行", "online", ("そらいろネット銀行", "そらいろ銀", "そらいろネット"), True, 90),
    InstitutionRec("0402", "online_bank", "ポケット銀行", "online", ("ポケット銀行", "ポケット銀"), True, 90),
    InstitutionRec("0403", "online_bank", "ミライネット銀行", "online", ("ミライネット銀行", "ミライ銀", "ミライネット"), True, 90),
    InstitutionRec("5101", "ja_bank", "けやき野農業協同組合", "ja", ("けやき野農業協同組合", "JAけやき野", "けやき野農協", "農協"), False, 500, home_district=0),
    InstitutionRec("L01", "life_insurer", "はなみずき生命保険", "life", ("はなみずき生命保険", "はなみずき生命"), True, 130),
    InstitutionRec("L02", "life_insurer", "あけぼの生命保険", "life", ("あけぼの生命保険", "あけぼの生命"), True, 130),
    InstitutionRec("L03", "life_insurer", "日の出生命保険", "life", ("日の出生命保険", "日の出生命"), False, 400),
    InstitutionRec("L04", "life_insurer", "はやぶさ生命保険", "life", ("はやぶさ生命保険", "はやぶさ生命"), False, 400),
    InstitutionRec("L05", "life_insurer", "富士見生命保険", "life", ("富士見生命保険", "富士見生命"), True, 130),
    InstitutionRec("L06", "life_insurer", "東都中央生命保険", "life", ("東都中央生命保険", "東都中央生命"), True, 130, affiliate="0001"),
    InstitutionRec("S01", "securities", "東都中央証券", "securities", ("東都中央証券",), True, 150, affiliate="0001"),
    InstitutionRec("S02", "securities", "あおば証券", "securities", ("あおば証券",), True, 150, affiliate="0002"),
    InstitutionRec("S03", "securities", "北斗証券", "securities", ("北斗証券",), False, 420),
    InstitutionRec("S04", "securities", "かもめネット証券", "securities", ("かもめネット証券", "かもめ証券"), True, 90),
)
# Market shares among those who hold one (life insurance, securities).
LIFE_SHARE = {"L01": 0.24, "L02": 0.2, "L03": 0.16, "L04": 0.14, "L05": 0.12, "L06": 0.14}
SECURITIES_SHARE = {"S01": 0.32, "S02": 0.28, "S03": 0.22, "S04": 0.18}


def km(lat1: np.ndarray | float, lon1: np.ndarray | float, lat2: np.ndarray | float, lon2: np.ndarray | float) -> np.ndarray:
    """Equirectangular distance in km (good to a few metres inside a ward)."""
    dy = (np.asarray(lat1) - np.asarray(lat2)) * 110.57
    dx = (np.asarray(lon1) - np.asarray(lon2)) * 111.32 * np.cos(np.radians(CENTER_LAT))
    return np.asarray(np.hypot(dx, dy))


def make_areas(rng: np.random.Generator) -> list[AreaRec]:
    """26 町 on a jittered grid, each with one to three 丁目 (about 50 町丁目), six stations."""
    places = list(PLACES)
    order = rng.permutation(len(places))
    station_places = set(rng.choice(len(places), size=N_STATIONS, replace=False).tolist())
    areas: list[AreaRec] = []
    for slot, p in enumerate(order):
        place = places[p]
        col, row = slot % GRID_COLS, slot // GRID_COLS
        base_lat = CENTER_LAT + (row - (GRID_ROWS - 1) / 2) * CELL_LAT + rng.normal(0, 0.0012)
        base_lon = CENTER_LON + (col - (GRID_COLS - 1) / 2) * CELL_LON + rng.normal(0, 0.0012)
        n_chome = int(rng.choice([1, 2, 2, 2, 3]))
        for c in range(n_chome):
            lat = base_lat + rng.uniform(-0.0025, 0.0025)
            lon = base_lon + rng.uniform(-0.003, 0.003)
            name = place if n_chome == 1 else f"{place}{KANJI_NUMERALS[c]}丁目"
            areas.append(
                AreaRec(
                    area_code=f"{p + 1:03d}{c + 1:03d}",
                    name=name,
                    place=place,
                    lat=round(lat, 6),
                    lon=round(lon, 6),
                    district=col // 2,
                    farm=col == 0 or (col == 1 and row in (0, GRID_ROWS - 1)),
                    station=f"{place}駅" if (p in station_places and c == 0) else None,
                )
            )
    areas.sort(key=lambda a: a.area_code)
    return areas


def _near(rng: np.random.Generator, area: AreaRec, spread: float = 0.0012) -> tuple[float, float]:
    return (
        round(area.lat + rng.normal(0, spread), 6),
        round(area.lon + rng.normal(0, spread), 6),
    )


def make_branches(rng: np.random.Generator, areas: list[AreaRec]) -> list[BranchRec]:
    """Megabanks at stations, 信金/信組 in their home district, a 郵便局 in every 町, JA in farmland."""
    stations = [a for a in areas if a.station]
    first_chome: dict[str, AreaRec] = {}
    for a in areas:
        first_chome.setdefault(a.place, a)
    branches: list[BranchRec] = []

    def add(inst: InstitutionRec, area: AreaRec, name: str, spread: float = 0.0008) -> None:
        lat, lon = _near(rng, area, spread)
        bid = f"{inst.institution_id}-{sum(b.institution_id == inst.institution_id for b in branches) + 1:03d}"
        branches.append(BranchRec(bid, inst.institution_id, name, area.area_code, lat, lon))

    for inst in INSTITUTIONS:
        if inst.tier == "mega":
            for st in stations:
                if rng.random() < 0.85:
                    add(inst, st, f"{st.station}前支店", 0.0004)
            for a in rng.choice(len(areas), size=2, replace=False):
                add(inst, areas[int(a)], f"{areas[int(a)].place}支店")
        elif inst.tier == "regional":
            for i in rng.choice(len(stations), size=2, replace=False):
                add(inst, stations[int(i)], f"{stations[int(i)].place}支店", 0.0005)
        elif inst.tier in ("shinkin", "shinkumi"):
            home = [a for a in first_chome.values() if a.district == inst.home_district]
            share = 0.7 if inst.tier == "shinkin" else 0.3
            for a in home:
                if rng.random() < share:
                    add(inst, a, f"{a.place}支店")
            if inst.tier == "shinkin":
                st = stations[int(rng.integers(len(stations)))]
                add(inst, st, f"{st.station}前支店", 0.0005)
        elif inst.tier == "post":
            for a in first_chome.values():
                add(inst, a, f"{a.place}郵便局")
            for a in areas:
                if a.station:
                    add(inst, a, f"{a.station}前郵便局", 0.0006)
        elif inst.tier == "online":
            if inst.institution_id == "0403":
                central = min(areas, key=lambda a: abs(a.lat - CENTER_LAT) + abs(a.lon - CENTER_LON))
                add(inst, central, "本店")
        elif inst.tier == "ja":
            farm = [a for a in first_chome.values() if a.farm]
            for k, a in enumerate(farm):
                if k == 0 or rng.random() < 0.5:
                    add(inst, a, "本店" if k == 0 else f"{a.place}支店")
        elif inst.tier == "life" or (inst.tier == "securities" and inst.institution_id != "S04"):
            for i in rng.choice(len(stations), size=1 + int(rng.random() < 0.4), replace=False):
                st = stations[int(i)]
                suffix = "営業所" if inst.tier == "life" else "支店"
                add(inst, st, f"{st.station}前{suffix}", 0.0005)
    return branches


def nearest_branch_km(
    branches: list[BranchRec], lat: np.ndarray, lon: np.ndarray
) -> dict[str, np.ndarray]:
    """For each institution with branches, the distance (km) from each point to its nearest one."""
    out: dict[str, np.ndarray] = {}
    for inst in INSTITUTIONS:
        own = [b for b in branches if b.institution_id == inst.institution_id]
        if not own:
            continue
        blat = np.array([b.lat for b in own])
        blon = np.array([b.lon for b in own])
        out[inst.institution_id] = km(lat[:, None], lon[:, None], blat[None, :], blon[None, :]).min(axis=1)
    return out
