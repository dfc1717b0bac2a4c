"""Replicas sharing CHOSHU_HOME: when another process rebuilds the index (a FAQ imported there),
this process's searcher notices the new ``meta.json`` and answers from the new corpus."""

from __future__ import annotations

from pathlib import Path

from retrieval import service
from retrieval.e5 import available
from retrieval.faq import import_faq
from retrieval.index import build_index
from tests.retrieval.conftest import SmallSearch


def test_an_index_rebuilt_by_another_replica_is_picked_up(own_search: SmallSearch, tmp_path: Path) -> None:
    settings = own_search.settings
    service.get_searcher(settings=settings)  # this replica's cached searcher
    out = tmp_path / "faq.csv"
    service.export_faq(settings=settings, out=out)
    out.write_text(
        out.read_text(encoding="utf-8").replace("督促状はいつまでに出せばいいですか？", "督促状の発送期限は？"),
        encoding="utf-8",
    )
    # what `choshu corpus faq-import` does on the other replica, without touching this process
    import_faq(source=out, home=Path(settings.choshu_home))
    build_index(service.load_settings_corpus(settings), settings.index_dir)
    hits = service.get_searcher(settings=settings).search("督促状の発送期限", top=3, kinds=("faq",))
    assert hits[0].title == "督促状の発送期限は？"


def test_a_rebuild_leaves_one_bm25_directory_and_one_meta_file(own_search: SmallSearch) -> None:
    settings = own_search.settings
    corpus = service.load_settings_corpus(settings)
    e5 = settings.choshu_search_e5 and available()
    build_index(corpus, settings.index_dir, e5=e5)
    build_index(corpus, settings.index_dir, e5=e5)
    names = sorted(p.name for p in settings.index_dir.iterdir())
    assert names == ["bm25", "chroma", *(["e5"] if e5 else []), "meta.json"]
