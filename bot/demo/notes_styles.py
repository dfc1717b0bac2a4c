"""How officers word the 経過記録 (``choshu demo-data --notes-style``).

The generator writes each note in one wording (``standard``, the bytes of earlier versions).
Offices write differently, so engines that read the notes should not be tuned to one wording.
The other styles rewrite the generated lines after the fact (their own random stream: nothing
else in the office changes, the officers' inquiry choices included):

- ``terse``: abbreviations as in a busy office's log (勤務先:〇〇 在籍○, 口座→△△信金, 給振→…,
  TEL不在, 生保控除:…);
- ``vague``: names seldom written: most bank names become informal descriptions (地元の信金,
  大手銀行, ネット銀行 …) and most employer names are left out (勤務先に在籍確認).

The hardship words (失業, 多重債務, 生活保護 …) and the pledge line (月N万円で分納誓約) stay.
"""

from __future__ import annotations

import re

import numpy as np

from bot.demo.world import INSTITUTIONS

NOTES_STYLES = ("standard", "terse", "vague")
VAGUE_SHARE = 0.7  # share of bank / employer names a ``vague`` office leaves out

_TERSE = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"^勤務先(.+?)に在籍確認、在籍あり$", r"勤務先:\1 在籍○"),
        (r"^勤務先(.+?)に在籍確認、退職済。転職先は未確認$", r"勤務先:\1 退職済(転職先不明)"),
        (r"^勤務先(.+?)に在籍確認、退職済とのこと$", r"勤務先:\1 退職済"),
        (r"^勤務先に在籍確認、", r"勤務先確認:"),
        (r"^給与振込は(.+)とのこと$", r"給振→\1"),
        (r"^年金は(.+)で受取とのこと$", r"年金受取→\1"),
        (r"^本人より以前は(.+)を使っていたと聴取$", r"旧口座→\1"),
        (r"^本人より(.+)に口座ありと聴取$", r"口座→\1"),
        (r"^家族より(.+)の口座を使っていると聴取$", r"口座→\1(家族談)"),
        (r"^口座振替依頼書（(.+)）提出あり$", r"口振依頼書:\1"),
        (r"^本人来庁。(.+)の通帳を持参$", r"来庁、通帳(\1)持参"),
        (r"^(.+)から振込で一部納付あり$", r"一部納付(\1より振込)"),
        (r"^(.+)の口座は解約したとのこと$", r"\1 解約済と"),
        (r"^申告書に(.+)の生命保険料控除あり$", r"生保控除:\1"),
        (r"^電話催告、", r"TEL "),
        (r"^本人より電話あり。", r"本人TEL有 "),
        (r"^催告書送付$", r"催告書発送"),
        (r"^本人来庁、分納相談。", r"来庁 分納相談、"),
    )
)
_INFORMAL = {
    "mega": ("大手銀行", "都市銀行", "メガバンク"),
    "regional": ("地銀", "地方銀行"),
    "post": ("郵便局",),
    "shinkin": ("地元の信金", "信金"),
    "shinkumi": ("信組",),
    "online": ("ネット銀行",),
    "ja": ("農協",),
}
_ALIAS_OF = {a: i for i in INSTITUTIONS for a in i.aliases}
_ALIASES = re.compile("|".join(sorted(map(re.escape, _ALIAS_OF), key=len, reverse=True)))
_LIFE_DEDUCTION = re.compile(r"^申告書に.+の生命保険料控除あり$")
_EMPLOYER = re.compile(r"^勤務先(.+?)に在籍確認")


def _terse(text: str) -> str:
    for pattern, repl in _TERSE:
        text = pattern.sub(repl, text)
    return text


def _vague(rng: np.random.Generator, text: str) -> str:
    if _LIFE_DEDUCTION.match(text) and rng.random() < VAGUE_SHARE:
        return "申告書に生命保険料控除あり"
    m = _EMPLOYER.match(text)
    if m and rng.random() < VAGUE_SHARE:
        return "勤務先に在籍確認" + text[m.end() :]

    def informal(m: re.Match[str]) -> str:
        inst = _ALIAS_OF[m.group(0)]
        words = _INFORMAL.get(inst.tier)
        if not words or rng.random() >= VAGUE_SHARE:
            return m.group(0)
        return words[int(rng.integers(len(words)))]

    return _ALIASES.sub(informal, text)


def restyle_notes(style: str, notes: list[dict[str, object]], seed: int) -> list[dict[str, object]]:
    """The notes as an office of ``style`` writes them; ``standard`` returns ``notes`` unchanged."""
    if style not in NOTES_STYLES:
        raise ValueError(style)
    if style == "standard":
        return notes
    rng = np.random.default_rng([seed, 14])
    out = []
    for note in notes:
        text = str(note["text"])
        text = _vague(rng, text) if style == "vague" else _terse(text)
        out.append({**note, "text": text})
    return out
