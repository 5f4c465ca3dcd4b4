"""Page triage: is this fetched page a news article, and if not, why not?

A feed links to many things that are not news: error and "soft 404" pages served with a
200, login walls and captchas, test pages, home pages and section fronts, search results,
listings and archives, newsletter issues, reference, product and data pages, and old pages
served again under a new date. None of them may become (part of) a story.

Pure: :func:`judge` reads a :class:`PageFacts` (what the page and its feed entry say) and
returns a :class:`Verdict` with a reason code. :func:`page_signals` reads the raw HTML for
the few structural signals (``og:type``, schema.org types, the page's own date, link density).
No Django, no network.

The reason codes, stored in ``Article.triage`` (``''`` means not yet judged):

``news``
    a news article.
``error``
    an HTTP error, or an error / "not found" / "unavailable" page served as a success.
``login``
    a login, registration, paywall or robot check standing in for the article.
``test``
    a test or placeholder page.
``front``
    a home page or section front (the outlet's name or a section's as its title, no story).
``search``
    search results.
``listing``
    a list, archive or digest of many items (headlines, dated entries, schedules).
``newsletter``
    a newsletter or bulletin issue.
``reference``
    a reference, product, profile or data page (specifications, tables, standings).
``old``
    a page whose own text or metadata dates it far from its feed date: an old page served again.
``howto``
    a recipe or a how-to guide (instructions, not a report): declared by its schema.org type, or
    a title that names a recipe or opens with "How to".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from dateline.text import STOPWORDS

NEWS = "news"
REASONS: dict[str, str] = {
    "error": "an error or not-found page",
    "login": "a login, paywall or robot check",
    "test": "a test page",
    "front": "a home page or section front",
    "search": "search results",
    "listing": "a listing, archive or digest",
    "newsletter": "a newsletter issue",
    "reference": "a reference, product or data page",
    "old": "an old page served again",
    "howto": "a recipe or how-to guide",
}
#: A page dated (by its own text or metadata) this far from its feed date is an old page.
OLD_PAGE_DAYS = 180
#: Characters at the top of a page's text where its own date stands (a dateline, "Last updated …").
OPENING = 100


def is_news(triage: str) -> bool:
    """Whether a stored triage code lets an article into stories ('' = not judged yet: no)."""
    return triage == NEWS


def describe(triage: str) -> str:
    """Words for a stored code, for the admin and listings."""
    if triage == NEWS:
        return "news"
    if not triage:
        return "not judged yet"
    return REASONS.get(triage, triage)


@dataclass(frozen=True)
class Verdict:
    code: str  # NEWS or a key of REASONS
    detail: str = ""  # the evidence, for editors

    @property
    def news(self) -> bool:
        return self.code == NEWS


@dataclass(frozen=True)
class PageSignals:
    """What the raw HTML says about the page's kind."""

    og_type: str = ""
    schema_types: frozenset[str] = frozenset()
    page_title: str = ""
    site_name: str = ""
    published: dt.datetime | None = None
    link_density: float | None = None  # share of the body's text inside links


@dataclass(frozen=True)
class PageFacts:
    url: str
    title: str
    text: str
    feed_published: dt.datetime | None = None
    status: int | None = None
    outlet: str = ""
    site_url: str = ""
    signals: PageSignals = field(default_factory=PageSignals)


# -- vocabulary ---------------------------------------------------------------------------------

