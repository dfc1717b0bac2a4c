"""The case number, one rule for every layer: the router's entities, the tools' argument schemas,
the engines' services and the CLI.

「12345」「１２３４５」「＃12345」「No.12345」「案件12345」「12345番」 → "12345": NFKC (全角 to
ASCII), a leading 「#」「No.」「案件」「番号」 and a trailing 「番」 dropped, digits only, leading
zeros kept (a case number is a string, never an int)."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

from store.errors import InvalidInput

MAX_LENGTH = 40
_PREFIX = re.compile(r"^(?:#|No\.?|案件(?:番号)?|番号)\s*", re.I)
_SUFFIX = re.compile(r"\s*番$")
_DIGITS = re.compile(r"[0-9]+")


def parse_case_id(raw: str) -> str:
    """The case number written in ``raw``; InvalidInput (recommend.bad_case_id) when it is none."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = _SUFFIX.sub("", _PREFIX.sub("", text)).strip()
    if len(text) > MAX_LENGTH or not _DIGITS.fullmatch(text):
        raise InvalidInput("recommend.bad_case_id", case_id=raw)
    return text


def _validate(value: str) -> str:
    try:
        return parse_case_id(value)
    except InvalidInput:
        raise ValueError("case_id must be digits") from None


# A case number in a pydantic schema (tool arguments): parsed by :func:`parse_case_id`.
CaseId = Annotated[str, AfterValidator(_validate)]
