"""Entities of a message: staff members, investigation targets, results, weights.

Pure functions on a :class:`Lexicon` (names loaded from the store by ``bot.router.lexicon``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.router.normalize import normalize
from investigation.aliases import institution_aliases
from retrieval.readings import name_reading
from store.romaji import romaji_key
from store.staff_names import resolve_staff, romaji_keys
from tools.entities import StaffMention
from tools.exempt import yen_value

# Words naming a kind of target, most specific first.
_KIND_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("life_insurance", ("生命保険", "生保", "保険", "life insurance", "insurance")),
    ("securities", ("証券", "株式", "securities", "brokerage")),
    ("salary", ("給与", "給料", "勤務先", "在籍", "salary", "employer", "wage")),
    ("pension", ("年金", "pension")),
    ("real_estate", ("不動産", "登記", "土地", "家屋", "real estate", "property register")),
    ("vehicle", ("自動車", "車両", "車", "vehicle", "car")),
    ("receivable", ("売掛", "取引先", "receivable")),
    (
        "deposit",
        ("預貯金", "預金", "口座", "銀行", "信金", "信用金庫", "信組", "信用組合", "ゆうちょ",
         "郵便局", "農協", "JA", "bank", "deposit", "account"),
    ),
]

_NOT_FOUND = re.compile(
    r"(なし|無し|ない|なかった|無かった|ありません|見つからな|該当なし|不明|ゼロ|0件|在籍なし|取引なし|"
    r"not found|no account|none|nothing|not exist|no record)",
    re.I,
)
_FOUND = re.compile(
    r"(あり(?!そう|ます[かの])|有り|ある(?!か)|あった|有った|判明|見つか|発見|確認でき|存在|found|exists|has an|yes)", re.I
)

_ORG_SUFFIXES = [
    ("信用金庫", "信金"),
    ("信用組合", "信組"),
    ("農業協同組合", "農協"),
    ("生命保険", "生命"),
    ("銀行", ""),
    ("証券", ""),
    ("證券", ""),
    ("生命", ""),
]


@dataclass(frozen=True)
class StaffName:
    staff_id: str
    name: str


@dataclass(frozen=True)
class TargetName:
    target_kind: str
    target_id: str
    name: str
    # An institution's kind (bank, post_bank, …): its short forms then come from the same rules
    # the recommender uses to read 経過記録 (investigation.aliases), e.g. 郵貯, みどり信金, 武中銀.
    institution_kind: str | None = None


@dataclass
class Lexicon:
    """Names the router recognises; built from the store, or empty (patterns only)."""

    staff: list[StaffName] = field(default_factory=list)
    targets: list[TargetName] = field(default_factory=list)
    # The romaji keys of the names (store.romaji.romaji_key), built on the first message in
    # Latin letters: staff name keys; institution/employer alias key → target.
    _staff_keys: set[str] | None = field(default=None, init=False, repr=False)
    _target_keys: dict[str, TargetName] | None = field(default=None, init=False, repr=False)

    def staff_keys(self) -> set[str]:
        if self._staff_keys is None:
            keys: set[str] = set()
            for person in self.staff:
                whole, parts = romaji_keys(person.name, name_reading)
                keys |= whole | parts
            self._staff_keys = {k for k in keys if len(k) >= MIN_ROMAJI}
        return self._staff_keys

    def target_keys(self) -> dict[str, TargetName]:
        if self._target_keys is None:
            seen: dict[str, set[str]] = {}
            first: dict[str, TargetName] = {}
            for alias, tgt in self._target_aliases:
                key = romaji_key(name_reading(alias))
                if len(key) >= MIN_ROMAJI + 1:
                    seen.setdefault(key, set()).add(tgt.target_id)
                    first.setdefault(key, tgt)
            self._target_keys = {k: first[k] for k, ids in seen.items() if len(ids) == 1}
        return self._target_keys

    def __post_init__(self) -> None:
        institutions = [tgt for tgt in self.targets if tgt.institution_kind]
        others = [tgt for tgt in self.targets if not tgt.institution_kind]
        shared = institution_aliases(
            [tgt.name for tgt in institutions],
            [tgt.institution_kind or "" for tgt in institutions],
            avoid=[tgt.name for tgt in others],
        )
        pairs = [(normalize(alias), institutions[idx[0]]) for alias, idx in shared.items() if len(idx) == 1]
        pairs += [(alias, tgt) for tgt in others for alias in target_aliases(tgt.name)]
        self._target_aliases = sorted(pairs, key=lambda pair: -len(pair[0]))


def target_aliases(name: str) -> list[str]:
    """「城南信用金庫」 → 城南信用金庫, 城南信金, 城南; 「株式会社みずほ銀行」 → みずほ銀行, みずほ."""
    base = normalize(name)
    for legal in ("株式会社", "(株)", "有限会社", "合同会社", "医療法人社団", "医療法人", "学校法人", "社会福祉法人"):
        base = base.replace(legal, "")
    base = base.strip()
    aliases = {base, base.replace(" ", "")}
    for suffix, short in _ORG_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            core = base[: -len(suffix)].strip()
            if short:
                aliases.add(core + short)
            if len(core) >= 2:
                aliases.add(core)
            break
    return [a for a in aliases if len(a) >= 2]


def find_staff(text: str, lexicon: Lexicon) -> StaffMention | None:
    """The staff member named in ``text`` (by staff ID, full name or family name, or a name
    before an honorific), with every member of the lexicon it could mean: resolved by
    ``store.staff_names.resolve_staff``, the rule the tools resolve ``to_staff`` by."""
    norm = normalize(text)
    written = _staff_written(norm, lexicon)
    if written is None:
        return None
    ids = [p.staff_id for p in resolve_staff(written, lexicon.staff, reading=name_reading)]
    return StaffMention(written, tuple(dict.fromkeys(ids)))


def _staff_written(norm: str, lexicon: Lexicon) -> str | None:
    """The words of ``norm`` that name a staff member, as written."""
    compact = norm.replace(" ", "")
    for person in lexicon.staff:
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(person.staff_id)}(?![A-Za-z0-9])", norm, re.I):
            return person.staff_id
    best: str | None = None
    for person in lexicon.staff:
        full = normalize(person.name)
        family = full.split(" ")[0]
        for written in {full.replace(" ", ""), family}:
            if len(written) >= 2 and written in compact and (best is None or len(written) > len(best)):
                best = written
    if best is not None:
        return best
    romanised = _romaji_span(norm, lexicon.staff_keys()) if _LATIN.search(norm) else None
    if romanised is not None:  # "reassign 010014 to Kimura", "Suzuki-san", "Aoi Kimura"
        return romanised
    for kana in _KANA_NAME.finditer(norm):  # 「すずきさん」: a name in kana before an honorific
        run = kana.group(1)
        for start in range(len(run) - 1):  # 「をきむら」: the words before the name are kana too
            if romaji_key(run[start:]) in lexicon.staff_keys():
                return run[start:]
    # Not in the table: a name followed by an honorific or 「に担当」.
    m = re.search(r"([一-龥々ァ-ヶー]{1,6})(?:さん|様|氏|君|くん)", norm) or re.search(
        r"([一-龥々ァ-ヶー]{2,6})(?:に|へ)(?:担当|変更|替え|移|引き継|回|振|任|渡)", norm
    )
    if m:
        return m.group(1)
    m = re.search(r"(?<![A-Za-z0-9])([A-Za-z]{1,3}\d{2,4})(?![A-Za-z0-9])", norm)
    if m:
        return m.group(1)
    m = re.search(r"\blet ([A-Za-z][\w.-]*) take\b", norm, re.I) or re.search(
        r"\b(?:to|for)\s+([A-Za-z][\w.-]*)\s*$", norm
    )
    if m and m.group(1).lower() not in {"staff", "case", "me"}:
        return m.group(1)
    return None


def find_target(text: str, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """(target_kind, target_id) named in ``text``; an institution or employer by name wins."""
    norm = normalize(text)
    for alias, tgt in lexicon._target_aliases:
        if alias in norm:
            return tgt.target_kind, tgt.target_id
    if _LATIN.search(norm):  # "Midori Shinkin", "Tohto Chuo Bank"
        latin = " ".join(_ENGLISH_ORG.get(w.lower(), w) for w in _LATIN.findall(norm))
        key_of = lexicon.target_keys()
        span = _romaji_span(latin, set(key_of), longest=4)
        if span is not None:
            tgt = key_of[romaji_key(span)]
            return tgt.target_kind, tgt.target_id
    low = norm.lower()
    for kind, words in _KIND_WORDS:
        if any(w.lower() in low for w in words):
            return kind, None
    return None, None


MIN_ROMAJI = 3  # shorter Latin words ("to", "me") never name anyone
_LATIN = re.compile(r"[A-Za-z\u00c0-\u017f]+")
_KANA_NAME = re.compile(r"([ぁ-ゖァ-ヶー]{2,12})(?:さん|さま|様|くん|君|ちゃん)")
# English words of institution names, spelled as the names read (Tohto Chuo Bank → 東都中央銀行).
_ENGLISH_ORG = {"bank": "ginkou", "life": "seimei", "insurance": "hoken", "securities": "shouken", "credit": "shinyou"}


def _romaji_span(text: str, keys: set[str], longest: int = 2) -> str | None:
    """The longest run of Latin words in ``text`` (up to ``longest`` words) whose romaji key is
    one of ``keys``, as written; None when none is."""
    if not keys:
        return None
    words = _LATIN.findall(text)
    for size in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            written = " ".join(words[i : i + size])
            if romaji_key(written) in keys:
                return written
    return None


_TEAM = re.compile(r"([^\s、。,.「」]{0,10}?(?:第[一二三四五六七八九十\d]+|[一二三四五六七八九十\d]+|[^\s、。,.「」の]{1,6})係)(?:だけ|のみ|限定|内)")


def find_team(text: str) -> str | None:
    """A team written as the scope of a plan (「第一係だけ」「収納第二係のみ」), as written."""
    m = _TEAM.search(normalize(text))
    return m.group(1) if m else None


def find_result(text: str) -> str | None:
    """"found" / "not_found" from result words (negatives checked first)."""
    norm = normalize(text)
    if _NOT_FOUND.search(norm):
        return "not_found"
    if _FOUND.search(norm):
        return "found"
    return None


# words for the development weight: 育成重視 = all the way toward development, 効率重視 = none
WEIGHT_WORDS = (("育成重視", 1.0), ("育成優先", 1.0), ("効率重視", 0.0), ("効率優先", 0.0))


def find_weight(text: str) -> float | None:
    """A development weight between 0 and 1 written in the message (「育成0.3」「育成の重み0.5」),
    or said in words (「育成重視」 1.0, 「効率重視」 0.0)."""
    norm = normalize(text)
    for word, value in WEIGHT_WORDS:
        if word in norm:
            return value
    m = re.search(r"(?<![\d.])(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)(?![\d.])", norm)
    if not m:
        return None
    value = float(m.group(1))
    return value if 0.0 <= value <= 1.0 else None


# An amount of money found by an inquiry: 「12万円」「120,000円」「¥120000」「12万」 (a bare number
# is not money: it may be a case number).
_MONEY = re.compile(
    r"[¥\\]\s*(\d[\d,]*)"
    r"|(\d+(?:\.\d+)?万(?:\d+(?:\.\d+)?千|\d[\d,]*)?|\d+(?:\.\d+)?千|\d[\d,]*)\s*円"
    r"|(\d+(?:\.\d+)?万(?:\d+(?:\.\d+)?千|\d[\d,]*)?)"
)


def find_money(text: str) -> tuple[int, tuple[int, int]] | None:
    """The first amount of money in normalised ``text`` (yen) and where it is written."""
    m = _MONEY.search(text)
    if m is None:
        return None
    written = next(g for g in m.groups() if g)
    try:
        return yen_value(written), m.span()
    except ValueError:
        return None