_I = re.IGNORECASE
_ERROR_TITLE = re.compile(
    r"^\s*(?:40[034]|410|50[0-3])\b|\b(?:not found|error \d{3}|\d{3} error|page (?:is )?(?:currently )?unavailable|"
    r"currently unavailable|unable to process|document not found|no longer available|access denied|"
    r"server error|page not found|página não encontrada|página no encontrada|seite nicht gefunden|"
    r"page introuvable|pagina non trovata)\b",
    _I,
)
_ERROR_TEXT = re.compile(
    r"(?:page|document|article|file|story) (?:you (?:requested|are looking for|were looking for)|requested)"
    r"[^.]{0,40}(?:cannot|can't|could not|couldn't|was not|is not|no longer) (?:be )?(?:found|available|exist)"
    r"|unable to process your request|we are unable to (?:process|find)|this page is (?:currently )?unavailable"
    r"|page (?:cannot|could not) be found|(?:page|content) (?:you requested )?has been (?:removed|deleted)"
    r"|(?:page|article|story) is no longer available"
    r"|error (?:is usually|occurred)|sorry,? (?:the|this) page|em atualização e construção"
    r"|under construction|página (?:não|no) (?:foi )?encontrada|seite (?:wurde )?nicht gefunden",
    _I,
)
_LOGIN_TITLE = re.compile(
    r"(?:\blog ?in\b|\bsign ?in\b|\bsign up\b|\bregist(?:er|ration)\b|member center|\bsubscribe\b|"
    r"are you a robot|\bcaptcha\b|access(?:ing)? (?:denied|article)|\bpaywall\b|subscriber[s]? only|"
    r"free article|please verify|verify you are human|just a moment)",
    _I,
)
_LOGIN_TEXT = re.compile(
    r"(?:register(?:ing)? for [\w.]+(?: is free)?|already a (?:member|subscriber)|log ?in to (?:read|continue)|"
    r"sign ?in to (?:read|continue)|subscribe (?:now )?to (?:read|continue)|"
    r"make sure your browser supports javascript|are you a robot|complete the captcha|"
    r"gain access to full text|through a site license|free preview|subscribers? only|"
    r"to continue reading|verify (?:that )?you are (?:a )?human|sign up for [\w ]{1,30} and get)",
    _I,
)
_TEST = re.compile(r"\btest page\b|\bthis is a test\b|\blorem ipsum\b|\bplaceholder page\b", _I)
_FRONT_WORDS = re.compile(
    r"^(?:home(?: ?page)?|accueil|inicio|início|startseite|homepage|front page|index|welcome|"
    r"news|latest|headlines|world(?: news)?|top news(?: article)?|breaking news|top stories|"
    r"latest news(?: & headlines| and headlines)?|news & headlines|sports? news|business news|"
    r"international news(?: article)?|personal finance|feature|features|blog|"
    r"[\w .&-]{0,40}(?:breaking|latest) (?:news|headlines)[\w ,&|-]*)$",
    _I,
)
_SEARCH = re.compile(r"^search\b|\bsearch results?\b|\bresults for\b|\bsearch\s*:|:\s*search\b", _I)
_SEARCH_URL = re.compile(r"(?:^|/)search(?:/|$|\.\w+)|[?&_](?:search|searchinput|query|q|s)=", _I)
#: The last part of a listing's URL (what follows it, if anything, is a page number or an index file).
_LISTING_URL = re.compile(
    r"(?:^|/)(?:tags?|category|categories|topics?|archives?|section|sections|latest|all|list)"
    r"(?:/[^/\d.-]+(?:-[^/\d.-]+){0,2})?(?:/(?:page/)?\d{0,3})?/?(?:(?:index|default)\.\w+)?$"
    r"|(?:^|/)archive-\d+\.\w+$|[_-]list(?:ing)?\.\w+$",
    _I,
)
_NEWSLETTER = re.compile(
    r"\bnewsletter\b|\bdaily (?:update|briefing|digest)\b|\bweekly (?:update|digest|roundup)\b|"
    r"\bpress notes\b|\bsecrecy news\b|\bvolume \d{4},? issue\b|\bissue no\.? ?\d+|\bvol\. ?\d+,? no\. ?\d+|"
    # a daily digest of other stories: "10 things in tech you need to know today"
    r"\b\d+ things (?:in [\w ]{2,20} )?(?:you need to know|to know) (?:today|this (?:morning|week))\b",
    _I,
)
_REFERENCE_TITLE = re.compile(
    r"(?:\bproduct page|\bproducts?\b|\bspecifications?\b|\bspec sheet|\bfact ?sheet|\bdata ?sheet|"
    r"\bprofile\b|\boverview\b|\bglossary\b|\bfaq\b|^about\b|^contact\b|\bschedule\b|\bcalendar\b|"
    r"\bcalendário\b|\bcalendario\b|\bstandings\b|\bclassifica(?:ção|cion|tion|zione)\b|\bstatistics\b|"
    r"\bscorecard\b|\bbox office mojo\b|\btop \d+ countries\b|\bphoto album\b|\baccomplishments\b|"
    r"\bprogram(?:me)? \(|\babstract$)",
    _I,
)
_REFERENCE_PATH = re.compile(
    r"(?:^|/)(?:products?|people|profiles?|about|faq|glossary|specs?|datasheets?|lvs|systems|"
    r"chart|stats?|statistics|scorecards?|biblioteca|tracking)(?:/|$|[._-])",
    _I,
)
#: "Country: USA." "Status: Active." - a reference page's fact box.
_FACT_BOX = re.compile(r"\b[A-Z][a-z]+(?: [a-z]+)?: [^.:\n]{1,40}\.")
#: A verb in an English headline (loosely: any word that may be one). A title with none is a name.
_TITLE_VERB = re.compile(
    r"\b(?:\w+(?<![su])s|\w+ed|\w+ing|is|are|was|were|be|been|has|have|had|will|can|could|would|may|"
    r"might|must|should|do|did|get|got|go|went|make|made|take|took|say|win|won|hit|cut|set|put|let|"
    r"run|ran|quit|lead|led|beat|meet|met|fall|fell|rise|rose|see|saw|give|gave|keep|kept|hold|held|"
    r"find|found|face|back|ban|vow|urge|eye|plan|warn|seek|sign|kill|die|fear|call|join|pay|sell|"
    r"buy|sold|bought|open|close|end|begin|start|stop|want|need|split|drop|launch|move|bring|"
    r"brought|leave|left|tell|told|show|shut|break|broke|broken|come|came|become|became|hurt|lost|"
    r"lose|won't|can't|don't|hope|sue|vote|rule|try|deny|claim|strike|struck|grow|grew|fight|fought|"
    r"unveil|reveal|return|slam|probe|mull|weigh|seize|name|pick|host|visit|approve|reject|arrest|"
    r"charge|jail|free|save|ask|add|spend|spent|build|built|reach|hit|top|push|pull|boost|sink|sank)\b",
    _I,
)
#: Reporting in a text: attribution and anchors in time.
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|stated|confirmed|added|according to|yesterday|today|tonight|"
    r"last (?:week|month|night)|this week|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))\b",
    _I,
)
#: A date or an id in a URL: a year standing alone, a run of five digits or more, a hex id.
_URL_DATE_OR_ID = re.compile(
    r"\d{5,}|(?:^|[/_.=-])(?:19|20)\d\d(?:$|[/_.=-])"
    r"|(?<![a-z0-9])(?=[0-9a-f]*\d[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![a-z0-9])",
    _I,
)
#: Attribution words: a sentence with one reports something (a news stub, not a teaser).
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|segundo|disse|afirmou|ontem|divulgad[ao]|selon|a déclaré|dijo|"
    r"según|sagte|laut|ha detto|secondo)\b",
    _I,
)
#: A product's sales page: what is new in a version, where to download or buy it.
_PRODUCT = re.compile(
    r"\bwhat[’']s new in (?:v(?:ersion)?\.? ?)?\d|\bdownload (?:this|the|our) (?:game|app|software)|"
    r"\badd to (?:cart|basket|bag)|\bbuy (?:it )?now\b|\border (?:it )?now\b|\bin stock\b|\bfree trial\b|"
    r"\b(?:app store|google play)\b|\bprice:|\bfor whom (?:is )?this (?:game|app|product)|"
    r"\bclick here to (?:get|download|buy|order)",
    _I,
)
#: A breadcrumb trail at the top of a page's text: "Home > Programs > …".
_BREADCRUMB = re.compile(r"\b(?:home|inicio|início|accueil|startseite)\s*[>»›]\s*\S[^>»›\n]{0,60}[>»›]", _I)
#: The links of a list of posts: "FULL STORY", "[Posted: Aug. 26]", "ENTER PHOTO GALLERY".
_ENTRY_LINK = re.compile(
    r"^(?:full story|enter (?:photo )?gallery)\b.{0,40}$|\[posted:? [^\]]{1,30}\]",
    re.IGNORECASE | re.MULTILINE,
)
#: A paywall's offer standing in for the article, anywhere in a short text.
_PAYWALL = re.compile(
    r"available in full\b[^.]{0,80}\bsubscribers|already subscribed\b|"
    r"(?:access|read) (?:the|this) (?:full|whole|complete) (?:article|story)[^.]{0,40}(?:subscri|log ?in|sign ?in)",
    _I,
)
_INDEX_FILE = re.compile(r"^(?:index|default|home|main|start)\.(?:s?html?|aspx?|php|jsp|cfm)$", _I)
_ARTICLE_SCHEMA = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "liveblogposting",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "report",
    "socialmediaposting",
}
_NOT_ARTICLE_SCHEMA = {
    "product": "reference",
    "profilepage": "reference",
    "collectionpage": "listing",
    "itemlist": "listing",
    "searchresultspage": "search",
    "faqpage": "reference",
    "aboutpage": "reference",
    "contactpage": "reference",
    "checkoutpage": "reference",
}
_HOWTO_SCHEMA = {"recipe", "howto"}
#: A title part that names a recipe: "Spiced Honey Pear Jam Recipe", "Recipe: Pear jam".
_RECIPE_TITLE = re.compile(r"(?:^|\s)recipes?$|^recipes?\s*$|^recipe\s*:", _I)
#: A title that opens with the guide it is: "How to retire early so you can …".
_HOWTO_TITLE = re.compile(r"^how to\b", _I)
_NOT_ARTICLE_OG = {
    "product": "reference",
    "profile": "reference",
    "book": "reference",
    "music.song": "reference",
}

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_NUM = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_DATE_PATTERNS = [
    # November 20, 2004 / Nov. 20 2004
    re.compile(rf"\b(?P<mon>{_MONTHS})\.? (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)\b", _I),
    # 20 November 2004
    re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<mon>{_MONTHS})\.?,? (?P<year>(?:19|20)\d\d)\b", _I),
    # 20/11/2004, 20.11.2004, 20-11-2004 (day first, as most of the world writes it)
    re.compile(r"\b(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d\d)\b"),
    # 2004-11-20
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{2})-(?P<day>\d{2})\b"),
]


