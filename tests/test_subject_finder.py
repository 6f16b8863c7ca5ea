"""The subject-word finders give exactly the matches of the alternations they stand for."""
from __future__ import annotations

import random
from pathlib import Path

from extractor import subjects as S

ROOT = Path(__file__).resolve().parent.parent


def _regex_hits(rx, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in rx.finditer(text, start, end)]


def test_finders_match_the_alternations_on_random_texts():
    # texts made of the words themselves, their characters and tails, so words touch and overlap
    words = list(S.REGIONS + S._DEIXIS_WORDS) + S._PLACE_NAMES + ["市", "省", "自治区", "，", "的"]
    chars = sorted(set("".join(words)))
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(chars)
                       for _ in range(rnd.randrange(1, 30)))
        a = rnd.randrange(len(text) + 1)
        b = rnd.randrange(a, len(text) + 1)
        assert S._SUBJECT_FINDER.find(text, a, b) == _regex_hits(S._SUBJECT_WORD, text, a, b), (text, a, b)
        assert S._PLACE_FINDER.find(text) == _regex_hits(S._PLACE, text), text


def test_finders_match_the_alternations_on_the_seeds():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert S._PLACE_FINDER.find(text) == _regex_hits(S._PLACE, text), path.name
        assert S.find_subjects(text) == _regex_hits(S._SUBJECT_WORD, text), path.name
