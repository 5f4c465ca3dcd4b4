"""The editorial check's kinds for what a careful reader still sends back: captions run into the
text, agency credits, dangling openers in other languages, sentences and section names as
headlines, questions and judgements as headlines."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories import editorial
from dateline.stories.editorial import StorySource, story_faults

WHEN = datetime(2004, 11, 14, 12, 0, tzinfo=UTC)


def _faults(headline: str, summary: str, *sources: StorySource) -> set[str]:
    return story_faults(headline, summary, sources or (StorySource("Desk", headline, summary, WHEN),))


def test_a_caption_without_a_full_stop_run_into_the_next_sentence() -> None:
    summary = (
        "The minister did not belong to any of the three ruling parties He said reforms were being "
        "neglected by the coalition government."
    )
    assert "caption glued" in _faults("Macedonia prime minister resigns", summary)
    assert (
        editorial.caption_glued("Ela disse que a decisão foi tomada ontem à noite Ele afirmou que sim.") > 0
    )
    # A quoted title keeps its capitals; a name after a name is no caption.
    assert editorial.caption_glued("They played their single “Takin’ It to the Streets” on the encore.") < 0
    assert editorial.caption_glued("The talks between Kim and Moon He Jiankui ended on the same day.") < 0


def test_an_agency_credit_opening_a_paragraph_in_any_language() -> None:
    for sentence in (
        "Agência Estado Dois advogados do traficante foram presos em flagrante num restaurante do Rio.",
        "AFP - Le président a annoncé sa démission lundi soir devant le parlement.",
        "Reuters - The central bank left interest rates unchanged on Thursday.",
        "(AP) — The storm knocked out power to thousands of homes along the coast.",
        "Santiago, Chile, Jan. 5 (UPI) -- Chile's former dictator was confined to his home.",
        "EFE El Gobierno aprobó el presupuesto para el próximo año este martes.",
    ):
        assert editorial.credit_opener(sentence), sentence
    for sentence in (
        "Reuters reported on Monday that the talks had failed.",
        "Xinhua News Agency said the flood had killed twelve people.",
        "AFP, citing police sources, said three people were arrested.",
        "The Associated Press reported that the vote was delayed.",
    ):
        assert not editorial.credit_opener(sentence), sentence
    summary = (
        "Agência Estado Dois advogados do traficante Luiz Fernando da Costa foram presos em flagrante no Rio."
    )
    assert "credit opener" in _faults("Advogados de Beira-Mar são presos em flagrante", summary)


def test_a_dangling_opener_in_other_languages() -> None:
    openers = {
        "sv": "Han är identifierad, och kroppen är hel med små skador enligt polisen.",
        "de": "Diese Entscheidung wurde am Montag vom Bundestag in Berlin getroffen.",
        "fr": "Il a déclaré que le gouvernement allait présenter un nouveau projet de loi.",
        "es": "Ella dijo que el gobierno presentará un nuevo proyecto de ley el martes.",
        "pt": "Isso é muito importante, porque a aquisição da fluência em leitura leva à compreensão.",
        "it": "Questo provvedimento è stato approvato ieri dal consiglio dei ministri a Roma.",
        "nl": "Hij zei dat de regering volgende week een nieuw wetsvoorstel zal indienen.",
    }
    for code, sentence in openers.items():
        assert editorial.foreign_opener(sentence, code) is not None, sentence
    for code, sentence in {
        "de": "Die Regierung hat am Montag ein neues Gesetz zur Rente beschlossen.",
        "de2": "Dieses Jahr sind wir mit einem Partner auf der Messe in Köln vertreten.",
        "fr": "Il y a eu trois morts dans l'accident de la route près de Lyon.",
        "es": "Este lunes el gobierno presentó un nuevo proyecto de ley en Madrid.",
        "sv": "De flesta av de skadade har nu lämnat sjukhuset i Göteborg.",
    }.items():
        assert editorial.foreign_opener(sentence, code[:2]) is None, sentence
    source = StorySource("DN", "Misstänkt boktjuv hittad död", openers["sv"], WHEN, language="sv")
    assert "foreign dangling opener" in _faults("Misstänkt boktjuv hittad död", openers["sv"], source)


def test_headline_kinds() -> None:
    assert editorial.headline_kind("Personal Finance") == "section or site headline"
    assert editorial.headline_kind("Top Stories") == "section or site headline"
    assert editorial.headline_kind("Latest Business News") == "section or site headline"
    assert editorial.headline_kind("The Ledger", ["The Ledger"]) == "section or site headline"
    assert editorial.headline_kind("Is Eurovision A Rare Opportunity For Change?") == (
        "question or evaluative headline"
    )
    assert editorial.headline_kind("Why you just can't trust the White House on his health") == (
        "question or evaluative headline"
    )
    assert editorial.headline_kind("Business leaders meet in Davos to discuss trade") is None
    assert editorial.headline_kind("Will Smith wins best actor award in Los Angeles") is None


def test_a_sentence_of_the_report_as_headline_where_a_heading_exists() -> None:
    text = (
        "Man Charged With Animal Cruelty After Biting His Dog The pet owner says the act was for punishment.\n\n"
        "A man accused of biting his terrier was arrested on an animal cruelty charge on Saturday.\n\n"
        "The dog had a bloody left front paw from being bit by its owner, police reported."
    )
    source = StorySource("The Ledger", "Lakeland, Polk County, Florida", text, WHEN)
    headline = "The dog had a bloody left front paw from being bit by its owner, police reported"
    summary = "A man accused of biting his terrier was arrested on an animal cruelty charge on Saturday."
    assert "sentence as headline" in story_faults(headline, summary, [source])
    assert editorial.text_heading(text) == "Man Charged With Animal Cruelty After Biting His Dog"
    # The page's own heading counts too; a headline that is the heading is fine.
    plain = StorySource("Desk", "Lakeland, Polk County, Florida", text.split("\n\n", 1)[1], WHEN)
    assert "sentence as headline" not in story_faults(headline, summary, [plain])
    titled = StorySource(
        "Desk", "Lakeland, Polk County, Florida", plain.text, WHEN, heading="Man charged with biting his dog"
    )
    assert "sentence as headline" in story_faults(headline, summary, [titled])
    assert not story_faults("Man charged with biting his dog", summary, [titled])


def test_names_that_look_like_glue_or_questions_are_none() -> None:
    assert editorial.caption_glued("Scholars of the Han dynasty met in Xi'an to discuss the findings.") < 0
    assert editorial.caption_glued("She posed for the cover of the Elle magazine issue in March.") < 0
    assert editorial.caption_glued("Hij zei dat de regering viel Hij zei ook dat het kabinet aftreedt.") > 0
    assert editorial.headline_kind("Do Brasil para o mundo: exportações batem recorde") is None


def test_a_sites_name_or_slogan_as_headline() -> None:
    # The recorded web's Japan Times Online and Asia Times pages of November 2004.
    from dateline.stories.editorial import headline_kind

    assert headline_kind("The Japan Times Online", ["The Japan Times"]) == "section or site headline"
    assert headline_kind("The trusted news source for information on Japan") == "section or site headline"
    assert headline_kind("Japan Times reporter wins press prize", ["The Japan Times"]) is None
    assert headline_kind("The source of the leak was a Pentagon official, court hears") is None
