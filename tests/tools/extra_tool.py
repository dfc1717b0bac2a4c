"""A twelfth chat tool, defined in this one module and nowhere else (loaded only by
tests/tools/test_extra_tool.py): 納付書の再発行 for a case. Its description, argument schema,
examples, cue, argument extraction and labels are all here."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from tools.authz import open_case
from tools.cases import CaseArgs
from tools.context import ToolContext
from tools.entities import Entities
from tools.registry import Routing, register
from tools.reply import Reply

NAME = "reissue_slip"
CUE = re.compile(r"(納付書|再発行|payment slip|reissue)", re.I)
_REASON = re.compile(r"(紛失|汚損|lost|damaged)", re.I)


class SlipArgs(CaseArgs):
    reason: str | None = Field(default=None, max_length=20, description="再発行の理由（紛失・汚損など）")


def slip_args(ent: Entities) -> tuple[dict[str, Any], str]:
    m = _REASON.search(ent.text)
    return ({"reason": m.group(1)} if m else {}), ""


@register(
    NAME,
    description="案件番号を受け取り、納付書の再発行を受け付ける（理由: 紛失・汚損など）。",
    args=SlipArgs,
    case_data=True,
    example="12345の納付書を再発行して",
    examples=(
        "12345の納付書を再発行して",
        "案件23456の納付書を紛失したので再発行",
        "34567番の納付書、汚損したので再発行お願いします",
        "No.45678 納付書の再発行",
        "56789の納付書をもう一度送って",
        "納付書再発行 67890",
        "reissue the payment slip for case 12345",
        "case 23456 lost the payment slip, please reissue",
        "payment slip reissue for No.34567",
    ),
    routing=Routing(cue=CUE, needs_case=True, args=slip_args),
    label={"ja": "納付書の再発行", "en": "Reissue a payment slip"},
)
def reissue_slip(ctx: ToolContext, args: SlipArgs) -> Reply:
    case = open_case(ctx, args.case_id, action=NAME)
    return Reply(text=f"{case.case_id}: 納付書の再発行を受け付けました（{args.reason or '-'}）", case_data=True)
