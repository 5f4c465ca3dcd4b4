"""Texts of the recorded web that the writer once told wrongly: an interview's answers as report
sentences, a wire service's instrument codes read as full stops, a headline line running into a
lead that opens with a number, a weekday whose past tense is an irregular verb or that is its
clause's subject, a live blog's time stamps, datelines and entry dates run into a sentence, a
caption, and "no doubt" in the desk's voice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateline.stories import anchor, editorial
from dateline.stories.sentences import split_clean
from dateline.stories.writer import SourceText, write_extractive

# ExpApp's blog of 9 April 2018: an interview with its new chief executive.
EXPAPP = SourceText(
    outlet="ExpApp",
    title="Introducing Junior Gaspard, New CEO at Experience",
    text=(
        "Experience is thrilled to have Junior Gaspard, long time ExpApper, as our new President and CEO.\n\n"
        "Q: Junior – We are so excited to have you as our new President and CEO. When you woke up that "
        "first morning and you were officially in charge, what are two words to describe how it felt?\n\n"
        "A: Inspired and humbled! To be in this role, for this awesome company, at this particular time, "
        "is tremendous. There has been a lot of change in the live entertainment and ticketing industry "
        "over the past six years since I joined the company. Being able to play a role in that change "
        "has been a lot of fun.\n\n"
        "Ok, now for a little fun.\n\n"
        "A: Broncos vs. Raiders at Mile High Stadium in the Peyton Manning record breaking season."
    ),
    published=datetime(2018, 4, 9, 16, 2, tzinfo=UTC),
)

# Reuters, 19 November 2019: instrument codes after the indexes' names.
REUTERS = SourceText(
    outlet="Reuters",
    title="Oversupply angst drags oil lower, stocks drift near highs",
    text=(
        "Oil prices fell sharply on oversupply concerns, while a gauge of stocks across the globe rose "
        "for a seventh straight session after large overnight gains in Asia.\n\n"
        "The Dow Jones Industrial Average .DJI fell 102.2 points, or 0.36%, to 27,934.02, the S&P 500 "
        ".SPX lost 1.85 points, or 0.06%, to 3,120.18 and the Nasdaq Composite .IXIC added 11.96 "
        "points, or 0.14%, to 8,570.66."
    ),
    published=datetime(2019, 11, 19, 21, 57, tzinfo=UTC),
)

# Wikinews, 30 September 2020: the page's text repeats the headline on its own line, and the
# lead under it opens with a number.
RATANA = SourceText(
    outlet="Wikinews",
    title="South London police officer Matt Ratana shot in custody centre",
    text=(
        "South London police officer Matt Ratana shot in custody centre\n\n"
        '54-year-old Metropolitan Police sergeant Matiu "Matt" Ratana was shot at the Croydon, South '
        "London custody centre, at roughly 2am local time (0100 UTC) on Friday by a prisoner, suspected "
        "to be 23-year-old Louis De Zoysa. As of Monday, De Zoysa was reportedly still in critical "
        "condition, after a bullet hit him in the neck.\n\n"
        "Sergeant Ratana underwent open heart surgery at the centre and was then airlifted to hospital, "
        "but he was later pronounced dead."
    ),
    published=datetime(2020, 9, 30, 6, 53, tzinfo=UTC),
)


def test_an_interviews_questions_and_answers_are_not_told() -> None:
    draft = write_extractive([EXPAPP], words=80)
    assert "Broncos" not in draft.summary
    assert "a lot of fun" not in draft.summary
    assert "Ok, now" not in draft.summary
    assert "boilerplate" in editorial.story_faults(
        draft.headline,
        "A: Broncos vs. Raiders at Mile High Stadium in the Peyton Manning record season.",
        [EXPAPP],
    )


def test_instrument_codes_do_not_cut_a_sentence() -> None:
    sentences = split_clean(REUTERS.text.split("\n\n")[1])
    assert sentences == [
        "The Dow Jones Industrial Average fell 102.2 points, or 0.36%, to 27,934.02, the S&P 500 lost "
        "1.85 points, or 0.06%, to 3,120.18 and the Nasdaq Composite added 11.96 points, or 0.14%, to "
        "8,570.66."
    ]
    draft = write_extractive([REUTERS], words=80)
    assert ".SPX" not in draft.summary and "SPX lost" not in draft.summary
    assert "the S&P 500 lost 1.85 points" in draft.summary


def test_a_lead_opening_with_a_number_survives_its_headline_line() -> None:
    draft = write_extractive([RATANA], words=60)
    first = draft.summary.split(". ")[0]
    assert 'Matiu "Matt" Ratana was shot at the Croydon' in first
    assert "custody centre 54-year-old" not in draft.summary


def test_a_weekday_before_an_irregular_past_is_anchored() -> None:
    sentence = (
        "On Monday, a water main broke in the US city of White Plains, New York, cutting off the water."
    )
    assert anchor.anchor(sentence, date(2020, 8, 13)) == (
        "On 10 August, a water main broke in the US city of White Plains, New York, cutting off the water.",
        False,
    )
    # the future still counts forward
    assert anchor.anchor("The council will vote on Monday.", date(2020, 8, 13))[0] == (
        "The council will vote on 17 August."
    )


# The Guardian's live report of the Champions League draw, 14 December 2004.
LIVE = SourceText(
    outlet="The Guardian",
    title="Champions League knock-out draw - LIVE",
    text=(
        "11am: The official Champions League music starts to play and the pre-amble before the draw "
        "for the 50th European Cup (knock-out stages) is underway.\n"
        "11.03am: Uefa suit Giorgio Marchetti takes a swipe at the G14 group of big clubs who want the "
        "second group stage to return.\n\n"
        "Chelsea were paired with Barcelona in the first knockout round of the Champions League, and "
        "Manchester United will face AC Milan."
    ),
    published=datetime(2004, 12, 14, 21, 36, tzinfo=UTC),
)


def test_a_live_blogs_time_stamps_are_not_told() -> None:
    draft = write_extractive([LIVE], words=80)
    assert "11am" not in draft.summary and "11.03am" not in draft.summary
    assert "Chelsea were paired with Barcelona" in draft.summary
    stamped = "According to The Guardian, 11am: The official Champions League music starts to play now."
    assert "boilerplate" in editorial.story_faults(draft.headline, stamped, [LIVE])


def test_a_weekday_as_its_clauses_subject_takes_no_on() -> None:
    """Wikinews, 11 July 2020: "Friday night was the fourth night in a row that Serbians protested"
    once read "On the night of 10 July was the fourth night …"."""
    published = date(2020, 7, 11)
    assert anchor.anchor("Friday night was the fourth night in a row that Serbians protested.", published)[
        0
    ] == ("The night of 10 July was the fourth night in a row that Serbians protested.")
    assert anchor.anchor("Monday is the deadline for the vote, officials said.", published)[0] == (
        "13 July is the deadline for the vote, officials said."
    )
    assert anchor.anchor("He died Monday.", published) == ("He died on 6 July.", False)


def test_datelines_entry_dates_and_captions_are_not_told() -> None:
    # Al Jazeera's dateline, 19 November 2019; NASA JPL's dated entries and an animation's caption.
    moon = SourceText(
        outlet="Al Jazeera",
        title="NASA's commercial moon shot: Musk's and Bezos's firms to bid",
        text=(
            "Washington, DC, United States: NASA has added five companies to the list of firms that may "
            "bid to deliver payloads to the surface of the Moon."
        ),
        published=datetime(2019, 11, 19, 4, tzinfo=UTC),
    )
    assert write_extractive([moon], words=40).summary.startswith(
        "According to Al Jazeera, NASA has added five"
    )
    asteroid = SourceText(
        outlet="NASA JPL",
        title="Possibility of an Earth Impact in 2029 Ruled Out for Asteroid 2004 MN4",
        text=(
            "December 23, 2004 A recently rediscovered 400-meter Near-Earth Asteroid (NEA) is predicted "
            "to pass near the Earth on April 13, 2029.\n\n"
            "Animation showing the cloud of possible positions of asteroid 2004 MN4 relative to Earth in "
            "April 2029 is shown in white."
        ),
        published=datetime(2004, 12, 28, 12, tzinfo=UTC),
    )
    summary = write_extractive([asteroid], words=60).summary
    assert "December 23, 2004 A" not in summary
    assert "a recently rediscovered 400-meter Near-Earth Asteroid" in summary
    assert "shown in white" not in summary


def test_no_doubt_is_the_desks_opinion() -> None:
    # AutoIndustriya on the Lexus LC 500 Convertible, 21 November 2019.
    assert editorial.desk_opinion("No doubt the LC 500 Convertible looks very stylish with the roof down.")
    assert not editorial.desk_opinion(
        '"There is no doubt the convertible will sell," the company\'s spokesman said on Tuesday.'
    )


def test_this_morning_is_the_morning_of_the_reports_day() -> None:
    # Wikinews on the Winchester bus crash: "… at about 8:10 am this morning."
    published = date(2005, 3, 5)
    sentence = "Three children were taken to hospital after a bus crashed into a tunnel at about 8:10 am this morning."
    assert anchor.anchor(sentence, published) == (
        "Three children were taken to hospital after a bus crashed into a tunnel at about 8:10 am on the "
        "morning of 5 March.",
        False,
    )
    assert anchor.anchor("The road has been closed since this morning.", published)[0] == (
        "The road has been closed since the morning of 5 March."
    )


def test_a_box_scores_lines_are_not_told() -> None:
    # Florida Today's high-school roundup, 20 November 2019.
    roundup = SourceText(
        outlet="Florida Today",
        title="HS Roundup: Viera defeats Rockledge to remain undefeated",
        text=(
            "Heritage (1-0): Armani Sheffield 19 points and 3 steals. Titusville (0-1): Storm Filsaime "
            "with 4 points. Melbourne (3-0): Osas Osaro 3 goals, 1 assist. Aden O'Hara 2 goals, 2 "
            "assists. Astronaut (NR): Jaden Siemans 7 saves. Jordan Spira and Megan Cook 4 total.\n\n"
            "Viera defeated Rockledge 2-1 on Tuesday night to remain undefeated in the county this season."
        ),
        published=datetime(2019, 11, 20, 12, tzinfo=UTC),
    )
    summary = write_extractive([roundup], words=80).summary
    assert "Sheffield" not in summary and "O'Hara" not in summary and "(NR)" not in summary
    assert "4 total" not in summary
    assert "Viera defeated Rockledge 2-1" in summary


def test_the_verb_after_a_weekday_tells_its_tense() -> None:
    # AP via the Houston Chronicle, Wednesday 20 November 2019: "will" here is a noun.
    sentence = (
        "U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and intimidation "
        "against smaller Asian nations to impose its will in the South China Sea."
    )
    told, vague = anchor.anchor(sentence, date(2019, 11, 20))
    assert (told, vague) == (sentence.replace("on Wednesday", "on 20 November"), False)


def test_a_shouted_label_before_the_text_is_dropped() -> None:
    # The Washington Post's "COLUMN | …", the Detroit Free Press's "FREE PRESS COLUMNIST …".
    for text, start in (
        (
            "COLUMN | After 108 years, a blown three-run lead in the eighth inning ended the Cubs' hopes.",
            "After 108",
        ),
        (
            "FREE PRESS COLUMNIST As chief executive officer of Microsoft Corp., Steve Ballmer was loud.",
            "As chief",
        ),
    ):
        source = SourceText(
            outlet="The Paper", title="A column", text=text, published=datetime(2016, 11, 3, tzinfo=UTC)
        )
        summary = write_extractive([source], words=40).summary
        assert summary.startswith(f"According to The Paper, {start[:1].lower()}{start[1:]}"), summary