# -- the HTML's own signals -----------------------------------------------------------------------


def page_signals(html: str) -> PageSignals:
    """og:type, schema.org types, title, site name, the page's own date and link density."""
    if not html:
        return PageSignals()
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, Exception):  # unparseable: no signals
        return PageSignals()
    meta: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content is not None:
            meta.setdefault(key.strip().lower(), content.strip())
    types: set[str] = set()
    dates: list[str] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                _walk_jsonld(json.loads(el.text), types, dates, depth=0)
            except (ValueError, RecursionError):
                continue
    for el in tree.iter():
        itemtype = el.get("itemtype") if isinstance(el.tag, str) else None
        if itemtype:
            types.add(itemtype.rstrip("/").rsplit("/", 1)[-1].lower())
    title_el = tree.find(".//title")
    published = None
    for candidate in [meta.get("article:published_time"), meta.get("datepublished"), *dates]:
        if candidate and (published := _iso(candidate)) is not None:
            break
    return PageSignals(
        og_type=meta.get("og:type", "").lower(),
        schema_types=frozenset(types),
        page_title=(title_el.text_content().strip() if title_el is not None else "")[:500],
        site_name=meta.get("og:site_name", ""),
        published=published,
        link_density=_link_density(tree),
    )


def _walk_jsonld(node: Any, types: set[str], dates: list[str], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(node, dict):
        kind = node.get("@type")
        for k in kind if isinstance(kind, list) else [kind]:
            if isinstance(k, str) and depth <= 2:
                types.add(k.lower())
        if isinstance(node.get("datePublished"), str):
            dates.append(node["datePublished"])
        for key, value in node.items():
            if key not in {"publisher", "author", "logo", "image"}:
                _walk_jsonld(value, types, dates, depth + 1)
    elif isinstance(node, list):
        for value in node:
            _walk_jsonld(value, types, dates, depth + 1)


def _link_density(tree: Any) -> float | None:
    body = tree.find(".//body")
    if body is None:
        return None
    for tag in ("script", "style", "noscript"):
        for el in list(body.iter(tag)):
            el.drop_tree()
    total = len(" ".join(body.text_content().split()))
    if total < 200:
        return None
    linked = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return min(1.0, linked / total)


def _iso(value: str) -> dt.datetime | None:
    m = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return dt.datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=dt.UTC)
    except ValueError:
        return None


