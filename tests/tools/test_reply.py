"""A reply as plain data: what the web chat sends and the conversation stores."""

from __future__ import annotations

from dataclasses import asdict

from tools.reply import Button, Reply, Section, case_link, dashboard_link


def _reply() -> Reply:
    button = Button(label="はい", action="run", payload={"tool": "x", "args": {"ids": [1, (2, 3)], "n": None}}, style="primary")
    return Reply(
        text="答え",
        sections=[Section(text="節", buttons=[button], links=[case_link("事案", "00001")])],
        buttons=[Button(label="👍", action="rate", payload={})],
        links=[dashboard_link("ダッシュボード", "A")],
        case_data=True,
        more_offset=5,
    )


def test_to_dict_is_the_dataclass_as_plain_data_and_a_copy() -> None:
    reply = _reply()
    plain = reply.to_dict()
    assert plain == asdict(reply)
    assert repr(plain) == repr(asdict(reply))  # the same types (a tuple stays a tuple), in field order
    plain["sections"][0]["buttons"][0]["payload"]["args"]["ids"].append(9)
    assert reply.sections[0].buttons[0].payload["args"]["ids"] == [1, (2, 3)]  # the reply is untouched


def test_a_stored_reply_reads_back_the_same() -> None:
    reply = _reply()
    again = Reply.from_dict(reply.to_dict())
    assert again.to_dict() == {**reply.to_dict(), "more_offset": None}  # not stored: a new turn asks again
