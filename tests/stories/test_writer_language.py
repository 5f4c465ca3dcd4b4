"""Regression tests of the writer on the recorded web's pages: a summary in one language, stories
with nothing to tell held back, Chinese/Japanese/Korean text, list items, captions, references to
what was left out, and relative days anchored to dates (text as quoted from the pages)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateline.articles.extract import extract
from dateline.language import article_language, detect, language_name, normalize, story_language
from dateline.pipeline.ingest import fuller_title
from dateline.stories import editorial
from dateline.stories.anchor import anchor
from dateline.stories.editorial import StorySource, story_faults
from dateline.stories.writer import HELD, SourceText, _usable, clean_headline, write_extractive, write_story

# Global Voices, "Africa: Regimes Under Attack From Satire and Cartoons": an English report that
# quotes a French blog.
GLOBAL_VOICES = (
    "The use of satirical language and cartoons in the media is relatively new in most African "
    "countries, and began with the print publication of small cartoon strips featuring caricatures "
    "depicting a particular part of the population for comic effect.\n\n"
    "Often, satirical newspapers are a reflection of the state of political affairs in their countries, "
    "where politicians never seem to shy away from shameless actions.\n\n"
    "In Ouagadougou, Burkina Faso, Damien Glez's article published on africandiplomacy.com discusses the "
    "risks and difficulties involved in being a satirical cartoonist:\n\n"
    "Moins assassinés, les dessinateurs ne sont pas totalement immunisés. Au Cameroun, le "
    "caricaturiste-vedette Nyemb Popoli a eu maintes fois maille à partir avec le régime de Paul Biya. "
    "A la fin des années 80, dans le Bénin du «marxisme-béninisme», le dessinateur Hector Sonon voyait "
    "ses dessins systématiquement passés à la moulinette du comité de censure du ministère."
)
# Dagens Nyheter, "Misstänkt boktjuv hittad död": no English source at all.
DAGENS_NYHETER = (
    "Den 48-årige anställde på Kungliga Biblioteket i Stockholm som har erkänt omfattande bokstölder, "
    "hittades på söndagen död i sin lägenhet på Surbrunnsgatan i centrala Stockholm. Den mångårige "
    "medarbetaren greps, anhölls och häktades i början av november. Risken för stölder på de stora, "
    "internationella biblioteken har också ökat den senaste tiden, eftersom deras äldre "
    "dokumentsamlingar har blivit allt värdefullare på samlarmarknaden. Den 3 december släpptes "
    "48-åringen från häktet."
)
# Global Voices, "Mauritania: Al Qaeda Execution Stirs Debate": English around an Arabic quotation.
MAURITANIA = (
    "A YouTube video posted on the Mauritanian Al Akhbar website on May 12 has angered Mauritanians. "
    "The video shows a 40-year-old Mauritanian man being interrogated by members of Al Qaeda, who accuse "
    "him of espionage. He was later executed after confessing to working with Mauritanian intelligence.\n\n"
    "The man names several leaders in the military and intelligence whom he dealt with, and claims that "
    "they were supervising his work. He also mentions that General Mohammed Ould Makt, director of the "
    "research and documentation section (foreign investigation), was the officer who recruited him.\n\n"
    "مستمرون في تجنيد شبان موريتانيين وتقديمهم قرابين لشيطان الأوهام بشمال مالي... حتي الآن ذبح 9 وهنالك "
    "العشرات يدفعون دفعا في اتجاه الموت المحقق مقابل دريهمات زهيدة تدفعهم الفاقة لاقتناصها ويكونون الضحية "
    "الأقل حظا فيها ويتم تجاهل أسرهم من بعدهم أويقدم لهم شىء على أنه هدايا وهبات وهولايساوى شعرة فى مفرغ "
    "الرأس... ولأن الموضوع حيوي ويتعلق بحياة الناس وبأمن البلاد وبقضايا لا يمكن السكوت عليها فإن التحقيق "
    "في ملابساته يكون أضعف الإيمان.\n\n"
    "We are continuing to recruit young Mauritanians and offer them as sacrifices to the devil of illusion "
    "in northern Mali. Up to now nine have been slaughtered, and there are dozens being pushed in the "
    "direction of certain death, in return for a few dirhams that poverty drives them to seize."
)
# LHPAT (Japanese) and Entermedia (Korean): sentences without spaces, or without capitals.
LHPAT = (
    "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が逮捕されたというニュースを耳にしました。\n\n"
    "報道によると、今回販売されたのは、いわゆる「脱獄」したiPhone。\n\n"
    "通常、権利者により正規のルートで販売された商品をそのまま転売する場合は、商標権侵害にはなりません。"
    "しかし、今回の事件のように、権利者の意思に基づくことなく、もとの商品に改造を加えて販売した場合は、"
    "商標権侵害と判断される場合があります。"
)
ENTERMEDIA = (
    "[엔터미디어=소설가 박생강의 옆구리tv] 주말 밤 9시 MBC와 SBS는 막장극의 대결로 붙는 경우가 흔하다. "
    "현재 MBC는 이유리 주연의 <숨바꼭질>로 승부를 보고 있으며 SBS는 <그녀로 말할 것 같으면>이 종영을 앞두고 있다.\n"
    "다만 MBC <숨바꼭질>은 방영을 시작한 지 얼마 되지 않았지만 벌써 지쳐가는 인상이다. 여주인공 이유리의 연기는 "
    "그녀의 막장 히트작 <왔다, 장보리>의 연민정처럼 강강강강 감정펀치다. 물론 그때그때 감정의 스파크를 일으키는 "
    "이유리의 연기는 여전히 시선을 끈다."
)
WHEN = datetime(2004, 12, 7, 13, 24, tzinfo=UTC)


def test_each_article_gets_the_language_most_of_its_words_are_in() -> None:
    assert article_language("Mauritania: Al Qaeda Execution Stirs Debate", MAURITANIA) == "en"
    assert article_language("Misstänkt boktjuv hittad död", DAGENS_NYHETER) == "sv"
    assert article_language("商品の改造が商標法違反に！？", LHPAT) == "ja"
    assert article_language("악녀의 덫에 걸린 이유리", ENTERMEDIA) == "ko"
    # Too little text to tell: the page's or feed's own declaration stands.
    assert article_language("Accueil", "", "fr-FR") == "fr"
    assert detect("Reported by Global Voices.") == ""
    assert normalize("pt_BR") == "pt" and normalize("") == ""
    assert story_language(["pt", "en", "pt"]) == "en" and story_language(["sv", "", "sv", "da"]) == "sv"
    assert language_name("pt") == "Portuguese" and language_name("") == ""


def test_an_english_report_quoting_french_is_summarised_in_english_only() -> None:
    src = SourceText(
        "Global Voices", "Africa: Regimes Under Attack From Satire and Cartoons", GLOBAL_VOICES, WHEN
    )
    draft = write_extractive([src])
    assert "satirical" in draft.summary
    for french in ("Au Cameroun", "Moins assassinés", "dessinateur"):
        assert french not in draft.summary, draft.summary
    assert "mixed language" not in story_faults(draft.headline, draft.summary, [src])


def test_a_story_with_no_english_source_is_told_in_its_sources_language() -> None:
    sv = SourceText("Dagens Nyheter", "Misstänkt boktjuv hittad död", DAGENS_NYHETER, WHEN, language="sv")
    pt = SourceText(
        "Folha",
        "MST invade prefeitura no interior do PA",
        "Depois de bloquear uma rodovia por cerca de três horas, integrantes do movimento invadiram as "
        "dependências da prefeitura de Santa Bárbara do Pará.",
        WHEN,
        language="pt",
    )
    sv2 = SourceText("Svenska Dagbladet", "Boktjuven hittad död i sin lägenhet", DAGENS_NYHETER, WHEN)
    draft = write_extractive([sv, pt, sv2])
    assert draft.summary.startswith("Den ")  # no "According to …, " around Swedish
    assert "According to" not in draft.summary and "invadiram" not in draft.summary
    assert draft.headline in (sv.title, sv2.title)
    faults = story_faults(draft.headline, draft.summary, [sv, pt, sv2])
    assert "mixed language" not in faults and "empty" not in faults


def test_an_english_source_decides_the_language_and_the_headline() -> None:
    en = SourceText(
        "Wire",
        "Suspected book thief found dead in Stockholm",
        "A long-serving employee of the Royal Library in Stockholm who had confessed to stealing rare books "
        "was found dead in his flat on Sunday, police said.",
        WHEN,
    )
    sv = SourceText("Dagens Nyheter", "Misstänkt boktjuv hittad död", DAGENS_NYHETER, WHEN)
    draft = write_extractive([sv, en])
    assert draft.headline == en.title
    assert "Royal Library" in draft.summary and "Kungliga" not in draft.summary


def test_chinese_japanese_and_korean_text_is_written_not_left_empty() -> None:
    ja = SourceText(
        "LHPAT", "商品の改造が商標法違反に！？ - 特許業務法人ライトハウス国際特許事務所", LHPAT, WHEN
    )
    draft = write_extractive([ja])
    assert draft.writer != HELD and "逮捕" in draft.summary
    assert "empty" not in story_faults(draft.headline, draft.summary, [ja])
    ko = SourceText(
        "Entermedia", "악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미 - Entermedia", ENTERMEDIA, WHEN
    )
    draft = write_extractive([ko])
    assert "현재 MBC는" in draft.summary and "According to" not in draft.summary
    assert "empty" not in story_faults(draft.headline, draft.summary, [ko])


def test_a_story_with_nothing_to_tell_is_held() -> None:
    paywall = SourceText(
        "Belfast Telegraph",
        "Belfast Telegraph",
        "Also from this section\n\n>\n\nAre Paisley and Adams on the brink of the deal to end all deals?\n\n"
        "Belfast Telegraph Archive Article This article is available in full (approx. 723 words) to Belfast "
        "Telegraph Archive subscribers. Already Subscribed ? Please click here.\n\n"
        "Otherwise, please choose an option below : 50p for 24 hours' access to this article or £5 monthly "
        "subscription to the whole Belfast Telegraph archive",
        WHEN,
    )
    open_thread = SourceText(
        "The GiveWell Blog",
        "September 2018 open thread - The GiveWell Blog",
        "Our goal with hosting quarterly open threads is to give blog readers an opportunity to publicly "
        "raise comments or questions about GiveWell or related topics (in the comments section below). As "
        "always, you’re also welcome to email us at info@givewell.org or to request a call with GiveWell "
        "staff if you have feedback or questions you’d prefer to discuss privately.\n\n"
        "You can view our June 2018 open thread here.",
        WHEN,
    )
    for src in (paywall, open_thread):
        draft, _ = write_story([src], today=WHEN.date())
        assert draft.writer == HELD and draft.summary == "", draft


def test_list_items_captions_and_references_to_what_was_left_out_are_not_told() -> None:
    # Groklaw, "The 1994 USL-Regents of UCal Settlement Agreement": a numbered clause.
    assert not _usable(
        '8. The University wishes to issue another BSD Release ("4.4 BSD(Lite)") that may be publicly '
        "distributed to third 2 parties free of any claim by USL of restrictions on its use."
    )
    assert not _usable(
        "5 b. Prior to the execution of this Settlement Agreement, USL shall deliver the files."
    )
    # Global Voices: a photo caption became a headline.
    assert editorial.boilerplate("Christiane Taubiraby, image taken from her own blog.")
    # News Nation: "this bar" refers to a sentence left out, behind an "According to …, ".
    assert not editorial.standalone(
        "According to reports, this bar is offering oxygen to anyone who is ready to pay Rs 300 for fresh "
        "air for 15 minutes."
    )
    assert editorial.leaning("According to police, he was arrested at the airport on his way home.")
    # CNN: "Which is not to say that whatever happened on Saturday wasn't minor or maybe even routine."
    assert editorial.leaning(
        "Which is not to say that whatever happened on Saturday wasn't minor or even routine."
    )
    assert "dangling reference" in story_faults(
        "White House says the president's visit to the hospital was routine",
        "According to CNN, which is not to say that whatever happened on 16 November wasn't minor or maybe "
        "even routine. The President received a diet and exercise plan last year after his annual physical.",
        [],
    )


def test_a_truncated_feed_title_gives_way_to_the_pages_own() -> None:
    page = "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300? - News Nation"
    assert fuller_title("Fact Check: Is An", page) == page
    assert fuller_title("Senate passes the budget…", "Senate passes the budget for schools") == (
        "Senate passes the budget for schools"
    )
    assert (
        fuller_title("Senate passes the budget", "Budget: what it means for you")
        == "Senate passes the budget"
    )
    assert fuller_title("", "Budget passes") == "Budget passes"


def test_the_pages_heading_completes_a_feed_title_its_title_element_does_not() -> None:
    # Big Brand System's page of 8 August 2018 on the recorded web: the feed says "Business Focus:
    # It", the <title> asks another question, the og:title is the headline the feed cut off.
    page = (
        "<html><head><title>Business Focus: Do You Have What It Takes to Build a Business Online?</title>"
        '<meta property="og:title" content="Business Focus: It&#039;s Why Some People Triumph Online and '
        'Others Never Make It"></head><body><h1>Business Focus</h1><p>'
        + "Business focus is why some people build the online business they dream of. " * 20
        + "</p></body></html>"
    )
    found = extract(page.encode(), "https://www.bigbrandsystem.com/business-focus/", content_type="text/html")
    assert found.heading == "Business Focus: It's Why Some People Triumph Online and Others Never Make It"
    assert fuller_title("Business Focus: It", found.title, found.heading) == found.heading


# Real Cities, "Former New York police commissioner to replace Ridge", published Thursday 2 December 2004.
KERIK = (
    "Former New York City Police Commissioner Bernard Kerik, a fixture at Mayor Rudolph Giuliani's side "
    "during the Sept. 11 attacks, has been tapped to run the Department of Homeland Security, a senior "
    "administration official said Thursday.\n\n"
    "If confirmed by the Senate, Kerik will replace Tom Ridge, who announced Tuesday that he's stepping "
    "down as the nation's anti-terror chief."
)


def test_relative_days_are_anchored_to_the_articles_date() -> None:
    published = date(2004, 12, 2)
    assert anchor("The minister resigned yesterday afternoon.", published) == (
        "The minister resigned on the afternoon of 1 December.",
        False,
    )
    assert (
        anchor("Today, the president met the king.", published)[0]
        == "On 2 December, the president met the king."
    )
    assert anchor("The talks will resume on Monday in Geneva.", published)[0] == (
        "The talks will resume on 6 December in Geneva."
    )
    assert anchor("Voting continues until Sunday across the country.", published)[0].endswith(
        "until 5 December across the country."
    )
    # Not one day: left as it is, and reported.
    assert anchor("Prices rose sharply this week in the capital.", published)[1]
    assert anchor("The night sky starts with a full moon on Monday that rises at 4:52 p.m.", published)[1]
    assert anchor("Yesterday's vote was close.", published)[1]
    assert anchor(
        "Late on the Wednesday afternoon before the holiday, the department confirmed it.", published
    )[1]
    # A weekday inside a name is no day to anchor.
    good_friday = (
        "Power sharing, the bedrock for lasting peace under the Good Friday Agreement, was suspended."
    )
    assert anchor(good_friday, published)[0] == good_friday
    assert (
        anchor("The Sunday Times said the plan was wrong.", published)[0]
        == "The Sunday Times said the plan was wrong."
    )
    assert anchor("Residents dig out Tuesday, Dec. 26, 2017, after a record snowfall.", published)[
        0
    ].startswith("Residents dig out Tuesday, Dec. 26")

    src = SourceText("Real Cities", "Former New York police commissioner to replace Ridge", KERIK,
                     datetime(2004, 12, 2, 11, 47, tzinfo=UTC))  # fmt: skip
    draft, problems = write_story([src], today=date(2004, 12, 9))
    assert "official said on 2 December" in draft.summary, draft.summary
    assert "who announced on 30 November" in draft.summary
    assert problems == []  # the anchored dates come from the article's date: the gate passes
    # The editorial check reads the anchored sentence as whole ("Sept. 11" is no cut).
    assert (
        story_faults(
            draft.headline, draft.summary, [StorySource(src.outlet, src.title, KERIK, src.published)]
        )
        == set()
    )


def test_a_relative_day_of_an_older_source_that_cannot_be_anchored_is_dropped() -> None:
    old = SourceText(
        "Daily",
        "Prices rise in the capital",
        "Prices rose sharply this week in the capital after the central bank raised its rates again.",
        datetime(2004, 11, 20, tzinfo=UTC),
    )
    new = SourceText(
        "Wire",
        "Central bank raises rates again",
        "The central bank raised its main interest rate again on Thursday, the third rise this year.",
        datetime(2004, 12, 2, tzinfo=UTC),
    )
    draft = write_extractive([old, new])
    assert "this week" not in draft.summary and "on 2 December" in draft.summary


def test_the_check_reads_a_break_inside_the_desks_attribution_or_beside_an_anchor_as_whole() -> None:
    """ "According to U.S. Department of State, Rep. Tom DeLay …" and "Mr. Rumsfeld's agreement on
    2 December" (anchored from "Thursday") are whole sentences; "C, 199th FSB, was involved" is not
    one the writer tells."""
    src = StorySource(
        "The Washington Times",
        "Rumsfeld agrees to stay on",
        "Word of Mr. Rumsfeld's agreement Thursday to continue to run the Pentagon came just hours after "
        "Health and Human Services Secretary Tommy G. Thompson became the eighth of 15 Cabinet members to "
        "announce his resignation, senior administration officials said.",
    )
    told = (
        "According to The Washington Times, word of Mr. Rumsfeld's agreement on 2 December to continue to "
        "run the Pentagon came just hours after Health and Human Services Secretary Tommy G. Thompson became "
        "the eighth of 15 Cabinet members to announce his resignation, senior administration officials said."
    )
    assert story_faults("Rumsfeld agrees to stay on as defense chief", told, [src]) == set()
    wayback = StorySource(
        "U.S. Department of State",
        "Reid selected to be Senate Minority Leader",
        "Rep. Tom DeLay of Texas was re-elected majority leader, and the balance of the GOP leadership won "
        "new terms as well.",
    )
    told = (
        "According to U.S. Department of State, Rep. Tom DeLay of Texas was re-elected majority leader, and "
        "the balance of the GOP leadership won new terms as well."
    )
    assert story_faults("Reid selected to be Senate Minority Leader", told, [wayback]) == set()
    cut = (
        "According to the agency, Rep. David McKinley, R-W. A major part of the reason is the flow of drugs."
    )
    assert "cut sentence" in story_faults("Drug seizures at the border", cut, [wayback])
    assert not _usable(
        "C, 199th FSB, was involved in getting the vital signs of the children and said that luckily they "
        "didn't find anything seriously wrong with anyone."
    )


def test_standfirsts_transcript_footers_photo_credits_and_home_pages_are_caught() -> None:
    # The Guardian: the standfirst run into the first sentence.
    assert not editorial.standalone(
        "Pieces weighing up to 100kg could make it to the surface, says expert, when out-of-control "
        "8.5-tonne laboratory breaks apart in the atmosphere An 8.5-tonne Chinese space station has "
        "accelerated its out-of-control descent towards Earth."
    )
    # NPR's transcript footer; Época's photo credits.
    assert editorial.boilerplate(
        "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor, and produced "
        "using a proprietary transcription process developed with NPR."
    )
    assert editorial.boilerplate("Fotos: Sílvio Ávila/ÉPOCA Fotos: Sílvio Ávila/ÉPOCA")
    # The Salt Lake Tribune's home page title; an outlet glued to the headline by a colon.
    assert editorial.headline_faults("Salt Lake Tribune Home Page")
    assert (
        clean_headline(
            "Lansing State Journal:'Fockers' sets New Year's mark at the box office", "Lansing State Journal"
        )
        == "'Fockers' sets New Year's mark at the box office"
    )
    assert clean_headline("Talks resume at 10:30 in Geneva", "Reuters") == "Talks resume at 10:30 in Geneva"


def test_a_headline_from_a_sentence_does_not_lean_on_what_it_leaves_out() -> None:
    """Global Voices, "…Ministers Appointed for Skills or as Tokens?": the question is no headline,
    and neither is the sentence "Yet, it seems that he did not have a choice"."""
    src = SourceText(
        "Global Voices",
        "French Guiana, Guadeloupe, Martinique: Ministers Appointed for Skills or as Tokens?",
        "Before his election as the 24th President of the French Republic, left-wing candidate Francois "
        "Hollande, had promised a new government with an equal number of women and men.\n\n"
        "Yet, it seems that he did not have a choice.\n\n"
        "Victorin Lurel, president of the regional council of Guadeloupe, was appointed minister of the "
        "overseas regions.",
        WHEN,
    )
    headline = write_extractive([src]).headline
    assert headline != "Yet, it seems that he did not have a choice" and "?" not in headline, headline
    assert not editorial.headline_faults(headline)