# -- text measures -------------------------------------------------------------------------------------


def text_dates(text: str) -> list[tuple[int, dt.date]]:
    """Full dates (day, month and year) written in a text, with their offsets, in order."""
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            try:
                month = int(parts["month"]) if parts.get("month") else _MONTH_NUM[parts["mon"][:3].lower()]
                found.append((m.start(), dt.date(int(parts["year"]), month, int(parts["day"]))))
            except (ValueError, KeyError):
                continue
    found.sort()
    return found


def numeric_share(text: str) -> float:
    """Share of the words that are numbers (tables, standings, schedules, scorecards)."""
    words = text.split()
    if not words:
        return 0.0
    numbers = sum(1 for w in words if re.fullmatch(r"[\d.,:/%()+-]*\d[\d.,:/%()+-]*", w))
    return numbers / len(words)


def sentence_share(text: str) -> float:
    """Share of the text's lines that read as prose (long, ending like a sentence)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return 0.0
    prose = sum(
        len(ln)
        for ln in lines
        if len(ln) >= 80 and (ln[-1] in ".!?\"'”’»)。" or len(re.findall(r"\w[.!?][\"'”’]? [A-Z]", ln)) >= 2)
    )
    return prose / max(1, sum(len(ln) for ln in lines))


def _norm(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", value.lower())


_GENERIC_WORDS = set(
    "the a an and & of in on for to news latest breaking top headlines headline stories story home homepage "
    "page online web site website world international national local business sports sport finance personal "
    "views opinion article articles channel channels section index welcome front accueil inicio início "
    "startseite notícias noticias nachrichten actualités última hora ultima hour hours today daily live "
    "blog feature features more all".split()
)


def _site_names(facts: PageFacts) -> set[str]:
    names = {_strip_generic(facts.outlet), _strip_generic(facts.signals.site_name)}
    parts = urlsplit(facts.url)
    host = parts.hostname or ""
    if host in {"127.0.0.1", "localhost"}:  # the recorded web serves each outlet under /<host>/…
        host = parts.path.lstrip("/").split("/", 1)[0]
    names |= {
        _strip_generic(p)
        for p in host.lower().split(".")
        if len(p) >= 3 and p not in {"www", "com", "org", "net"}
    }
    names.discard("")
    return names


def _strip_generic(value: str) -> str:
    words = re.findall(r"\w+", value.lower())
    return "".join(w for w in words if w not in _GENERIC_WORDS)


def _title_is_site(title: str, facts: PageFacts) -> bool:
    """The title names the outlet, a section or a home page (every part of it), not a story."""
    names = _site_names(facts)
    parts = [p for p in re.split(r"\s+[|>:·–—-]\s+|\s*[|>·]\s*", title.strip()) if p.strip()]
    if not parts:
        return False
    for part in parts:
        if len(part.split()) > 6:
            return False
        core = _strip_generic(part)
        if not core:
            continue  # only generic words: "Latest News & Headlines", "Top News Article"
        if not any(core == n or (len(core) >= 4 and len(n) >= 4 and (core in n or n in core)) for n in names):
            return False
    return True


def _path(url: str) -> str:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.hostname in {"127.0.0.1", "localhost"}:
        # The recorded web serves each outlet under /<host>/…
        path = "/" + path.lstrip("/").split("/", 1)[1] if path.count("/") >= 2 else "/"
    return path + ("?" + parts.query if parts.query else "")


def _segments(path: str) -> list[str]:
    segments = [s for s in path.split("?", 1)[0].split("/") if s]
    if segments and _INDEX_FILE.match(segments[-1]):
        segments = segments[:-1]
    return segments


def english(text: str) -> bool:
    """Whether a text reads as English by its function words (a fifth of its words or more)."""
    words = re.findall(r"[^\W\d_]+", text[:3000].lower())
    return len(words) >= 20 and sum(w in STOPWORDS for w in words) / len(words) >= 0.2


def _evergreen_path(path: str) -> bool:
    """A URL without a date or an id whose last part is a name of at most three words
    ("/military/systems/aircraft/kc-767.htm", "/m/white_noise/"): where reference pages live."""
    segments = _segments(path)
    if not segments or _URL_DATE_OR_ID.search(path):
        return False
    last = re.sub(r"\.\w{2,5}$", "", segments[-1])
    return len([w for w in re.split(r"[-_+\s]+", last) if w]) <= 3


def _front_path(path: str) -> bool:
    """The URL of a home page or a section front: no or one short segment, no id."""
    segments = _segments(path)
    if not segments:
        return True
    if len(segments) > 1 or re.search(r"\d", segments[0]) or "." in segments[0]:
        return False
    return len(re.split(r"[-_]+", segments[0])) <= 2


# -- the verdict ---------------------------------------------------------------------------------------


def judge(facts: PageFacts) -> Verdict:  # noqa: C901 - one list of rules, read top to bottom
    """Decide whether a page is a news article."""
    title = " ".join(facts.title.split())
    page_title = " ".join(facts.signals.page_title.split())
    text = facts.text.strip()
    head = " ".join(text[:400].split())
    size = len(text)
    path = _path(facts.url)
    titles = [t for t in (title, page_title) if t]

    if facts.status is not None and facts.status >= 400:
        return Verdict("error", f"HTTP {facts.status}")
    for t in titles:
        if _ERROR_TITLE.search(t) and size < 3000:
            return Verdict("error", f"title: {t[:80]}")
    if (m := _ERROR_TEXT.search(head)) and size < 2000:
        return Verdict("error", f"text: {m.group(0)[:80]}")
    if any(_TEST.search(t) for t in titles) or _TEST.search(head[:200]):
        return Verdict("test", "a test page")
    for t in titles[:1]:
        if any(_LOGIN_TITLE.search(part) and len(part.split()) <= 4 for part in _title_parts(t)):
            return Verdict("login", f"title: {t[:80]}")
    if (m := _LOGIN_TEXT.search(head[:300])) and size < 2500:
        return Verdict("login", f"text: {m.group(0)[:80]}")
    if (m := _PAYWALL.search(text[:1500])) and size < 1500:
        return Verdict("login", f"text: {m.group(0)[:80]}")
    if (_SEARCH_URL.search(path) and size < 3000) or any(_SEARCH.search(t) for t in titles[:1]):
        return Verdict("search", f"search page: {path[:80]}")

    # Structure the page declares about itself.
    kinds = facts.signals.schema_types
    if kinds and not kinds & _ARTICLE_SCHEMA:
        for kind in sorted(kinds):
            if kind in _NOT_ARTICLE_SCHEMA:
                return Verdict(_NOT_ARTICLE_SCHEMA[kind], f"schema.org type {kind}")
    if facts.signals.og_type in _NOT_ARTICLE_OG and not kinds & _ARTICLE_SCHEMA:
        return Verdict(_NOT_ARTICLE_OG[facts.signals.og_type], f"og:type {facts.signals.og_type}")

    # A recipe or how-to guide: instructions, whatever article type the page also declares.
    if how := kinds & _HOWTO_SCHEMA:
        return Verdict("howto", f"schema.org type {sorted(how)[0]}")
    if any(_RECIPE_TITLE.search(p) for t in titles[:1] for p in _title_parts(t)) or any(
        _HOWTO_TITLE.match(t) for t in titles[:1]
    ):
        return Verdict("howto", f"title: {title[:80]}")

    # An old page served again: the page's own opening or metadata dates it far from the feed.
    if facts.feed_published is not None:
        feed_day = facts.feed_published.date()
        opening = text_dates(text[:OPENING])
        if opening and abs((opening[0][1] - feed_day).days) > OLD_PAGE_DAYS:
            return Verdict("old", f"page dated {opening[0][1]}, feed {feed_day}")
        own = facts.signals.published
        if own is not None and abs((own.date() - feed_day).days) > OLD_PAGE_DAYS:
            return Verdict("old", f"page metadata dated {own.date()}, feed {feed_day}")

    generic = any(_FRONT_WORDS.match(t) or _title_is_site(t, facts) for t in titles[:1])
    if generic and size < 400 and not reported(text):
        return Verdict("front", f"title names the site or a section: {title[:80]}")
    if not _segments(path) or (_front_path(path) and (size < 3000 or generic)):
        return Verdict("front", f"home or section URL: {path[:80]}")
    if site := facts.site_url:
        if _path(site).rstrip("/") == path.rstrip("/"):
            return Verdict("front", "the outlet's own home page")

    in_head = _NEWSLETTER.search(head[:100])
    if (
        any(_NEWSLETTER.search(t) for t in titles[:1])
        or (in_head and "newsletter" not in in_head.group(0).lower())
        or "newsletter" in path.lower()
    ):
        return Verdict("newsletter", "a newsletter or bulletin issue")
    prose = sentence_share(text)
    dated = text_dates(text)
    entries = _dated_entries(text)
    if _LISTING_URL.search(path.split("?", 1)[0]):
        return Verdict("listing", f"listing URL: {path[:80]}")
    if entries >= 3:
        return Verdict("listing", f"{entries} entries that start with a date")
    if len({d for _, d in dated}) >= 4 and prose < 0.1:
        return Verdict("listing", "dated lines, no sentences")

    if (links := len(_ENTRY_LINK.findall(text))) >= 3:
        return Verdict("listing", f"{links} links to other stories ('Full story', 'Posted: …')")
    first = titles[0] if titles else ""
    named = not _TITLE_VERB.search(first)  # a title that names something, and says nothing of it
    if crumb := _BREADCRUMB.search(text[:300]):
        trail = _norm(text[crumb.start() : crumb.start() + 300].split("\n", 1)[0])
        own_name = bool(_strip_generic(first)) and _title_is_site(first, facts)
        if own_name or (named and len(_norm(first)) >= 8 and _norm(first) in trail):
            return Verdict("front", f"a section page: a breadcrumb trail and the title {first[:60]!r}")
    share = numeric_share(text)
    if share >= 0.3 and size >= 200:
        return Verdict("reference", f"{share:.0%} of the words are numbers")
    if (facts_box := len(_FACT_BOX.findall(text[:400]))) >= 3:
        return Verdict("reference", f"a fact box ({facts_box} 'Label: value.' entries at the top)")
    for t in titles[:1]:
        short_parts = [p for p in _title_parts(t) if len(p.split()) <= 6]
        if any(_REFERENCE_TITLE.search(p) for p in short_parts) and (size < 4000 or prose < 0.5):
            return Verdict("reference", f"title: {t[:80]}")
    if _REFERENCE_PATH.search(path) and size < 3000 and prose < 0.6:
        return Verdict("reference", f"reference URL: {path[:80]}")
    if (
        named
        and size >= 300
        and _evergreen_path(path)
        and english(text)
        and len(_REPORTING.findall(text)) <= 2
    ):
        return Verdict(
            "reference", f"a page about {first[:60]!r}: no date or id in its URL, nothing reported"
        )
    cues = {m.lower() for m in _PRODUCT.findall(text)}
    if named and len(cues) >= 2 and len(_REPORTING.findall(text)) <= 1:
        return Verdict("reference", f"a product page: {', '.join(sorted(cues))[:80]}")
    density = facts.signals.link_density
    if density is not None and density > 0.85 and size < 600:
        return Verdict("listing", f"{density:.0%} of the page's text is links")
    if size >= 300 and prose < 0.1 and share >= 0.2:
        return Verdict("reference", "lines of figures, no sentences")
    return Verdict(NEWS)


def reported(text: str) -> bool:
    """Whether a text holds a whole reported sentence (twenty words or more, attributed, ending in a
    full stop): a news stub under a title that names only the site, not a home page's teaser."""
    for sentence in re.findall(r"[^.!?]+[.!?]", text[:3000]):
        if sentence.endswith(".") and len(sentence.split()) >= 20 and _ATTRIBUTION.search(sentence):
            return True
    return False


