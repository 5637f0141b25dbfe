"""One meeting on one page: when and where, why we meet, what we want to say and ask, what was
decided, who does what by when, the professionals' notes apart, and what the family said of the
notes. In the reader's language and direction, like the booklet.

It prints what `plans.meetings.reading` handed the reader (and logged as printed), so the page
never holds what the reader could not open on the web.
"""

from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from reportlab.platypus import NextPageTemplate

from plans.meetings import arranging
from plans.meetings.model import ACTION, ASK, MISSED, SAY
from plans.meetings.reading import MeetingRead
from plans.people import who_names
from print_templates.booklet import PRINTING
from print_templates.i18n import N_, available_languages, words_for
from print_templates.kit import Kit
from print_templates.layout import BookCanvas, BookTemplate, styles_for
from print_templates.lines import Context
from record_book.policy import Reader

WAYS = dict(arranging.WAYS)


def build_meeting_page(session, reader: Reader, found: MeetingRead, language: str, zone: str,
                       translations_dir: str | None = None) -> bytes:
    folder = Path(translations_dir) if translations_dir else None
    if language not in available_languages(folder):
        language = "en"
    names = who_names(session, reader.family_id, {n.who: n.who for n in found.after})
    # The booklet's own lock: ReportLab's fonts are shared by the process, one document at a time.
    with PRINTING:
        return _build(found, names, language, zone, folder)


def _build(found: MeetingRead, names: dict, language: str, zone: str, folder) -> bytes:
    words = words_for(language, folder)
    styles = styles_for(False, words.script)
    context = Context(rtl=words.rtl, script=words.script, language=language)
    kit = Kit(words, styles, context, found.meeting.starts_at.date())
    meeting = found.meeting
    when = format_datetime(meeting.starts_at, "EEEE d MMMM yyyy, HH:mm",
                           tzinfo=ZoneInfo(zone), locale=words.locale)
    title = words(N_("Our meeting"))
    story = [NextPageTemplate("inner"), kit.text(title, styles.heading),
             kit.labelled(N_("When"), when),
             kit.labelled(N_("How we meet"), words(WAYS.get(meeting.how, "")))]
    if meeting.place:
        story.append(kit.labelled(N_("Where"), meeting.place))
    story.append(kit.labelled(N_("What the meeting is for"), meeting.purpose))
    if found.invited:
        story.append(kit.labelled(N_("Who is invited"), words.and_list(found.invited)))

    def part(heading: str, lines) -> None:
        lines = [line for line in lines if line]
        if lines:
            story.append(kit.text(words(heading), styles.subheading))
            story.extend(kit.family_words(line, styles.item) for line in lines)

    part(N_("What we want to say"), [n.text for n in found.before if n.part == SAY])
    part(N_("What we want to ask"), [n.text for n in found.before if n.part == ASK])
    part(N_("What was decided, and why"), [
        n.text + (" — " + n.why if n.why else "") for n in found.after if n.part != ACTION])
    part(N_("Who will do what, by when"), [
        " — ".join(bit for bit in (n.text, names.get(n.who, ""),
                                   words.date(n.by_when) if n.by_when else "") if bit)
        for n in found.after if n.part == ACTION])
    part(N_("Notes from professionals"), [
        f"{n.author.display_name}: {n.text}" for n in found.professional])
    part(N_("What we said about the notes"), [
        n.text if n.part == MISSED else words(N_("This is right")) for n in found.agreeing])
    target = BytesIO()
    doc = BookTemplate(target, "a4", context, styles, title, words.number, title=title,
                       lang=language, author=title, creator="Family Record Book")
    doc.build(story, canvasmaker=BookCanvas)
    return target.getvalue()
