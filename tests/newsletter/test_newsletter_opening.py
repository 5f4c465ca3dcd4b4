"""A newsletter shows a story's opening in whole sentences: no quotation left open."""

from __future__ import annotations

from dateline.newsletter.digest import first_paragraph
from dateline.stories.hygiene import hygiene_faults

SUMMARY = (
    "According to NFL.com, John Fox's reign in Chicago is over. The Bears announced the firing of the "
    "veteran head coach on 18 December. Fox's firing was first reported by NFL Network Insider Ian "
    'Rapoport. "Thank you to all the players, coaches, the city of Chicago and Bears fans everywhere, '
    'your passion for this team is unmatched," Fox said in a statement released by the U.S. club.'
    "\n\nThe Bears finished 5-11."
)


def test_the_opening_is_whole_sentences_within_the_limit() -> None:
    opening = first_paragraph(SUMMARY)
    assert opening == (
        "According to NFL.com, John Fox's reign in Chicago is over. The Bears announced the firing of the "
        "veteran head coach on 18 December. Fox's firing was first reported by NFL Network Insider Ian Rapoport."
    )
    assert hygiene_faults("Bears fire coach John Fox", opening) == set()


def test_a_short_paragraph_is_whole_and_a_long_sentence_is_cut_at_a_word() -> None:
    assert first_paragraph("The Bears finished 5-11 under the U.S. coach.\n\nMore.") == (
        "The Bears finished 5-11 under the U.S. coach."
    )
    long = "The " + "very " * 80 + "long sentence ends here."
    cut = first_paragraph(long)
    assert cut.endswith("very…") and len(cut) <= 321


def test_a_quotation_of_several_sentences_is_kept_whole_or_left_out() -> None:
    text = (
        "According to Global Voices, the company has a new home online. Its founders said: "
        '"Advised and led by three of South Sudan’s most respected cultural leaders, a group of '
        "artists and dramatists have come together to form the South Sudan Theatre Company. Under the "
        'shadow of war, southern Sudanese artists experimented with new forms of theatre for years." '
        "It opens in May."
    )
    opening = first_paragraph(text)
    assert opening == "According to Global Voices, the company has a new home online."
    assert hygiene_faults("Theatre company", opening) == set()


def test_a_quotation_cut_inside_is_closed_after_the_ellipsis() -> None:
    text = (
        'According to Global Voices, the company said: "Advised by three leaders, '
        + "a group " * 50
        + 'formed it."'
    )
    opening = first_paragraph(text)
    assert opening.endswith('…"') and hygiene_faults("Theatre company", opening) == set()
    nested = first_paragraph("“Advised by (" + "a group " * 50 + "formed it).”")
    assert nested.endswith("…)”") and hygiene_faults("Theatre company", nested) == set()