def title_reason(title: str, head: str = "") -> str | None:
    """A reason code when a title (and the opening of a text) alone show a page that is not news:
    an error, a login wall, a test page, a home page or section name, search results. For judging
    a published story's own headline and summary, where no page is at hand."""
    title = " ".join(title.split())
    head = " ".join(head[:300].split())
    if _ERROR_TITLE.search(title) or _ERROR_TEXT.search(head):
        return "error"
    if _TEST.search(title) or _TEST.search(head[:200]):
        return "test"
    if any(_LOGIN_TITLE.search(part) and len(part.split()) <= 4 for part in _title_parts(title)):
        return "login"
    if _LOGIN_TEXT.search(head):
        return "login"
    if _FRONT_WORDS.match(title.strip(" .:")):
        return "front"
    if _SEARCH.search(title):
        return "search"
    return None


def _dated_entries(text: str) -> int:
    """Lines that open with a full date (a blog archive, a digest): "Saturday, November 20, 2004"."""
    count = 0
    for line in text.splitlines():
        head = line.strip()[:40]
        if head and (found := text_dates(head)) and found[0][0] <= 12 and len(line.strip()) < 60:
            count += 1
    return count


def _title_parts(title: str) -> list[str]:
    """A page title's parts: "The Paper > Log In" is "The Paper" and "Log In"."""
    return [p.strip() for p in re.split(r"\s*[|>:·–—]\s*|\s+-\s+", title) if p.strip()]
