"""The language of a text (pure): py3langid's model, which ships inside the package.

Nothing is downloaded: the model file is part of the installed ``py3langid`` package and is loaded
once per process, on first use (about a second). Codes are ISO 639-1 ("en", "pt", "ja").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from dateline.text import word_count

__all__ = ["article_language", "detect", "language_name", "normalize", "story_language"]

# Below this share of probability the detector's guess is not taken.
MIN_PROBABILITY = 0.9
# A text of fewer words (or, in scripts written without spaces, characters / 2) is not judged.
MIN_WORDS = 5
# How much of a text is read: the opening tells the language as well as the whole.
READ_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Languages with an ISO 639-1 code: the model's rarer varieties (Nigerian Pidgin, Moroccan
    # Arabic) otherwise claim English or Arabic reports.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    # set_languages keeps the whole model besides its own restricted copy, only to be able to
    # restrict it again: 27 MB in every process that detects languages, dropped here.
    if getattr(identifier, "_full_model", None) is not None:
        identifier._full_model = None
    return identifier


def detect(text: str, *, min_probability: float = MIN_PROBABILITY) -> str:
    """The language of ``text``, or "" when it is too short or the detector is unsure."""
    text = text.strip()
    if word_count(text) < MIN_WORDS:
        return ""
    code, probability = _identifier().classify(text[:READ_CHARS])
    return str(code) if float(probability) >= min_probability else ""


def normalize(code: str | None) -> str:
    """A declared language tag as a bare ISO 639-1 code: "pt-BR" -> "pt", "en_US" -> "en"."""
    code = (code or "").strip().lower().replace("_", "-")
    primary = code.split("-")[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


def article_language(title: str, text: str, declared: str | None = "") -> str:
    """An article's language: the language most of its words are in (paragraph by paragraph, so
    a quotation in another script does not outweigh the report around it), else as the page or
    feed says."""
    weights: Counter[str] = Counter()
    read = 0
    for paragraph in [title, *re.split(r"\n\s*\n", text)]:
        if read > 2 * READ_CHARS:
            break
        read += len(paragraph)
        code = detect(paragraph)
        if code:
            weights[code] += word_count(paragraph)
    if not weights:
        return detect(f"{title}.\n{text[:READ_CHARS]}") or normalize(declared)
    return weights.most_common(1)[0][0]


def story_language(languages: Sequence[str]) -> str:
    """The language a story is written in from its sources' languages: English when any source
    is in English, else the language most of them share (the first source's on a tie); "" when
    no source's language is known."""
    known = [code for code in languages if code]
    if not known:
        return ""
    if "en" in known:
        return "en"
    counts = Counter(known)
    return max(known, key=lambda code: counts[code])


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """The English name of a language ("pt" -> "Portuguese"); the code itself when unknown."""
    if not code:
        return ""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if found is None:
        found = pycountry.languages.get(alpha_3=code)
    return str(getattr(found, "name", code)) if found is not None else code
