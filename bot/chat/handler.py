"""The end of the chain: a button runs its tool call; a message goes to the router (or the LLM
agent) and then to one tool, or back to the user as a question with buttons."""

from __future__ import annotations

from typing import Any

from bot.chat.turn import Turn
from bot.router import Route, args_for, route
from store.errors import CaseNotFound, InvalidInput
from tools.messages import error_text, t
from tools.registry import run_tool, tools
from tools.reply import Reply, run_button
from tools.search import full_text, rate_hit


def handle(turn: Turn) -> Reply:
    action = turn.msg.action
    if action is not None:
        return handle_action(turn, action)
    agent = turn.dispatcher.agent
    if agent is not None:
        return agent.answer(turn)
    return handle_routed(turn, route(turn.msg.text, turn.dispatcher.lexicon(turn.session)))


def handle_routed(turn: Turn, r: Route) -> Reply:
    if r.ask:
        return clarify(turn, r)
    return run_or_suggest(turn, r.tool, r.args)


def run_or_suggest(turn: Turn, tool: str, args: dict[str, Any], *, confirmed: bool = False) -> Reply:
    """Run the tool; when its case number is not found but cases the user may see are one slip
    away, say 「もしかして 010014 ですか？」 with a button per number that re-runs the same
    request with it (never pre-confirmed: a reassignment asks again for the case it names)."""
    try:
        return run_tool(turn.tool_context(confirmed=confirmed), tool, args)
    except CaseNotFound as err:
        assert turn.actor is not None
        return Reply(
            text=error_text(err, turn.actor.lang),
            buttons=[run_button(cid, tool, {**args, "case_id": cid}) for cid in err.suggestions],
            ok=False,
        )


def handle_action(turn: Turn, action: dict[str, Any]) -> Reply:
    kind = action.get("action")
    payload = action.get("payload") or {}
    if kind == "cancel":
        return Reply(text=t("chat.cancelled", turn.actor.lang if turn.actor else "ja"))
    if kind == "rate":
        try:
            value = int(payload["value"])
            doc_id, query = str(payload["doc_id"]), str(payload["query"])
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(detail="rating") from None
        return rate_hit(turn.tool_context(), doc_id=doc_id, query=query, value=value)
    if kind == "full_text":
        try:
            doc_id, query = str(payload["doc_id"]), str(payload.get("query") or "")
        except (KeyError, TypeError):
            raise InvalidInput(detail="full_text") from None
        return full_text(turn.tool_context(), doc_id=doc_id, query=query)
    if kind == "run" and isinstance(payload.get("tool"), str) and isinstance(payload.get("args", {}), dict):
        return run_or_suggest(turn, payload["tool"], payload.get("args", {}), confirmed=bool(payload.get("confirmed")))
    raise InvalidInput(detail="button")


def clarify(turn: Turn, r: Route) -> Reply:
    """Ask back instead of acting on a guess."""
    assert turn.actor is not None
    lang = turn.actor.lang
    ent = r.entities
    if r.ask == "intent":
        buttons = []
        registry = tools()
        for name in [r.tool, *r.alternatives]:
            args, missing = args_for(name, ent)
            if not missing and name in registry:
                buttons.append(run_button(registry[name].title(lang), name, args))
        if not any(b.payload["tool"] == "help" for b in buttons):
            buttons.append(run_button(t("chat.tool.help", lang), "help", {}))
        return Reply(text=t("chat.ask.intent", lang), buttons=buttons)
    if r.ask == "which_case":
        return Reply(
            text=t("chat.ask.which_case", lang),
            buttons=[run_button(cid, r.tool, {**r.args, "case_id": cid}) for cid in ent.case_ids[:5]],
        )
    if r.ask == "result" and ent.case_ids and ent.target_kind and ent.result is None and (
        ent.target_id or ent.target_kind != "deposit"
    ):
        call: dict[str, Any] = {"case_id": ent.case_ids[0], "target_kind": ent.target_kind, "target_id": ent.target_id}
        if ent.money is not None:
            call["amount"] = ent.money  # 「残高12万円」 without あり／なし: kept for the button pressed
        return Reply(
            text=t("chat.ask.result", lang),
            buttons=[
                run_button(t("chat.button.found", lang), "record_result", {**call, "result": "found"}),
                run_button(t("chat.button.not_found", lang), "record_result", {**call, "result": "not_found"}),
            ],
        )
    return Reply(text=t(f"chat.ask.{r.ask}", lang))
