"""Local help we kept: the directory listings the family chose, with contacts in large type.

Only the family's own booklet has this part: which services a family is looking at is the
family's business, even though the listings themselves are public.
"""

from reportlab.platypus import Flowable, KeepTogether

from print_templates.content import BookContent
from print_templates.i18n import N_
from print_templates.kit import Kit
from print_templates.layout import Rule
from record_book.directory.listings import CONTACTS, LISTING, out_of_date_from

LABELS = {field.name: field.label for field in LISTING.fields}


def listings_section(content: BookContent, kit: Kit) -> list[Flowable]:
    if not content.listings:
        if not content.for_family:
            return kit.nothing(content)
        return [kit.text(kit.words(N_("Nothing kept yet. Open a service in the directory and "
                                      "choose “Keep this for our booklet”.")), kit.styles.small)]
    words, styles = kit.words, kit.styles
    out: list[Flowable] = []
    for listing in content.listings:
        fields = listing.fields
        head: list[Flowable] = [
            kit.family_words(listing.name, styles.large_strong),
            kit.family_words(listing.organisation.name, styles.body)]
        for name in CONTACTS:
            if fields.get(name):
                head.append(kit.labelled(LABELS[name], fields[name], styles.large))
        out.append(KeepTogether(head))
        if fields.get("opening_times"):
            out.append(kit.text(words(LABELS["opening_times"]), styles.strong))
            out.extend(kit.rich(fields["opening_times"]))
        out.extend(kit.rich(fields.get("does")))
        referral = (N_("You can contact them yourself.") if fields.get("self_referral") == "yes"
                    else N_("Someone needs to refer you to them."))
        out.append(kit.text(words(referral), styles.body))
        checked = words(N_("Last checked by the service on %(date)s."),
                        date=words.date(listing.reviewed_on))
        if kit.today >= out_of_date_from(listing):
            checked += " " + words(N_("This may be out of date: phone first."))
        out.append(kit.text(checked, styles.small))
        out.append(Rule())
    return out
