"""What ``choshu doctor`` asks of search: the index under CHOSHU_HOME, the Chroma server."""

from __future__ import annotations

from pathlib import Path

from store.checks import Check


def index_check(index_dir: Path) -> Check:
    """The search index has been built."""
    if index_dir.is_dir() and any(index_dir.iterdir()):
        return Check("doctor.check.index", "ok", "doctor.index_ok", {"path": str(index_dir)})
    return Check(
        "doctor.check.index",
        "missing",
        "doctor.index_missing",
        {"path": str(index_dir)},
        "doctor.next.index",
    )


def chroma_check(url: str) -> Check:
    """The Chroma server of CHOSHU_CHROMA_URL answers its heartbeat (plain HTTP: the doctor
    does not import chromadb)."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=3) as response:
            response.read()
    except (OSError, ValueError) as err:
        reason = str(getattr(err, "reason", "") or err or type(err).__name__)[:200]
        return Check(
            "doctor.check.chroma",
            "error",
            "doctor.chroma_unreachable",
            {"url": url, "reason": reason},
            "doctor.next.chroma",
        )
    return Check("doctor.check.chroma", "ok", "doctor.chroma_ok", {"url": url})
