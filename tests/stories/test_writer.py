"""Tests of the extractive story writer."""

from __future__ import annotations

from datetime import date

from dateline.stories.faithful import check
from dateline.stories.writer import (
    Draft,
    SourceText,
    clean_headline,
    neutrality_problems,
    write_extractive,
    write_story,
)

BBC = SourceText(
    outlet="BBC News",
    title="Flooding forces 12,000 from homes in Valencia - BBC News",
    text=(
        "Heavy rain caused severe flooding across the Spanish region of Valencia on Tuesday, forcing "
        "12,000 people from their homes.\n\n"
        "Advertisement\n\n"
        "Regional president Carlos Mazon said emergency teams had rescued 200 people from cars and roofs.\n\n"
        "Click here to sign up for our newsletter.\n\n"
        "Image copyright Getty Images\n\n"
        "The state weather agency Aemet had issued a red warning for the coast near the city of Valencia.\n\n"
        "Do you live in the area? Share your experience with us.\n\n"
        "Analysts warn that such storms are becoming more frequent.\n\n"
        "Officials said the rail line between Valencia and Madrid would stay closed until Thursday."
    ),
)
REUTERS = SourceText(
    outlet="Reuters",
    title="Spain floods: thousands evacuated in Valencia region | Reuters",
    text=(
        "VALENCIA, Spain - Floods in the Valencia region forced about 12,000 people to leave their homes "
        "on Tuesday, regional authorities said.\n\n"
        "Emergency teams rescued 200 people trapped in cars and on roofs, regional president Carlos Mazon "
        "told reporters.\n\n"
        "The Aemet weather agency said up to 300 litres of rain per square metre fell in some towns.\n\n"
        "(Reporting by Ana Lopez; Editing by John Smith)"
    ),
)
SECRET = SourceText(
    outlet="Levante",
    title="Valencia floods: residents count the cost",
    text=(
        "In the town of Paiporta, shopkeeper Maria Garcia watched muddy water fill her bakery on Tuesday "
        "as the flood swept through the streets of the Valencia region."
    ),
    quotable=False,
)


def test_clean_headline_strips_outlet_suffixes_and_prefixes() -> None:
    assert clean_headline("Floods hit Valencia - BBC News") == "Floods hit Valencia"
    assert clean_headline("Floods hit Valencia | Reuters", "Reuters") == "Floods hit Valencia"
    assert clean_headline("CNN: Floods hit Valencia") == "Floods hit Valencia"
    assert clean_headline("Floods hit Valencia — The Irish Times") == "Floods hit Valencia"
    assert (
        clean_headline("Spain floods - Valencia counts the cost", "Reuters")
        == "Spain floods - Valencia counts the cost"
    )


def test_extractive_draft_is_neutral_attributed_and_within_budget() -> None:
    draft = write_extractive([BBC, REUTERS], words=120)
    assert isinstance(draft, Draft) and draft.writer == "extractive"
    assert draft.headline in {
        "Flooding forces 12,000 from homes in Valencia",
        "Spain floods: thousands evacuated in Valencia region",
    }
    words = len(draft.summary.split())
    assert 40 <= words <= 120 + 8  # attribution may add a few words
    assert "According to BBC News" in draft.summary or "According to Reuters" in draft.summary
    for banned in (
        "Advertisement",
        "Click here",
        "Getty",
        "Do you live",
        "Analysts warn",
        "Reporting by",
        "VALENCIA, Spain -",
    ):
        assert banned not in draft.summary
    assert neutrality_problems(draft.summary.replace("According to", "")) == []
    assert 1 <= len(draft.summary.split("\n\n")) <= 3


def test_non_quotable_source_is_never_quoted() -> None:
    draft = write_extractive([BBC, REUTERS, SECRET], words=300)
    assert "Paiporta" not in draft.summary and "Maria Garcia" not in draft.summary
    only_secret = write_extractive([SECRET], words=100)
    assert "Paiporta" not in only_secret.summary


def test_redundant_sentences_are_not_repeated() -> None:
    draft = write_extractive([BBC, REUTERS], words=300)
    assert draft.summary.count("rescued 200 people") == 1


def test_extractive_output_passes_the_gate_with_outlet_names() -> None:
    draft = write_extractive([BBC, REUTERS, SECRET])
    texts = [s.text for s in (BBC, REUTERS, SECRET)]
    assert "According to" in draft.summary
    assert check(draft.summary, texts, extra_names=["BBC News", "Reuters", "Levante"]).ok
    assert not check(draft.summary, texts).ok  # outlet names come from metadata, not from the texts


def test_write_story_without_model_is_extractive_and_clean() -> None:
    draft, problems = write_story([BBC, REUTERS], today=date(2024, 10, 30))
    assert draft.writer == "extractive"
    assert problems == []


def test_headline_from_text_when_sources_have_no_title() -> None:
    draft = write_extractive([SourceText(outlet="", title="", text=BBC.text)], words=60)
    assert draft.headline and len(draft.headline.split()) <= 17
    assert "According to" not in draft.summary


def test_neutrality_problems_flags_teasers_questions_and_filler() -> None:
    assert "teaser" in neutrality_problems("Floods hit. Read more on our site.")
    assert "question" in neutrality_problems("What happens next?")
    assert "first or second person" in neutrality_problems("We spoke to residents.")
    assert "unattributed filler" in neutrality_problems("Experts say it will rain.")
    assert neutrality_problems('Mazon said: "We will rebuild."') == []
