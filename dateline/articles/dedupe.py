"""Deduplication keys: canonical URLs and near-duplicate text fingerprints. Pure, no I/O.

Fingerprints are 64-bit SimHashes over word 3-gram shingles (lower-cased word tokens, each
shingle weighted by its count, hashed with BLAKE2b). Two texts are near-duplicates when their
fingerprints differ in at most :data:`MAX_DISTANCE` bits: a wire copy with an outlet's intro
line, another header/footer or a few changed words stays within that; different articles on
the same event by different outlets are far apart (on the recorded corpus no pair of distinct
articles came closer than 14 bits).

A text shorter than :data:`MIN_WORDS` words gets the fingerprint ``0``, which means "no
fingerprint": it is never stored nor matched, because so few words are too little evidence.

Fingerprints are unsigned 64-bit ints; :func:`to_signed` / :func:`from_signed` convert for a
signed BIGINT column. :class:`NearDuplicateIndex` is rebuilt from stored ``(key, fp)`` pairs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from urllib.parse import quote_plus, unquote_plus, urlencode, urlsplit, urlunsplit

import courlan
import numpy as np

__all__ = [
    "MAX_DISTANCE",
    "MIN_WORDS",
    "NearDuplicateIndex",
    "canonical_url",
    "fingerprint",
    "from_signed",
    "hamming",
    "to_signed",
]

MIN_WORDS = 40
MAX_DISTANCE = 9
_SHINGLE = 3
_BANDS = 8  # 8 bands of 8 bits: a match within 7 bits always shares a band (pigeonhole)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MASK = (1 << 64) - 1

# Query parameters that only track the visitor or campaign; they never select another article.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "_hs", "ga_", "oly_")
_TRACKING = frozenset(
    """fbclid gclid dclid gclsrc msclkid yclid igshid twclid ttclid _ga _gl mkt_tok ncid cmpid
    cmp ocid sr_share ref_src ref_url smid smtyp share_source __twitter_impression
    wt.mc_id wt_mc_id at_medium at_campaign xtor icid s_cid""".split()
)


def canonical_url(url: str) -> str:
    """Key under which the same article is found at two URLs; ``""`` for no usable URL.

    Lower-cases scheme and host (``www.`` is kept: it may be another site), drops the
    fragment, default ports and known tracking parameters (``utm_*``, ``fbclid``, ...), sorts
    the rest of the query, and maps ``http`` to ``https`` (news sites serve the same article
    on both). Every other query parameter is kept, bare ones too (``a.php?1``, ``?id=7``,
    ``?p=12`` each name an article). Paths are kept as they are, ``index.html`` included:
    some servers tell them apart. Anything but an absolute http(s) URL whose host and port
    parse (``http://[x``, ``:99999``, ``ftp://…``, a relative path) gives ``""``. Never raises.
    """
    url = (url or "").strip()
    if not url:
        return ""
    try:
        original = urlsplit(url)
        original.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return ""
    if original.scheme.lower() not in ("http", "https") or not original.hostname:
        return ""
    try:
        parts = urlsplit(courlan.normalize_url(url, strict=False, trailing_slash=True))
        parts.port  # noqa: B018
    except Exception:  # courlan on input it did not expect: the URL as given
        parts = original
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        parts = original
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return ""
    if parts.port and not (parts.port == 80 or parts.port == 443):
        host = f"{host}:{parts.port}"
    return urlunsplit((scheme, host, parts.path or "/", canonical_query(original.query), ""))


def canonical_query(query: str) -> str:
    """A query string without tracking parameters, sorted; bare keys (``?1``) stay bare."""
    kept: list[tuple[str, str, bool]] = []
    for piece in query.split("&") if query else ():
        if not piece:
            continue
        key, eq, value = piece.partition("=")
        key, value = unquote_plus(key), unquote_plus(value)
        name = key.lower()
        if name in _TRACKING or name.startswith(_TRACKING_PREFIXES):
            continue
        kept.append((key, value, bool(eq)))
    return "&".join(urlencode([(k, v)]) if eq else quote_plus(k) for k, v, eq in sorted(kept))


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def fingerprint(text: str) -> int:
    """64-bit SimHash of ``text`` (unsigned), or 0 for a text under :data:`MIN_WORDS` words."""
    words = _TOKEN.findall(text.lower())
    if len(words) < MIN_WORDS:
        return 0
    counts = Counter(" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))
    hashes = np.array([_hash64(s) for s in counts], dtype=np.uint64)
    weights = np.array(list(counts.values()), dtype=np.float64)
    # bit i of every hash, as a (shingles, 64) 0/1 matrix; little-endian so column i is bit i
    bits = np.unpackbits(hashes.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    votes = weights @ (2.0 * bits - 1.0)
    fp = int(np.packbits(votes > 0, bitorder="little").view("<u8")[0])
    return fp or 1  # 0 is reserved for "no fingerprint"


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two unsigned 64-bit fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def to_signed(fp: int) -> int:
    """Unsigned 64-bit fingerprint -> signed value for a BIGINT column."""
    fp &= _MASK
    return fp - (1 << 64) if fp >= 1 << 63 else fp


def from_signed(value: int) -> int:
    """Signed BIGINT value -> unsigned 64-bit fingerprint."""
    return value & _MASK


class NearDuplicateIndex:
    """In-memory index of fingerprints; ``find`` returns a stored near-duplicate's key.

    Lookup uses banding: the 64 bits are cut into 8 bands of 8 bits, each band value maps to
    the stored fingerprints having it, and only those candidates are compared bit by bit. Any
    fingerprint within 7 bits shares at least one band; 8-9 bits apart are found with high
    probability (about 97%). Rebuild it from stored pairs with :meth:`from_pairs`.
    """

    def __init__(self, max_distance: int = MAX_DISTANCE) -> None:
        self.max_distance = max_distance
        self._tables: list[defaultdict[int, list[tuple[int, int]]]] = [
            defaultdict(list) for _ in range(_BANDS)
        ]
        self._size = 0

    @classmethod
    def from_pairs(cls, pairs: object, max_distance: int = MAX_DISTANCE) -> NearDuplicateIndex:
        """Build from an iterable of ``(key, fp)``; signed (DB) fingerprints are accepted."""
        index = cls(max_distance)
        for key, fp in pairs:  # type: ignore[attr-defined]
            index.add(key, fp)
        return index

    def __len__(self) -> int:
        return self._size

    @staticmethod
    def _bands(fp: int) -> list[int]:
        return [(fp >> (8 * i)) & 0xFF for i in range(_BANDS)]

    def add(self, key: int, fp: int) -> None:
        """Store ``fp`` under ``key``; fingerprint 0 (text too short) is ignored."""
        fp = from_signed(fp)
        if not fp:
            return
        for table, band in zip(self._tables, self._bands(fp), strict=True):
            table[band].append((fp, key))
        self._size += 1

    def find(self, fp: int) -> int | None:
        """Key of the closest stored near-duplicate of ``fp`` (first stored on ties), or None."""
        fp = from_signed(fp)
        if not fp:
            return None
        best: tuple[int, int] | None = None
        for table, band in zip(self._tables, self._bands(fp), strict=True):
            for other, key in table.get(band, ()):
                d = (fp ^ other).bit_count()
                if d <= self.max_distance and (best is None or d < best[0]):
                    best = (d, key)
        return None if best is None else best[1]
