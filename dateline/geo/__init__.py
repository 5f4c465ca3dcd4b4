"""Country tagging: which countries an article or story is about, with the evidence."""

from dateline.geo.countries import Country, all_countries, display, get
from dateline.geo.tagger import CountryScore, Evidence, GeoResult, merge, tag

__all__ = [
    "Country",
    "CountryScore",
    "Evidence",
    "GeoResult",
    "all_countries",
    "display",
    "get",
    "merge",
    "tag",
]
