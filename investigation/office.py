"""The office prepared for the engine: the target table, distances to branches, and the
time-indexed history (investigations and note mentions) that features are counted from.

Everything here is derived from :class:`store.investigation_queries.OfficeTables` by pure
functions; nothing reads the generator's truth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from investigation.aliases import KIND_KEYWORDS, MentionFinder, institution_aliases
from investigation.geo import nearest_km
from investigation.hardship import HARDSHIP_WORDS, find_hardship_words
from store.investigation_queries import OfficeTables
from store.models import INSTITUTION_KINDS, TARGET_KINDS, TARGET_OF_INSTITUTION_KIND

KIND_CODE = {k: i for i, k in enumerate(TARGET_KINDS)}
INST_KIND_CODE = {k: i for i, k in enumerate(INSTITUTION_KINDS)}
NO_INST_KIND = len(INSTITUTION_KINDS)
PLAIN_KINDS = ("pension", "real_estate", "vehicle", "receivable")
# Who is asked for the targets without an id (the contract's "what is asked").
PLAIN_TARGET_NAMES = {
    "pension": "日本年金機構",
    "real_estate": "法務局（不動産登記）",
    "vehicle": "運輸支局・軽自動車検査協会",
    "receivable": "取引先（売掛金）",
}
SHIFT = np.int64(1 << 20)  # date ordinals (< 1,048,576 until year 2870) packed under a key
DECAY_DAYS = 365.0
# A 一斉照会 (電子照会 bulk inquiry) shows in the history as many institutions asked for one case
# on one day; officers' own batches are a few. Its answers are not chosen by anyone's hunch.
BULK_MIN = 6
# Taxpayer segments for the institution's found-rate by segment: age band × employer on record
# × business income (the kind of person a bank serves).
AGE_BANDS = np.array([30.0, 40.0, 55.0, 65.0])
N_SEGMENTS = (len(AGE_BANDS) + 1) * 4
# 在籍確認 in the notes: the employer on record is gone, or confirmed.
_LEFT = re.compile(r"(退職|離職|解雇|雇止め|在籍なし)")
_STAYS = re.compile(r"(在籍あり|在籍を確認|勤務継続)")


class KeyedHistory:
    """Events (key, date, found) sorted so that 'how many before date d' is two searchsorted."""

    def __init__(self, keys: np.ndarray, dates: np.ndarray, found: np.ndarray, ref_date: int) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        dates = np.asarray(dates, dtype=np.int64)
        order = np.lexsort((dates, keys))
        self.combo = keys[order] * SHIFT + dates[order]
        f = np.asarray(found, dtype=bool)[order]
        w = np.exp((dates[order] - ref_date) / DECAY_DAYS)
        self.ref_date = ref_date
        self.found_sorted = f
        self.cum_n = np.concatenate([[0], np.cumsum(np.ones(len(f), dtype=np.int64))])
        self.cum_f = np.concatenate([[0], np.cumsum(f.astype(np.int64))])
        self.cum_wf = np.concatenate([[0.0], np.cumsum(w * f)])
        self.cum_wn = np.concatenate([[0.0], np.cumsum(w * ~f)])

    def _bounds(self, keys: np.ndarray, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        keys = np.asarray(keys, dtype=np.int64)
        lo = np.searchsorted(self.combo, keys * SHIFT, side="left")
        hi = np.searchsorted(self.combo, keys * SHIFT + np.asarray(dates, dtype=np.int64), side="left")
        return lo, hi

    def before(self, keys: np.ndarray, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(events, found events) with this key strictly before each date."""
        lo, hi = self._bounds(keys, dates)
        return self.cum_n[hi] - self.cum_n[lo], self.cum_f[hi] - self.cum_f[lo]

    def decayed_before(self, keys: np.ndarray, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Found and not-found events before each date, each weighted exp(-age / 365 days)."""
        lo, hi = self._bounds(keys, dates)
        scale = np.exp(-(np.asarray(dates, dtype=float) - self.ref_date) / DECAY_DAYS)
        return (self.cum_wf[hi] - self.cum_wf[lo]) * scale, (self.cum_wn[hi] - self.cum_wn[lo]) * scale

    def last_found_before(self, keys: np.ndarray, dates: np.ndarray) -> np.ndarray:
        """True where the latest event before the date was 'found' (the asset is still held)."""
        lo, hi = self._bounds(keys, dates)
        has = hi > lo
        out = np.zeros(len(lo), dtype=bool)
        out[has] = self.found_sorted[hi[has] - 1]
        return out


@dataclass
class Office:
    t: OfficeTables
    n_targets: int
    target_kind: np.ndarray  # int code into TARGET_KINDS
    target_inst: np.ndarray  # int, -1
    target_emp: np.ndarray  # int, -1
    target_kind_name: list[str]
    target_id: list[str]
    target_name: list[str]
    inst_target: np.ndarray  # target of each institution
    emp_target: np.ndarray  # salary target of each employer
    plain_target: dict[str, int]
    inst_branches: np.ndarray  # number of branches per institution
    dist_area_inst: np.ndarray  # km (n_area, n_inst), NaN where no branch
    dist_emp_inst: np.ndarray  # km (n_emp, n_inst)
    emp_industry_code: np.ndarray  # float category per employer (NaN = unknown)
    ev_bulk: np.ndarray  # bool: the event was part of a 一斉照会
    # investigation events mapped to targets
    ev_case: np.ndarray
    ev_tp: np.ndarray
    ev_date: np.ndarray
    ev_target: np.ndarray
    ev_found: np.ndarray
    own: KeyedHistory  # key tp * T + target
    coworkers: KeyedHistory  # key employer * T + target (events of taxpayers with an employer)
    coworkers_kind: KeyedHistory  # key employer * K + kind
    own_kind: KeyedHistory  # key tp * K + kind
    neighbours: KeyedHistory  # key area * T + target
    neighbours_kind: KeyedHistory  # key area * K + kind
    office: KeyedHistory  # key target
    segment: KeyedHistory  # key segment * T + target (segment of the taxpayer on the event's date)
    industry: KeyedHistory  # key industry * T + target (the employer's industry)
    bulk_own: KeyedHistory  # key tp * T + target, 一斉照会 events only
    bulk_segment: KeyedHistory  # key segment * T + target, 一斉照会 events only
    bulk_office: KeyedHistory  # key target, 一斉照会 events only
    bulk_coworkers: KeyedHistory  # key employer * T + target, 一斉照会 events only
    bulk_neighbours: KeyedHistory  # key area * T + target, 一斉照会 events only
    mentions: KeyedHistory  # key tp * T + target, note dates
    coworker_mentions: KeyedHistory  # key employer * T + target, note dates
    neighbour_mentions: KeyedHistory  # key area * T + target, note dates
    kind_mentions: KeyedHistory  # key tp * K + kind, note dates
    employment: KeyedHistory  # key tp; found = the note says the employer on record was left
    hardship_notes: list[tuple[int, int, str]]  # (case, date, word), sorted by case then date
    hardship_by_case: dict[int, list[tuple[int, str]]]
    hardship_by_tp: dict[int, list[tuple[int, str]]]  # all cases of a taxpayer speak of one person

    def target_of(self, kind: str, target_id: str | None) -> int:
        """Target position of a (kind, id) pair, or -1."""
        return self._lookup.get((kind, target_id or ""), -1)

    def __post_init__(self) -> None:
        self._lookup = {
            (k, i): n for n, (k, i) in enumerate(zip(self.target_kind_name, self.target_id, strict=True))
        }


def prepare(t: OfficeTables) -> Office:
    """Build the target table, distances and indexed history of an office."""
    n_inst, n_emp = len(t.inst_ids), len(t.emp_ids)
    kinds: list[int] = []
    inst_of: list[int] = []
    emp_of: list[int] = []
    kind_names: list[str] = []
    ids: list[str] = []
    names: list[str] = []
    inst_target = np.full(n_inst, -1, dtype=np.int64)
    for i in range(n_inst):
        tk = TARGET_OF_INSTITUTION_KIND.get(t.inst_kind[i])
        if tk is None:
            continue
        inst_target[i] = len(kinds)
        kinds.append(KIND_CODE[tk])
        inst_of.append(i)
        emp_of.append(-1)
        kind_names.append(tk)
        ids.append(t.inst_ids[i])
        names.append(t.inst_name[i])
    emp_target = np.arange(n_emp, dtype=np.int64) + len(kinds)
    for e in range(n_emp):
        kinds.append(KIND_CODE["salary"])
        inst_of.append(-1)
        emp_of.append(e)
        kind_names.append("salary")
        ids.append(t.emp_ids[e])
        names.append(t.emp_names[e])
    plain_target: dict[str, int] = {}
    for k in PLAIN_KINDS:
        plain_target[k] = len(kinds)
        kinds.append(KIND_CODE[k])
        inst_of.append(-1)
        emp_of.append(-1)
        kind_names.append(k)
        ids.append("")
        names.append(PLAIN_TARGET_NAMES[k])
    n_t = len(kinds)
    target_kind = np.array(kinds, dtype=np.int64)
    target_inst = np.array(inst_of, dtype=np.int64)

    # distances from each 町丁目 and each workplace to each institution's nearest branch
    dist_area_inst = nearest_km(t.area_lat, t.area_lon, t.branch_inst, t.branch_lat, t.branch_lon, n_inst)
    dist_emp_inst = nearest_km(t.emp_lat, t.emp_lon, t.branch_inst, t.branch_lat, t.branch_lon, n_inst)
    inst_branches = np.bincount(t.branch_inst, minlength=n_inst) if len(t.branch_inst) else np.zeros(n_inst, dtype=np.int64)

    lookup = {(k, i): n for n, (k, i) in enumerate(zip(kind_names, ids, strict=True))}
    ev_target = np.array(
        [lookup.get((k, tid if k not in PLAIN_KINDS else ""), -1) for k, tid in zip(t.inv_kind, t.inv_target_id, strict=True)],
        dtype=np.int64,
    )
    ok = ev_target >= 0
    ev_case = t.inv_case[ok]
    ev_tp = t.case_tp[ev_case] if len(ev_case) else np.zeros(0, dtype=np.int64)
    ev_date = t.inv_date[ok]
    ev_target = ev_target[ok]
    ev_found = t.inv_found[ok]
    ev_kind = target_kind[ev_target]
    n_k = len(TARGET_KINDS)
    ref = int(ev_date.max()) if len(ev_date) else 0

    ev_emp = t.tp_emp[ev_tp]
    has_emp = ev_emp >= 0
    ev_area = t.tp_area[ev_tp]
    ev_bulk = _bulk_events(ev_case, ev_date, target_inst[ev_target] if len(ev_target) else ev_target)
    ev_seg = segment_of(t, ev_tp, ev_date)
    industry_code = _industry_codes(t.emp_industry)
    ev_ind = np.where(has_emp, np.nan_to_num(industry_code[np.maximum(ev_emp, 0)], nan=-1), -1).astype(np.int64) if len(ev_emp) else ev_emp
    has_ind = ev_ind >= 0

    # note mentions: institutions (by alias) and target kinds (by keyword)
    finder = MentionFinder(
        institution_aliases(t.inst_name, t.inst_kind, avoid=list(t.area_names) + list(t.emp_names)),
        t.inst_kind,
    )
    m_tp, m_date, m_target, k_tp, k_date, k_kind = [], [], [], [], [], []
    hardship: list[tuple[int, int, str]] = []
    e_tp, e_date, e_left = [], [], []
    for c, d, text in zip(t.note_case.tolist(), t.note_date.tolist(), t.note_text, strict=True):
        tp = int(t.case_tp[c])
        left, stays = _LEFT.search(text), _STAYS.search(text)
        if left or stays:
            e_tp.append(tp)
            e_date.append(d)
            e_left.append(bool(left) and not stays)
        for inst in finder.institutions(text):
            tg = int(inst_target[inst])
            if tg >= 0:
                m_tp.append(tp)
                m_date.append(d)
                m_target.append(tg)
        for kind in finder.kinds(text):
            k_tp.append(tp)
            k_date.append(d)
            k_kind.append(KIND_CODE[kind])
        for word in find_hardship_words(text):
            hardship.append((c, d, word))
    hardship.sort()
    by_case: dict[int, list[tuple[int, str]]] = {}
    by_tp: dict[int, list[tuple[int, str]]] = {}
    for c, d, w in hardship:
        by_case.setdefault(c, []).append((d, w))
        by_tp.setdefault(int(t.case_tp[c]), []).append((d, w))

    def hist(keys: np.ndarray, dates: np.ndarray, found: np.ndarray) -> KeyedHistory:
        return KeyedHistory(keys, dates, found, ref)

    m_tp_a = np.array(m_tp, dtype=np.int64)
    m_target_a = np.array(m_target, dtype=np.int64)
    m_date_a = np.array(m_date, dtype=np.int64)
    m_emp = t.tp_emp[m_tp_a] if len(m_tp_a) else m_tp_a
    m_has_emp = m_emp >= 0
    m_yes = np.ones(len(m_tp_a), bool)
    k_tp_a = np.array(k_tp, dtype=np.int64)
    return Office(
        t=t,
        n_targets=n_t,
        target_kind=target_kind,
        target_inst=target_inst,
        target_emp=np.array(emp_of, dtype=np.int64),
        target_kind_name=kind_names,
        target_id=ids,
        target_name=names,
        inst_target=inst_target,
        emp_target=emp_target,
        plain_target=plain_target,
        inst_branches=inst_branches,
        dist_area_inst=dist_area_inst,
        dist_emp_inst=dist_emp_inst,
        emp_industry_code=industry_code,
        ev_bulk=ev_bulk,
        ev_case=ev_case,
        ev_tp=ev_tp,
        ev_date=ev_date,
        ev_target=ev_target,
        ev_found=ev_found,
        own=hist(ev_tp * n_t + ev_target, ev_date, ev_found),
        own_kind=hist(ev_tp * n_k + ev_kind, ev_date, ev_found),
        coworkers=hist(ev_emp[has_emp] * n_t + ev_target[has_emp], ev_date[has_emp], ev_found[has_emp]),
        coworkers_kind=hist(ev_emp[has_emp] * n_k + ev_kind[has_emp], ev_date[has_emp], ev_found[has_emp]),
        neighbours=hist(ev_area * n_t + ev_target, ev_date, ev_found),
        neighbours_kind=hist(ev_area * n_k + ev_kind, ev_date, ev_found),
        office=hist(ev_target, ev_date, ev_found),
        segment=hist(ev_seg * n_t + ev_target, ev_date, ev_found),
        industry=hist(ev_ind[has_ind] * n_t + ev_target[has_ind], ev_date[has_ind], ev_found[has_ind]),
        bulk_own=hist(ev_tp[ev_bulk] * n_t + ev_target[ev_bulk], ev_date[ev_bulk], ev_found[ev_bulk]),
        bulk_segment=hist(ev_seg[ev_bulk] * n_t + ev_target[ev_bulk], ev_date[ev_bulk], ev_found[ev_bulk]),
        bulk_office=hist(ev_target[ev_bulk], ev_date[ev_bulk], ev_found[ev_bulk]),
        bulk_coworkers=hist(
            ev_emp[ev_bulk & has_emp] * n_t + ev_target[ev_bulk & has_emp], ev_date[ev_bulk & has_emp], ev_found[ev_bulk & has_emp]
        ),
        bulk_neighbours=hist(ev_area[ev_bulk] * n_t + ev_target[ev_bulk], ev_date[ev_bulk], ev_found[ev_bulk]),
        mentions=hist(m_tp_a * n_t + np.array(m_target, dtype=np.int64), np.array(m_date, dtype=np.int64), np.ones(len(m_tp), bool)),
        coworker_mentions=hist(m_emp[m_has_emp] * n_t + m_target_a[m_has_emp], m_date_a[m_has_emp], m_yes[m_has_emp]),
        neighbour_mentions=hist(t.tp_area[m_tp_a] * n_t + m_target_a, m_date_a, m_yes),
        kind_mentions=hist(k_tp_a * n_k + np.array(k_kind, dtype=np.int64), np.array(k_date, dtype=np.int64), np.ones(len(k_tp), bool)),
        employment=hist(np.array(e_tp, dtype=np.int64), np.array(e_date, dtype=np.int64), np.array(e_left, dtype=bool)),
        hardship_notes=hardship,
        hardship_by_case=by_case,
        hardship_by_tp=by_tp,
    )


def segment_of(t: OfficeTables, tp: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Segment of each taxpayer on each date: age band × employer on record × business income."""
    age = (np.asarray(dates, dtype=np.int64) - t.tp_birth[tp]) / 365.25
    band = np.searchsorted(AGE_BANDS, age, side="right")
    employer = (t.tp_emp[tp] >= 0).astype(np.int64)
    business = (np.nan_to_num(t.tp_income_business[tp], nan=0.0) > 0).astype(np.int64)
    return (band * 2 + employer) * 2 + business


def _bulk_events(case: np.ndarray, date: np.ndarray, inst: np.ndarray) -> np.ndarray:
    """Events on a (case, day) with at least BULK_MIN institutions asked: a 一斉照会."""
    if len(case) == 0:
        return np.zeros(0, dtype=bool)
    day_key = case.astype(np.int64) * SHIFT + date.astype(np.int64)
    _, inverse, _counts = np.unique(day_key, return_inverse=True, return_counts=True)
    per_day = np.bincount(inverse, weights=(inst >= 0).astype(float))
    return per_day[inverse] >= BULK_MIN


def _industry_codes(industries: list[str | None], limit: int = 200) -> np.ndarray:
    """A stable small integer per industry name (sorted), NaN when unknown."""
    names = sorted({i for i in industries if i})
    code = {name: min(n, limit - 1) for n, name in enumerate(names)}
    return np.array([code[i] if i else np.nan for i in industries], dtype=float)


__all__ = ["HARDSHIP_WORDS", "KIND_KEYWORDS", "Office", "prepare"]
