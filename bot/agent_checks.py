"""What ``choshu doctor`` asks of the optional LLM agent: is its endpoint set? (Apart from
``bot.agent``, which loads LangChain.)"""

from __future__ import annotations

from store.checks import Check
from store.settings import Settings


def llm_check(settings: Settings) -> Check:
    if not settings.choshu_llm_enabled:
        return Check("doctor.check.llm", "info", "doctor.llm_off")
    if settings.choshu_llm_base_url:
        detail = "doctor.llm_ok_case_data" if settings.choshu_llm_allow_case_data else "doctor.llm_ok"
        params = {"model": settings.choshu_llm_model, "url": settings.choshu_llm_base_url}
        return Check("doctor.check.llm", "ok", detail, params)
    return Check("doctor.check.llm", "error", "doctor.llm_partial", {}, "doctor.next.llm")
