"""A sentence opening with a personal pronoun leans on the sentence right before it in its own
article: told after another ("He claimed the States are in 'mortal fear' …" after a line about
the footage, Kim Jong-un's introduction left out), the reader cannot tell who "he" is. Text as
quoted from The Sun's page of the recorded web."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories import editorial
from dateline.stories.writer import SourceText, write_extractive

FOOTAGE = (
    "The footage released on North Korean TV captures the launch of an intermediate range "
    "Hwasong-12 which is capable of reaching the US island of Guam."
)
COMES = (
    "The new footage comes after images of the Kim Jong-un emerged showing him gleefully watching "
    "the missile test."
)
BOASTED = (
    'The brash North Korean tyrant boasted of his "shining victory" and vowed that his final goal is '
    '"equilibrium of real force with US".'
)
CLAIMED = (
    'He claimed the States are in "mortal fear" after the rogue state fired an intercontinental over '
    "Japan - proving they CAN hit the US territory."
)
SEOUL = "Seoul said it was the 19th launch of a ballistic missile by North Korea this year."
TEXT = "\n\n".join([FOOTAGE, COMES, BOASTED, CLAIMED, SEOUL])
SUN = SourceText(
    outlet="The Sun",
    title="North Korea missile launch footage emerges as Kim Jong-un claims he is close to military 'equilibrium' with United States",
    text=TEXT,
    published=datetime(2017, 9, 16, 10, 25, tzinfo=UTC),
)


def test_editorial_counts_a_pronoun_told_after_another_than_its_own_previous_sentence() -> None:
    kind = "pronoun on a left-out sentence"
    assert kind in editorial.KINDS
    stranded = f"According to The Sun, the footage released on North Korean TV{FOOTAGE[37:]} {CLAIMED}"
    assert kind in editorial.story_faults(SUN.title, stranded, [SUN])
    told = f"According to The Sun, the new footage{COMES[16:]} {BOASTED} {CLAIMED}"
    assert kind not in editorial.story_faults(SUN.title, told, [SUN])
    # in a paragraph of its own too: "He has been slowly collecting …" opening the second one
    assert kind in editorial.story_faults(SUN.title, f"{FOOTAGE} {COMES}\n\n{CLAIMED}", [SUN])
    # an article's first sentence leans on its headline, and "It" or "They" told after their
    # own previous sentence are no fault
    assert not editorial.left_out_before(CLAIMED, BOASTED, SUN)


# Boston.com's report of 28 December 2004 on the recorded web: the writer told "His execution would
# be the first in New England …" after "Ross, 45, has admitted …", leaving out "He is on death row …".
ROSS = SourceText(
    outlet="Boston.com",
    title="Judge: Ross is competent to decide to die",
    text=(
        "Serial killer Michael Ross, at times crying, testified Tuesday that he believes he deserve"
        "s life in prison, but doesn't want to pursue any more appeals of his death sentence becaus"
        "e of the pain it would cause his victims' families. After hearing testimony from Ross and "
        "the results of a psychiatric exam, Superior Court Judge Patrick Clifford ruled that Ross i"
        "s competent to make that decision. Clifford said he found Ross to be lucid, educated, insi"
        'ghtful and rational. "This decision is his right to make," Clifford said. Ross is schedule'
        "d to be executed by lethal injection on Jan. 26. Ross, 45, has admitted killing eight wome"
        "n in Connecticut and New York and raping many of them. He is on death row for killing four"
        " young women in eastern Connecticut in the 1980s. His execution would be the first in New "
        "England in more than 40 years. Dr. Michael Norko, who examined Ross at Clifford's request,"
        " testified that the serial killer suffers from sexual sadism, has narcissistic tendencies,"
        " a personality disorder and is prone to depression and anxiety attacks. He tried to commit"
        " suicide three times while behind bars. But Norko, the chief forensic psychiatrist at the "
        "Whiting Forensic Institute, said Ross is not suicidal now, and his mental problems are bei"
        "ng controlled by medication. Ross understands his legal options, Norko said, and has made "
        'a reasoned and rational decision. Ross believes pursuing appeals "would be the morally wro'
        'ng thing to do," Norko said. Ross testified that his degree in economics from Cornell Univ'
        "ersity helped him weigh the costs and benefits associated with going forward with his exec"
        "ution. He said he was confident that if he appealed, he could convince the courts to overt"
        "urn his death sentence and order a third penalty hearing. But he said he was convinced tha"
        't a third jury would simply sentence him to death again. "The cost isn\'t worth it," Ross s'
        'aid. "The life sentence isn\'t worth dragging it out another ten or 15 years."'
    ),
    published=datetime(2004, 12, 28, 18, 8, tzinfo=UTC),
)


def test_writer_tells_a_pronoun_only_after_the_sentence_it_leans_on() -> None:
    for words in (60, 90, 120, 160, 220):
        draft = write_extractive([ROSS], words=words)
        faults = editorial.story_faults(draft.headline, draft.summary, [ROSS])
        assert "pronoun on a left-out sentence" not in faults, draft.summary
        # told right after the sentence it leans on, or not at all
        if "His execution would be" in draft.summary:
            assert "1980s. His execution would be" in draft.summary
