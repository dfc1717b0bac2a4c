"""Search against a real Chroma server on loopback (CHOSHU_CHROMA_URL), started by the test from
the installed chromadb package (``chroma run``); skipped with the reason when it cannot start."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.corpus import BUNDLED_DIR
from retrieval.dense import COLLECTION, chroma_client
from retrieval.service import forget_searcher, get_searcher, rebuild_index
from store.settings import Settings

ARTICLES = {"76", "141", "142", "153"}  # 国税徴収法: salary exemption, questioning, search, suspension


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chroma_command() -> str | None:
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    command = _chroma_command()
    if command is None:
        pytest.skip("the chromadb package installed here has no `chroma` command to start a server")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [command, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"the Chroma server did not start (see {data / 'server.log'})")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _tiny_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True)
    with (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as src, (directory / "laws.jsonl").open("w", encoding="utf-8") as out:
        for line in src:
            rec = json.loads(line)
            if rec["source_id"] == "334AC0000000147" and rec["article_key"] in ARTICLES:
                out.write(line)
    return directory


def _settings(base: Path, url: str) -> Settings:
    return Settings(
        _env_file=None,
        choshu_home=base / "home",
        choshu_corpus_dir=base / "corpus",
        choshu_corpus_bundled=False,
        choshu_chroma_url=url,
    )


def test_search_keeps_its_vectors_on_the_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    _tiny_corpus(tmp_path / "corpus")
    settings = _settings(tmp_path, chroma_url)
    try:
        hits = get_searcher(settings=settings).search("給料を差し押さえてはいけない金額", top=3)
    finally:
        forget_searcher(settings=settings)
    assert hits and hits[0].article == "第七十六条"
    assert not (settings.index_dir / "chroma").exists()  # nothing embedded locally
    collection = chroma_client(Path("unused"), url=chroma_url).get_collection(COLLECTION)
    assert collection.count() > 0
    assert collection.configuration_json["embedding_function"]["name"] == "choshu-usem3"


def test_a_second_replica_with_its_own_home_uses_the_same_server(chroma_url: str, tmp_path: Path) -> None:
    _tiny_corpus(tmp_path / "corpus")
    first = _settings(tmp_path, chroma_url)
    rebuild_index(settings=first)
    units = chroma_client(Path("unused"), url=chroma_url).get_collection(COLLECTION).count()
    second = first.model_copy(update={"choshu_home": tmp_path / "home2"})
    try:
        hits = get_searcher(settings=second).search("滞納処分の執行を停止できる場合", top=3)
    finally:
        forget_searcher(settings=first)
        forget_searcher(settings=second)
    assert hits and hits[0].article == "第百五十三条"
    assert chroma_client(Path("unused"), url=chroma_url).get_collection(COLLECTION).count() == units


def test_a_chroma_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="CHOSHU_CHROMA_URL"):
        Settings(_env_file=None, choshu_chroma_url="chroma.internal:8000")
