"""The exempt_amount tool: 差押禁止額 and 差押可能額 of one payment, each line with its article.

``parse_amounts`` reads a chat message in any order (「給料30万、所得税6千、住民税1万2千、社保4万2千、
扶養2人」, full-width digits, 万/千, 円 and commas); the router fills the tool's arguments from it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import BaseModel, Field

from investigation.exempt import KINDS, ExemptAmount
from tools.context import ToolContext
from tools.entities import Entities
from tools.format import yen
from tools.links import article_links
from tools.messages import Lang, t
from tools.registry import Routing, register
from tools.reply import Reply, Section
from tools.search import LAW_CUE
from tools.usecases.day import exempt_amount

PENSION_PERIOD_DAYS = 61  # 公的年金 are paid every two months (偶数月)

# One amount of money: 「30万」「1万2千」「4万2000」「6千」「300,000円」「1.2万」「12000」.
_AMOUNT = r"(\d+(?:\.\d+)?万(?:\d+(?:\.\d+)?千|\d[\d,]*)?|\d+(?:\.\d+)?千|\d[\d,]*)\s*円?"
# Labels, most specific first; the amount follows the label (「所得税6千」「所得税は6,000円」).
_LABELS: list[tuple[str, str]] = [
    ("social_insurance", r"社会保険料?|社保|健康保険料?|厚生年金保険料?|厚生年金|雇用保険料?|social insurance"),
    ("income_tax", r"所得税|源泉(?:徴収)?(?:税)?|income tax"),
    ("resident_tax", r"住民税|市民税|区民税|町民税|村民税|特別徴収|resident tax"),
    ("pay", r"総支給額?|支給額|給料|給与|月給|週給|日給|賃金|報酬|年金|賞与|ボーナス|pension|bonus|salary|pay|wages?"),
]
_GAP = r"[はがを:：=＝ 　]*(?:月額|月|毎月|額|が|は|で)?[ 　:：]*"
_DEPENDENTS = [
    re.compile(r"(?:扶養|扶養家族|親族|家族|dependents?)[はがの ]*(\d+)\s*(?:人|名)"),
    re.compile(r"(\d+)\s*(?:人|名)\s*(?:扶養|の扶養)"),
    re.compile(r"(\d+)\s*dependents?", re.I),
]
_NO_DEPENDENTS = re.compile(r"扶養(?:なし|無し|ゼロ|0)|独身|単身|一人暮らし|no dependents", re.I)
_PERIOD = [
    (re.compile(r"週給|週払|毎週|1週間|一週間|weekly", re.I), 7),
    (re.compile(r"(\d+)\s*(?:か月|ヶ月|ケ月|カ月|箇月|months?)(?:分|ごと|毎)?", re.I), -1),
    (re.compile(r"(\d+)\s*日(?:分|間)"), -2),
]


def yen_value(text: str) -> int:
    """「1万2千」 → 12000; 「300,000」 → 300000; 「1.2万」 → 12000."""
    text = text.replace(",", "")
    total = 0.0
    if "万" in text:
        head, text = text.split("万", 1)
        total += float(head) * 10_000
    if "千" in text:
        head, text = text.split("千", 1)
        total += float(head) * 1_000
    if text:
        total += float(text)
    return round(total)


def parse_amounts(message: str) -> dict[str, Any]:
    """The exempt_amount arguments written in ``message`` (only those found)."""
    text = unicodedata.normalize("NFKC", message)
    args: dict[str, Any] = {}
    rest = text
    for name, label in _LABELS:
        m = re.search(rf"({label}){_GAP}{_AMOUNT}", rest, re.I)
        if m is None:
            continue
        args[name] = yen_value(m.group(2))
        if name == "pay":
            word = m.group(1).lower()
            if word in ("年金", "pension"):
                args["kind"] = "pension"
            elif word in ("賞与", "ボーナス", "bonus"):
                args["kind"] = "bonus"
        rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    for pattern in _DEPENDENTS:
        m = pattern.search(text)
        if m:
            args["dependents"] = int(m.group(1))
            break
    else:
        if _NO_DEPENDENTS.search(text):
            args["dependents"] = 0
    for pattern, days in _PERIOD:
        m = pattern.search(text)
        if m is None:
            continue
        if days == -1:
            args["period_days"] = int(m.group(1)) * 30 + int(m.group(1)) // 2
        elif days == -2:
            args["period_days"] = int(m.group(1))
        else:
            args["period_days"] = days
        break
    if args.get("kind") == "pension" and "period_days" not in args and re.search(r"月額|毎月|月", text) is None:
        args["period_days"] = PENSION_PERIOD_DAYS
    return args


class ExemptArgs(BaseModel):
    pay: int | None = Field(default=None, ge=0, le=10**11, description="支給額（円、税・社会保険料を引く前）")
    income_tax: int | None = Field(default=None, ge=0, le=10**11, description="源泉所得税（円）")
    resident_tax: int | None = Field(default=None, ge=0, le=10**11, description="特別徴収の住民税（円）")
    social_insurance: int | None = Field(default=None, ge=0, le=10**11, description="社会保険料（円）")
    dependents: int | None = Field(default=None, ge=0, le=30, description="生計を一にする親族の人数")
    period_days: int | None = Field(default=None, ge=1, le=366, description="支給の基礎となった期間（日）。省略時は1か月")
    kind: str = Field(default="salary", description="salary（給与）, bonus（賞与）, pension（年金）")


def period_text(result: ExemptAmount, lang: Lang) -> str:
    if not result.days:
        return t("exempt.period.months", lang, months=result.months)
    if not result.months:
        return t("exempt.period.days", lang, days=result.days)
    return t("exempt.period", lang, months=result.months, days=result.days)


def item_text(result: ExemptAmount, index: int, lang: Lang) -> str:
    line = result.lines[index]
    return t(line.item, lang, period=period_text(result, lang), **line.params)


def render_lines(result: ExemptAmount, lang: Lang) -> list[str]:
    """One line per item: 「所得税 6,000円（国税徴収法76条1項1号）」."""
    lines = []
    for i, line in enumerate(result.lines):
        label = item_text(result, i, lang)
        lines.append(t("exempt.line", lang, item=label, yen=yen(line.yen), citation=line.citation))
    return lines


def as_json(result: ExemptAmount) -> dict[str, Any]:
    """The contract's ``exempt-amount --json``."""
    return {
        "exempt": result.exempt,
        "seizable": result.seizable,
        "breakdown": [
            {"item": item_text(result, i, "ja"), "yen": line.yen, "citation": line.citation}
            for i, line in enumerate(result.lines)
        ],
    }


