"""The pipeline: load → normalise → recognise → bind → check, per document.

``analyse_source`` runs the per-document stages on one decoded source and
returns a :class:`DocResult`; ``run`` drives it over many paths (in order,
optionally in a process pool) and adds the corpus-wide checks.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .load import LoadError, Source, iter_input_files, load_file
from .model import Claim, DocumentInfo, Finding, InputError, Mention
from .normalise import NormalisedText, normalise


@dataclass(slots=True)
class DocResult:
    """Everything the per-document stages produced for one document."""

    info: DocumentInfo
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # ``Mention.to_record()`` of every mention, when asked for with ``as_records=True``
    # (then ``mentions`` is empty): dicts cost a fraction of dataclasses to send between processes
    records: list[dict] | None = None
    # with ``as_records="jsonl"``: those records as JSON Lines text, and how many there are
    jsonl: str | None = None
    n_records: int = 0

    def to_records(self, as_jsonl: bool = False) -> "DocResult":
        """Replace the mentions by their JSON records (what ``factsheet extract`` writes).

        ``as_jsonl``: by the JSON Lines text of the records instead, encoded where the
        document was analysed, so a parallel run's parent only writes text.
        """
        from .model import jsonl_text

        self.records = [m.to_record() for m in self.mentions]
        self.n_records = len(self.records)
        self.mentions = []
        if as_jsonl:
            self.jsonl = jsonl_text(self.records)
            self.records = None
        return self


def _document_info(source: Source, nt: NormalisedText) -> DocumentInfo:
    from .recognise import document_date

    return DocumentInfo(
        doc=source.doc, path=source.path, sha256=source.sha256, encoding=source.encoding,
        chars=len(source.text), lines=source.text.count("\n") + 1,
        date=document_date(nt), title=_title(source.text),
    )


def _title(text: str) -> str | None:
    for line in text.splitlines():
        s = line.strip().strip("■□ ")
        if len(s) >= 4:
            return s[:80]
    return None


def recognise_source(source: Source) -> tuple[NormalisedText, list[Mention]]:
    """Normalise and recognise one source; return the normalised text and mentions."""
    from .recognise import recognise

    nt = normalise(source.text)
    return nt, recognise(nt, source.doc)


def analyse_source(source: Source, rules=None, *, bind: bool = True, check: bool = True) -> DocResult:
    """Run every per-document stage on ``source``."""
    nt, mentions = recognise_source(source)
    result = DocResult(info=_document_info(source, nt), mentions=mentions)
    if bind:
        from .bind import bind_claims
        from .rules import default_rules

        pack = rules if rules is not None else default_rules()
        result.claims, errs = bind_claims(nt, source.doc, mentions, pack, info=result.info)
        result.errors.extend(errs)
        if check:
            from .checks import check_document

            result.findings = check_document(nt, result, pack)
    return result


def iter_sources(paths: Iterable[str]) -> Iterator[Source | InputError]:
    """Yield a decoded Source, or an InputError, for every input file, in order."""
    for name, path in iter_input_files(paths):
        if path is None:
            yield InputError(name, "no such file or directory")
            continue
        try:
            yield load_file(path, name)
        except LoadError as exc:
            yield InputError(exc.path, exc.reason)


ProgressFn = Callable[[int, int | None, str], None]


def analyse_paths(paths: Iterable[str], rules=None, *, bind: bool = True, check: bool = True,
                  jobs: int = 1, progress: ProgressFn | None = None,
                  as_records: bool | str = False) -> Iterator[DocResult | InputError]:
    """Analyse every input document in input order, yielding results as they finish.

    ``jobs > 1`` uses a process pool (see :mod:`extractor.parallel`).  With
    ``as_records`` each DocResult carries its mentions as JSON records
    (``DocResult.records``), converted where the document was analysed.
    """
    if jobs and jobs > 1:
        from .parallel import analyse_parallel

        yield from analyse_parallel(paths, rules, bind=bind, check=check, jobs=jobs, progress=progress,
                                    as_records=as_records)
        return
    n = 0
    for item in iter_sources(paths):
        n += 1
        if isinstance(item, InputError):
            if progress:
                progress(n, None, item.path)
            yield item
            continue
        if progress:
            progress(n, None, item.doc)
        res = analyse_source(item, rules, bind=bind, check=check)
        yield res.to_records(as_jsonl=as_records == "jsonl") if as_records else res


def rule_pack(rules=None):
    """A loaded RulePack as given, or the shipped pack plus the extra pack path(s) ``rules``."""
    from .rules import load_rules

    if rules is None or isinstance(rules, (list, tuple, str, Path)):
        return load_rules([rules] if isinstance(rules, (str, Path)) else list(rules or []))
    return rules


def run(paths: Iterable[str] | str | Path, rules=None, *, jobs: int = 1,
        progress: ProgressFn | None = None):
    """Extract, bind and check ``paths``; return a :class:`extractor.result.Result`."""
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    pack = rule_pack(rules)
    return collect_results(analyse_paths([str(p) for p in paths], pack, jobs=jobs, progress=progress), pack)


@contextmanager
def rare_full_collections(threshold2: int = 1000) -> Iterator[None]:
    """Let the cyclic garbage collector run full collections rarely while results pile up.

    A run keeps every document's mentions, claims and findings until the corpus-wide
    checks and the renderers have used them: hundreds of thousands of objects that
    every full collection walks again.  On 10 MB the default thresholds spent about
    0.8 s (a tenth of the run) in 8 full collections that found nothing to free.
    Young-generation collections go on as usual, so short-lived cycles are still freed;
    the old thresholds come back when the block ends.
    """
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], threshold2))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def collect_results(items: Iterable[DocResult | InputError], pack, *, memory_budget: int | None = None):
    """Gather per-document results (in input order), run the corpus-wide checks, build the Result.

    Shared by the local engine (:func:`run`) and the Dask engine
    (:func:`extractor.distributed.run_dask`), so both give the same Result.
    Mentions, claims and findings go to a :class:`extractor.spill.RecordStore` (in memory up to
    ``memory_budget`` bytes of input, default ``$FACTSHEET_MEMORY_MB``, then on disk);
    the corpus-wide checks keep only the claims they compare
    (:func:`extractor.checks.corpus_view`), so a corpus larger than memory can be run.
    """
    from .checks import check_corpus, corpus_view
    from .result import Result
    from .spill import RecordStore

    store = RecordStore(memory_budget)
    infos: list[DocumentInfo] = []
    across: list[DocResult] = []
    reprinted: set[str] = set()
    errors: list[InputError] = list(getattr(pack, "errors", None) or [])
    with rare_full_collections():
        for item in items:
            if isinstance(item, InputError):
                errors.append(item)
                continue
            infos.append(item.info)
            errors.extend(item.errors)
            digest = item.info.sha256
            if not digest or digest not in reprinted:  # check_corpus takes a reprint once
                reprinted.add(digest)
                across.append(corpus_view(item))
            # the UTF-8 size of the text, as most of it is Chinese (3 bytes a character)
            store.add(item.mentions, item.claims, item.findings, 3 * item.info.chars)
        store.add([], [], check_corpus(across, pack), 0)
        return Result.build(infos, store, errors, pack)
