"""The shipped Slack and Teams manifests point at our endpoints and ask for what we use."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

BOT = Path(__file__).resolve().parents[2] / "bot"


def test_slack_manifest_subscribes_to_dms_mentions_the_command_and_buttons() -> None:
    manifest = yaml.safe_load((BOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["event_subscriptions"]["request_url"].endswith("/slack/events")
    assert settings["interactivity"]["is_enabled"] and settings["interactivity"]["request_url"].endswith("/slack/events")
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/choshu"]
    assert {"chat:write", "commands", "im:history", "app_mentions:read"} <= set(manifest["oauth_config"]["scopes"]["bot"])


def test_teams_manifest_declares_a_personal_bot() -> None:
    manifest = json.loads((BOT / "teams" / "manifest.json").read_text(encoding="utf-8"))
    [bot] = manifest["bots"]
    assert bot["scopes"] == ["personal"]