EXEMPT_CUE = re.compile(
    r"(差押(?:え|さえ)?禁止|禁止額|差押(?:え|さえ)?可能|差し?押(?:さ)?え(?:られる|できる)(?:の|額|金額)?は?(?:いくら|何円)|"
    r"いくら差し?押|計算(?!式)|exempt|seizable|how much can)",
    re.I,
)
# The calculator needs an amount; without one it is a question about the law.
_CALC_WORDS = re.compile(r"(計算(?!式)|いくら|何円|差押可能|差押え可能|できる額|calculat|how much)", re.I)


def exempt_args(ent: Entities) -> tuple[dict[str, Any], str]:
    return dict(ent.amounts), "" if "pay" in ent.amounts else "pay"


def exempt_score(score: float, ent: Entities) -> float:
    """A payment and a deduction make a calculation; no amount and no word of calculating, a
    question about the law."""
    if "pay" in ent.amounts and len(ent.amounts) >= 2:
        return score + 1.0
    if not ent.amounts and not _CALC_WORDS.search(ent.text):
        return score * 0.1
    if not ent.case_ids and re.search(r"計算(?!式)|calculat", ent.text, re.I) and not LAW_CUE.search(ent.text):
        return score + 0.5  # 「差押禁止額を計算して」: the calculator, asking for the pay
    return score


@register(
    "exempt_amount",
    description="給与・賞与・年金1回分の差押禁止額と差押可能額を計算する（国税徴収法76条・77条、施行令34条）。支給額・所得税・住民税・社会保険料・扶養親族の人数・支給期間を受け取る。",
    args=ExemptArgs,
    case_data=False,
    example="給料30万、所得税6千、住民税1万2千、社保4万2千、扶養2人だと差押えできるのはいくら？",
    examples=(
        "給料30万、所得税6千、住民税1万2千、社保4万2千、扶養2人だと差押えできるのはいくら？",
        "salary 300000, income tax 6000, resident tax 12000, social insurance 42000, 2 dependents: how much can be seized?",
    ),
    routing=Routing(cue=EXEMPT_CUE, args=exempt_args, score=exempt_score),
)
def exempt_amount_tool(ctx: ToolContext, args: ExemptArgs) -> Reply:
    lang = ctx.actor.lang
    if args.pay is None:
        return Reply(text=t("chat.ask.pay", lang), ok=False)
    result = exempt_amount(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        pay=args.pay,
        income_tax=args.income_tax or 0,
        resident_tax=args.resident_tax or 0,
        social_insurance=args.social_insurance or 0,
        dependents=args.dependents or 0,
        period_days=args.period_days,
        kind=args.kind if args.kind in KINDS else "salary",
    )
    period = period_text(result, lang)
    text = t(
        "chat.exempt.header",
        lang,
        kind=t(f"exempt.kind.{result.kind}", lang),
        pay=yen(result.pay),
        period=period,
        exempt=yen(result.exempt),
        seizable=yen(result.seizable),
    )
    sections = [Section(text="\n".join(render_lines(result, lang)))]
    missing = [
        t(f"exempt.field.{name}", lang)
        for name in ("income_tax", "resident_tax", "social_insurance", "dependents")
        if getattr(args, name) is None
    ]
    if missing:
        sections.append(Section(text=t("chat.exempt.assumed", lang, fields="・".join(missing))))
    # the articles the breakdown cites (76条, and 77条 for a pension), on the search page
    links = article_links([line.citation for line in result.lines], lang)
    return Reply(text=text, sections=sections, links=links)
