"""The conversation around the handler: what a message means given the turns before it.

Loads the conversation's state from the store (any replica continues it), asks the pure
planner (``bot.router.conversation.plan``) what the message means — a follow-up on the case in
focus, a typed confirmation, 「もっと見せて」, several requests at once, a greeting — carries the
steps out through the handler, and saves what the next turn needs: the case in focus, the last
tool call, its "more" cursor, the pending confirmation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bot.chat.handler import clarify, handle, handle_action, run_or_suggest
from bot.chat.middleware import error_reply
from bot.chat.turn import Turn
from bot.router import Route, as_understood
from bot.router.conversation import Focus, Step, plan
from bot.router.normalize import case_ids, normalize
from store import conversations
from store.errors import ChoshuError, ModelMissing
from tools.messages import error_text, t
from tools.registry import run_tool, tools
from tools.reply import Button, Reply, Section

if TYPE_CHECKING:  # langchain loads with the LLM agent only
    from tools.langchain import ToolRun


def converse(turn: Turn) -> Reply:
    """The reply to one turn (a message or a button), remembering the conversation."""
    actor = turn.actor
    if actor is None or actor.staff_id is None:
        return handle(turn)
    key = {"surface": turn.msg.surface, "staff_id": actor.staff_id, "thread": turn.msg.thread}
    idle = dt.timedelta(minutes=turn.settings.choshu_conversation_idle_minutes)
    row = conversations.load(session=turn.session, idle=idle, **key)
    focus = (
        Focus(
            case_id=row.case_id,
            last_tool=row.last_tool,
            last_args=row.last_args,
            more=row.more,
            pending=row.pending,
            recorded=row.recorded,
        )
        if row is not None
        else Focus()
    )
    action = turn.msg.action
    if action is not None:
        reply = handle_action(turn, action)
        payload = action.get("payload") or {}
        if action.get("action") == "cancel" or payload.get("confirmed"):
            focus.pending = None
        if action.get("action") == "run" and isinstance(payload.get("tool"), str):
            _remember(focus, payload["tool"], payload.get("args") or {}, reply)
            if payload["tool"] == "undo_result" and reply.ok:
                focus.recorded = None
    else:  # offline or with the LLM: the conversation gives the message its meaning first
        reply = _carry_out(turn, focus)
    conversations.save(
        session=turn.session,
        case_id=focus.case_id,
        last_tool=focus.last_tool,
        last_args=focus.last_args,
        more=focus.more,
        pending=focus.pending,
        recorded=focus.recorded,
        **key,
    )
    return reply


def _carry_out(turn: Turn, focus: Focus) -> Reply:
    assert turn.actor is not None
    lang = turn.actor.lang
    steps = plan(turn.msg.text, focus, turn.dispatcher.lexicon(turn.session)).steps
    if len(steps) == 1:
        return _step(turn, focus, steps[0])
    sections: list[Section] = []
    buttons: list[Button] = []
    case_data = False
    for i, step in enumerate(steps, 1):
        try:
            part = _step(turn, focus, step)
        except ChoshuError as err:
            part = Reply(text=error_text(err, lang), ok=False)
        heading = t("chat.multi.part", lang, number=i, clause=step.clause)
        if not part.ok or _not_done(step):
            heading = t("chat.multi.not_done", lang, number=i, clause=step.clause)
        # each part keeps its buttons and its links (the case page of 「010014の概要」)
        sections.append(
            Section(
                text=f"{heading}\n{part.text}", buttons=list(part.buttons), links=list(part.links)
            )
        )
        sections.extend(part.sections)
        case_data = case_data or part.case_data
    return Reply(
        text=t("chat.multi.header", lang, count=len(steps)),
        sections=sections,
        buttons=buttons,
        case_data=case_data,
    )


def _not_done(step: Step) -> bool:
    return step.route is not None and bool(step.route.ask)


def _step(turn: Turn, focus: Focus, step: Step) -> Reply:
    assert turn.actor is not None
    lang = turn.actor.lang
    if step.kind == "smalltalk":
        key = "chat.smalltalk.thanks" if step.smalltalk == "thanks" else "chat.smalltalk.greeting"
        return Reply(text=t(key, lang))
    if step.kind == "nothing_pending":
        return Reply(
            text=t("chat.confirm.nothing" if step.confirm_word else "chat.cancel.nothing", lang)
        )
    if step.kind == "cancel":
        focus.pending = None
        return Reply(text=t("chat.cancelled", lang))
    if step.kind == "confirm":
        pending = focus.pending or {}
        focus.pending = None
        tool, args = str(pending.get("tool")), dict(pending.get("args") or {})
        reply = run_or_suggest(turn, tool, args, confirmed=True)
        _remember(focus, tool, args, reply)
        return reply
    if step.kind == "more":
        return _more(turn, focus)
    if step.kind == "nothing_recorded":
        return Reply(text=t("chat.correct.nothing" if step.result else "chat.undo.nothing", lang))
    if step.kind in ("undo", "correct"):
        return _undo_or_correct(turn, focus, step)
    r = step.route
    assert r is not None
    if turn.dispatcher.agent is not None and not _command(r):
        reply = _ask_agent(turn, focus, step, r)
    elif r.ask:
        return clarify(turn, r)
    else:
        try:
            reply = run_or_suggest(turn, r.tool, r.args)
        except ModelMissing as err:
            # The case was found and opened (authorised, audited) before the model turned out
            # to be missing: a follow-up may refer to it (a case not found or refused never
            # gets this far).
            reply = error_reply(turn, err)
        _remember(focus, r.tool, r.args, reply)
    if step.from_focus and r.args.get("case_id"):
        reply.text = f"{t('chat.focus.about', lang, case_id=r.args['case_id'])}{reply.text}"
    return reply


def _command(r: Route) -> bool:
    """A typed command of a tool (「確定」 applying the pending plan): run as offline."""
    spec = tools().get(r.tool)
    return (
        spec is not None and spec.routing.command is not None and r.confidence >= 1.0 and not r.ask
    )


def _ask_agent(turn: Turn, focus: Focus, step: Step, r: Route) -> Reply:
    """The LLM answers one request as the conversation understood it: kana read in kanji, the
    case in focus named when the request names none (the offline route carries it too, for the
    answers that stay on this machine); the calls it made are remembered as offline ones are."""
    text = as_understood(step.clause or turn.msg.text)
    case = r.args.get("case_id")
    named = case_ids(normalize(text))
    runs: list[ToolRun] = []
    reply = turn.dispatcher.agent.answer(
        turn,
        text=text,
        offline=r,
        case_in_focus=str(case) if case and not named else None,
        runs=runs,
    )
    for run in runs:
        _remember(focus, run.tool, run.args, run.reply)
    return reply


def _undo_or_correct(turn: Turn, focus: Focus, step: Step) -> Reply:
    """「今の取り消して」: undo_result of the result recorded here; 「訂正：なし」: that result recorded
    again with the new word, replacing it."""
    recorded = dict(focus.recorded or {})
    if step.kind == "undo":
        reply = run_or_suggest(turn, "undo_result", {"result_id": recorded["result_id"]})
        if reply.ok:
            focus.recorded = None
        return reply
    args = {
        k: recorded[k]
        for k in ("case_id", "target_kind", "target_id")
        if recorded.get(k) is not None
    }
    args.update(result=step.result, on_conflict="correct", replaces=recorded["result_id"])
    reply = run_or_suggest(turn, "record_result", args)
    _remember(focus, "record_result", args, reply)
    return reply


def _more(turn: Turn, focus: Focus) -> Reply:
    assert turn.actor is not None
    more = focus.more
    if not more or more.get("tool") not in tools():
        # after an answer that was whole (a summary, the last targets): nothing more to show
        return Reply(
            text=t("chat.more.end" if focus.last_tool else "chat.more.none", turn.actor.lang)
        )
    args = {**(more.get("args") or {}), "offset": int(more.get("offset") or 0)}
    # the next items of the same ranking: a busy server's reduced search goes on reduced
    reply = run_tool(turn.tool_context(reduced_search=bool(more.get("reduced"))), str(more["tool"]), args)
    if not reply.sections:
        focus.more = None
        return Reply(text=t("chat.more.end", turn.actor.lang))
    _remember(focus, str(more["tool"]), args, reply)
    return reply


def _remember(focus: Focus, tool: str, args: dict[str, Any], reply: Reply) -> None:
    """What the next turn needs of this answer: the case, the call, more, a confirmation."""
    if args.get("case_id"):
        focus.case_id = str(args["case_id"])
    focus.last_tool, focus.last_args = tool, {k: v for k, v in args.items() if k != "offset"}
    if reply.more_offset is not None:  # the call again with this offset shows the next items
        focus.more = {"tool": tool, "args": focus.last_args, "offset": reply.more_offset}
        if reply.reduced:
            focus.more["reduced"] = True
    else:
        focus.more = None
    for button in [*reply.buttons, *(b for s in reply.sections for b in s.buttons)]:
        if tool == "record_result" and button.payload.get("tool") == "undo_result":
            result_id = (button.payload.get("args") or {}).get("result_id")
            if result_id:
                keep = {k: args.get(k) for k in ("case_id", "target_kind", "target_id")}
                focus.recorded = {"result_id": result_id, **keep, "result": args.get("result")}
        if button.action == "run" and button.payload.get("confirmed"):
            focus.pending = {
                "tool": button.payload["tool"],
                "args": button.payload.get("args") or {},
            }
            break


def record_history(turn: Turn, reply: Reply | None) -> None:
    """The web chat's message and answer, kept for showing again after a reload."""
    actor = turn.actor
    days = turn.settings.choshu_chat_history_days
    if (
        reply is None
        or actor is None
        or actor.staff_id is None
        or days <= 0
        or turn.msg.surface != "web"
    ):
        return
    if turn.msg.text:
        conversations.add_history(
            session=turn.session,
            staff_id=actor.staff_id,
            surface="web",
            role="user",
            text=turn.msg.text,
        )
    conversations.add_history(
        session=turn.session,
        staff_id=actor.staff_id,
        surface="web",
        role="bot",
        text=reply.plain_text(),
        reply=reply.to_dict(),
    )
