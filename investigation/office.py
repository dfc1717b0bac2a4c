"""The office prepared for the engine: the target table, distances to branches, and the
time-indexed history (investigations and note mentions) that features are counted from.

Everything here is derived from :class:`store.investigation_queries.OfficeTables` by pure
functions; nothing reads the generator's truth.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

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
    "receivable": "取引先",  # shown beside its kind: 取引先（売掛金）
}
SHIFT = np.int64(1 << 20)  # date ordinals (< 1,048,576 until year 2870) packed under a key
DECAY_DAYS = 365.0
# Taxpayer segments for the reasons: age decade (10代 … 90代) × salary income × business income.
DECADES = np.arange(10, 100, 10)
N_SEGMENTS = len(DECADES) * 4
# A business partner (取引先) named in a note about receivables: a company name, e.g.
# 「取引先 山田商事に売掛金あり」「元請は株式会社大東建設」 (the 売掛金 is asked of that partner).
_WORD = r"[一-龥々ァ-ヶーA-Za-zＡ-Ｚａ-ｚ0-9０-９・＆&]"
_PARTNER = re.compile(
    rf"(?:株式会社|有限会社|合同会社|（株）|\(株\)|（有）)\s?{_WORD}{{1,20}}"
    rf"|{_WORD}{{1,20}}?(?:株式会社|有限会社|合同会社|（株）|\(株\)|商事|商店|商会|工務店|建設|工業|産業|物産|製作所|興業|運輸)"
)
_PARTNER_PREFIX = re.compile(r"^(?:売掛金?|取引先|元請け?|得意先|発注元|納品先|売掛先|先)+")
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
    office_kind: KeyedHistory  # key kind
    # prior strength per kind (in inquiries): how far a target's own rate is pulled toward its
    # kind's rate. Estimated by the method of moments (``prior_strength``) at checkpoints, each
    # from the inquiries strictly before it; a pair dated d uses the last checkpoint ≤ d (row
    # 0, the default, before the first), so no later result reaches an earlier feature.
    prior_strength_dates: np.ndarray  # checkpoints, ascending
    kind_prior_strength: np.ndarray  # (len(prior_strength_dates) + 1, kinds)

    def prior_strength_at(self, kind: np.ndarray, as_of: np.ndarray) -> np.ndarray:
        row = np.searchsorted(self.prior_strength_dates, as_of, side="right")
        return self.kind_prior_strength[row, kind]
    mentions: KeyedHistory  # key tp * T + target, note dates
    kind_mentions: KeyedHistory  # key tp * K + kind, note dates
    employment: KeyedHistory  # key tp; found = the note says the employer on record was left
    segment: KeyedHistory  # key segment * T + target (segment of the taxpayer on the event's date)
    own_segment: KeyedHistory  # key (tp * N_SEGMENTS + segment) * T + target, to leave one out
    hardship_notes: list[tuple[int, int, str]]  # (case, date, word), sorted by case then date
    hardship_by_case: dict[int, list[tuple[int, str]]]
    hardship_by_tp: dict[int, list[tuple[int, str]]]  # all cases of a taxpayer speak of one person
    partners_by_tp: dict[int, list[tuple[int, str]]]  # (date, business partner) named in the notes

    def target_of(self, kind: str, target_id: str | None) -> int:
        """Target position of a (kind, id) pair, or -1."""
        return self._lookup.get((kind, target_id or ""), -1)

    def __post_init__(self) -> None:
        self._lookup = {
            (k, i): n for n, (k, i) in enumerate(zip(self.target_kind_name, self.target_id, strict=True))
        }


def segment_of(age_years: np.ndarray, salary: np.ndarray, business: np.ndarray) -> np.ndarray:
    """Segment code of taxpayers: age decade × has salary income × has business income
    (unknown income counts as none); -1 where the age is unknown."""
    age = np.asarray(age_years, dtype=float)
    with np.errstate(invalid="ignore"):
        band = np.clip(np.floor(age / 10) - 1, 0, len(DECADES) - 1)
        sal = np.nan_to_num(np.asarray(salary, dtype=float)) > 0
        bus = np.nan_to_num(np.asarray(business, dtype=float)) > 0
    code = np.where(np.isnan(age), -1, band * 4 + sal * 2 + bus)
    return code.astype(np.int64)


def segment_parts(code: int) -> tuple[int, bool, bool]:
    """(age decade, has salary income, has business income) of a segment code."""
    return int(DECADES[code // 4]), bool(code & 2), bool(code & 1)


def prepare(t: OfficeTables) -> Office:
    """Build the target table, distances and indexed history of an office."""
    targets = _targets(t)
    n_inst = len(t.inst_ids)
    # distances from each 町丁目 and each workplace to each institution's nearest branch
    dist_area_inst = nearest_km(t.area_lat, t.area_lon, t.branch_inst, t.branch_lat, t.branch_lon, n_inst)
    dist_emp_inst = nearest_km(t.emp_lat, t.emp_lon, t.branch_inst, t.branch_lat, t.branch_lon, n_inst)
    inst_branches = np.bincount(t.branch_inst, minlength=n_inst) if len(t.branch_inst) else np.zeros(n_inst, dtype=np.int64)
    ev = _events(t, targets)
    notes = _read_notes(t, targets.inst_target)
    return Office(
        t=t,
        n_targets=targets.n,
        target_kind=targets.kind,
        target_inst=np.array(targets.inst_of, dtype=np.int64),
        target_emp=np.array(targets.emp_of, dtype=np.int64),
        target_kind_name=targets.kind_names,
        target_id=targets.ids,
        target_name=targets.names,
        inst_target=targets.inst_target,
        emp_target=targets.emp_target,
        plain_target=targets.plain_target,
        inst_branches=inst_branches,
        dist_area_inst=dist_area_inst,
        dist_emp_inst=dist_emp_inst,
        emp_industry_code=_industry_codes(t.emp_industry),
        ev_case=ev.case,
        ev_tp=ev.tp,
        ev_date=ev.date,
        ev_target=ev.target,
        ev_found=ev.found,
        **_histories(ev, notes, targets),
        hardship_notes=notes.hardship,
        hardship_by_case=notes.hardship_by_case,
        hardship_by_tp=notes.hardship_by_tp,
        partners_by_tp=notes.partners_by_tp,
    )


@dataclass
class _Targets:
    """The target table: one row per institution of a target kind, per employer (salary), and
    per plain kind (pension, real estate, …)."""

    kind_codes: list[int] = field(default_factory=list)
    inst_of: list[int] = field(default_factory=list)
    emp_of: list[int] = field(default_factory=list)
    kind_names: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    inst_target: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    emp_target: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    plain_target: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, inst: int, emp: int, target_id: str, name: str) -> int:
        self.kind_codes.append(KIND_CODE[kind])
        self.inst_of.append(inst)
        self.emp_of.append(emp)
        self.kind_names.append(kind)
        self.ids.append(target_id)
        self.names.append(name)
        return len(self.kind_codes) - 1

    @property
    def n(self) -> int:
        return len(self.kind_codes)

    @property
    def kind(self) -> np.ndarray:
        return np.array(self.kind_codes, dtype=np.int64)


def _targets(t: OfficeTables) -> _Targets:
    out = _Targets(inst_target=np.full(len(t.inst_ids), -1, dtype=np.int64))
    for i in range(len(t.inst_ids)):
        tk = TARGET_OF_INSTITUTION_KIND.get(t.inst_kind[i])
        if tk is not None:
            out.inst_target[i] = out.add(tk, i, -1, t.inst_ids[i], t.inst_name[i])
    out.emp_target = np.arange(len(t.emp_ids), dtype=np.int64) + out.n
    for e in range(len(t.emp_ids)):
        out.add("salary", -1, e, t.emp_ids[e], t.emp_names[e])
    for k in PLAIN_KINDS:
        out.plain_target[k] = out.add(k, -1, -1, "", PLAIN_TARGET_NAMES[k])
    return out


@dataclass
class _Events:
    """The office's investigations whose target is in the target table, with the taxpayer's
    employer, area and segment at the time."""

    case: np.ndarray
    tp: np.ndarray
    date: np.ndarray
    target: np.ndarray
    found: np.ndarray
    kind: np.ndarray
    emp: np.ndarray
    has_emp: np.ndarray
    area: np.ndarray
    seg: np.ndarray
    seg_ok: np.ndarray
    ref: int  # the last investigation's date (the histories' decay reference)


def _events(t: OfficeTables, targets: _Targets) -> _Events:
    lookup = {(k, i): n for n, (k, i) in enumerate(zip(targets.kind_names, targets.ids, strict=True))}
    ev_target = np.array(
        [lookup.get((k, tid if k not in PLAIN_KINDS else ""), -1) for k, tid in zip(t.inv_kind, t.inv_target_id, strict=True)],
        dtype=np.int64,
    )
    ok = ev_target >= 0
    ev_case = t.inv_case[ok]
    ev_tp = t.case_tp[ev_case] if len(ev_case) else np.zeros(0, dtype=np.int64)
    ev_date = t.inv_date[ok]
    ev_target = ev_target[ok]
    ev_emp = t.tp_emp[ev_tp]
    ev_seg = segment_of((ev_date - t.tp_birth[ev_tp]) / 365.25, t.tp_income_salary[ev_tp], t.tp_income_business[ev_tp])
    return _Events(
        case=ev_case,
        tp=ev_tp,
        date=ev_date,
        target=ev_target,
        found=t.inv_found[ok],
        kind=targets.kind[ev_target],
        emp=ev_emp,
        has_emp=ev_emp >= 0,
        area=t.tp_area[ev_tp],
        seg=ev_seg,
        seg_ok=ev_seg >= 0,
        ref=int(ev_date.max()) if len(ev_date) else 0,
    )


@dataclass
class _NoteSignals:
    """What the notes say: institutions and target kinds mentioned, the employer left or
    confirmed (在籍確認), and hardship words, each with its taxpayer and date."""

    m_tp: list[int] = field(default_factory=list)
    m_date: list[int] = field(default_factory=list)
    m_target: list[int] = field(default_factory=list)
    k_tp: list[int] = field(default_factory=list)
    k_date: list[int] = field(default_factory=list)
    k_kind: list[int] = field(default_factory=list)
    e_tp: list[int] = field(default_factory=list)
    e_date: list[int] = field(default_factory=list)
    e_left: list[bool] = field(default_factory=list)
    hardship: list[tuple[int, int, str]] = field(default_factory=list)  # (case, date, word), sorted
    hardship_by_case: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    hardship_by_tp: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    partners_by_tp: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def business_partner(text: str) -> str | None:
    """The first company name in a note (its leading 取引先/元請… words cut off), or None."""
    for m in _PARTNER.finditer(text):
        name = _PARTNER_PREFIX.sub("", m.group(0)).strip()
        if len(name) >= 2:
            return name
    return None


def _read_notes(t: OfficeTables, inst_target: np.ndarray) -> _NoteSignals:
    # note mentions: institutions (by alias) and target kinds (by keyword)
    finder = MentionFinder(
        institution_aliases(t.inst_name, t.inst_kind, avoid=list(t.area_names) + list(t.emp_names)),
        t.inst_kind,
    )
    out = _NoteSignals()
    for c, d, text in zip(t.note_case.tolist(), t.note_date.tolist(), t.note_text, strict=True):
        tp = int(t.case_tp[c])
        left, stays = _LEFT.search(text), _STAYS.search(text)
        if left or stays:
            out.e_tp.append(tp)
            out.e_date.append(d)
            out.e_left.append(bool(left) and not stays)
        for inst in finder.institutions(text):
            tg = int(inst_target[inst])
            if tg >= 0:
                out.m_tp.append(tp)
                out.m_date.append(d)
                out.m_target.append(tg)
        for kind in finder.kinds(text):
            out.k_tp.append(tp)
            out.k_date.append(d)
            out.k_kind.append(KIND_CODE[kind])
            if kind == "receivable":
                partner = business_partner(text)
                if partner:
                    out.partners_by_tp.setdefault(tp, []).append((d, partner))
        for word in find_hardship_words(text):
            out.hardship.append((c, d, word))
    out.hardship.sort()
    for c, d, w in out.hardship:
        out.hardship_by_case.setdefault(c, []).append((d, w))
        out.hardship_by_tp.setdefault(int(t.case_tp[c]), []).append((d, w))
    return out


def _histories(ev: _Events, notes: _NoteSignals, targets: _Targets) -> dict[str, Any]:
    """The time-indexed histories the features count from, and the prior strength per kind."""
    n_t, n_k = targets.n, len(TARGET_KINDS)

    def hist(keys: np.ndarray, dates: np.ndarray, found: np.ndarray) -> KeyedHistory:
        return KeyedHistory(keys, dates, found, ev.ref)

    has_emp, seg_ok = ev.has_emp, ev.seg_ok
    m_tp_a = np.array(notes.m_tp, dtype=np.int64)
    k_tp_a = np.array(notes.k_tp, dtype=np.int64)
    checkpoints = prior_strength_checkpoints(ev.date)
    return dict(
        own=hist(ev.tp * n_t + ev.target, ev.date, ev.found),
        own_kind=hist(ev.tp * n_k + ev.kind, ev.date, ev.found),
        coworkers=hist(ev.emp[has_emp] * n_t + ev.target[has_emp], ev.date[has_emp], ev.found[has_emp]),
        coworkers_kind=hist(ev.emp[has_emp] * n_k + ev.kind[has_emp], ev.date[has_emp], ev.found[has_emp]),
        neighbours=hist(ev.area * n_t + ev.target, ev.date, ev.found),
        neighbours_kind=hist(ev.area * n_k + ev.kind, ev.date, ev.found),
        office=hist(ev.target, ev.date, ev.found),
        office_kind=hist(ev.kind, ev.date, ev.found),
        prior_strength_dates=checkpoints,
        kind_prior_strength=np.vstack(
            [np.full(len(TARGET_KINDS), PRIOR_STRENGTH_DEFAULT)]
            + [prior_strength(targets.kind, ev.target[ev.date < d], ev.found[ev.date < d], n_t) for d in checkpoints.tolist()]
        ),
        mentions=hist(
            m_tp_a * n_t + np.array(notes.m_target, dtype=np.int64),
            np.array(notes.m_date, dtype=np.int64),
            np.ones(len(notes.m_tp), bool),
        ),
        kind_mentions=hist(
            k_tp_a * n_k + np.array(notes.k_kind, dtype=np.int64),
            np.array(notes.k_date, dtype=np.int64),
            np.ones(len(notes.k_tp), bool),
        ),
        employment=hist(
            np.array(notes.e_tp, dtype=np.int64), np.array(notes.e_date, dtype=np.int64), np.array(notes.e_left, dtype=bool)
        ),
        segment=hist(ev.seg[seg_ok] * n_t + ev.target[seg_ok], ev.date[seg_ok], ev.found[seg_ok]),
        own_segment=hist(
            (ev.tp[seg_ok] * N_SEGMENTS + ev.seg[seg_ok]) * n_t + ev.target[seg_ok], ev.date[seg_ok], ev.found[seg_ok]
        ),
    )


PRIOR_STRENGTH_DEFAULT = 20.0  # inquiries, when a kind has too few targets to estimate it
PRIOR_STRENGTH_RANGE = (2.0, 500.0)


def prior_strength_checkpoints(ev_date: np.ndarray) -> np.ndarray:
    """Dates at which the prior strength is re-estimated: every 1 April (the fiscal year) after
    the first inquiry up to the day after the last one. Fixed calendar dates, so adding later
    inquiries never moves an earlier checkpoint."""
    if len(ev_date) == 0:
        return np.zeros(0, dtype=np.int64)
    first, last = dt.date.fromordinal(int(ev_date.min())), dt.date.fromordinal(int(ev_date.max()))
    return np.array(
        [dt.date(y, 4, 1).toordinal() for y in range(first.year + 1, last.year + 2)
         if dt.date(y, 4, 1) <= last + dt.timedelta(days=1)],
        dtype=np.int64,
    )


def prior_strength(target_kind: np.ndarray, ev_target: np.ndarray, ev_found: np.ndarray, n_t: int) -> np.ndarray:
    """Per kind, the strength m (in inquiries) of the beta prior that the kind's targets' found
    rates are drawn from, by the method of moments: m = p(1-p) / var_between - 1, where the
    variance between targets is their observed rates' variance less the binomial noise. A kind
    whose targets differ little gets a strong pull toward its rate (a bank asked 4 times is not
    "50 %"), one whose targets differ much (employers, banks of different reach) a weak one."""
    n = np.bincount(ev_target, minlength=n_t).astype(float)
    f = np.bincount(ev_target[ev_found.astype(bool)], minlength=n_t).astype(float)
    out = np.full(len(TARGET_KINDS), PRIOR_STRENGTH_DEFAULT)
    for k in range(len(TARGET_KINDS)):
        sel = (target_kind == k) & (n >= 5)
        if sel.sum() < 3:
            continue
        w = n[sel]
        r = f[sel] / w
        p = float((f[sel]).sum() / w.sum())
        if p <= 0 or p >= 1:
            continue
        var_obs = float(np.average((r - p) ** 2, weights=w))
        noise = p * (1 - p) * float(np.mean(1 / w))
        var_between = var_obs - noise
        m = p * (1 - p) / var_between - 1 if var_between > 0 else PRIOR_STRENGTH_RANGE[1]
        out[k] = float(np.clip(m, *PRIOR_STRENGTH_RANGE))
    return out


def _industry_codes(industries: list[str | None], limit: int = 200) -> np.ndarray:
    """A stable small integer per industry name (sorted), NaN when unknown."""
    names = sorted({i for i in industries if i})
    code = {name: min(n, limit - 1) for n, name in enumerate(names)}
    return np.array([code[i] if i else np.nan for i in industries], dtype=float)


__all__ = ["HARDSHIP_WORDS", "KIND_KEYWORDS", "Office", "prepare"]
