"""The book's own words (holder, plan, step, share, …), explained at the back of every booklet.

Most of them are ordinary English words: "plan", "step", "review" and "share" turn up in almost
anything a family writes, so they are never looked for in text. A page that explained "plan" under
every sentence would bury the jargon the glossary is there for. The booklet prints them all, under
"Words this book uses", because the booklet itself uses every one. Advocate and family hub are
jargon as well, found in text like any term, so they are the glossary's own entries, not copies.

The words are the term base's (translations/terms/en.toml), in the order a family meets them:
the people, the book, the plan. The booklet heads each with the family's language's word for it.
"""

from record_book.glossary.terms import TERMS, Term
from record_book.i18n import N_

_JARGON = {term.term: term for term in TERMS}

BOOK_WORDS: tuple[Term, ...] = (
    Term(
        "holder",
        N_("An adult in the family who keeps this book and can change anything in it."),
        example=N_("Mum is the holder, so she chose who could read our book."),
    ),
    Term(
        "young person",
        N_("A child aged 12 or older with their own way in to the book and their own private "
           "space in it."),
        example=N_("As a young person, Zosia keeps her own notes private until she wants to "
                   "share them."),
    ),
    _JARGON["advocate"],
    Term(
        "connection",
        N_("A worker joined to your book with a code you gave them; being joined does not let "
           "them read anything."),
        example=N_("The social worker asked for a connection, so we gave her the code from our "
                   "book."),
    ),
    Term(
        "entry",
        N_("One piece of your book, such as a part of your story, an event or a service, that "
           "you can share on its own."),
        example=N_("I wrote an entry about our move, then shared it with the health visitor."),
    ),
    Term(
        "share",
        N_("To let one person or service you choose read a part of your book; nothing is shared "
           "until you say so."),
        example=N_("We chose to share our timeline with the school nurse but nothing else."),
    ),
    Term(
        "stop sharing",
        N_("To take back what you shared, so the other person cannot see it from the next page "
           "they open."),
        example=N_("When the worker moved jobs, we stopped sharing our story with her."),
    ),
    Term(
        "plan",
        N_("Your family's list of what you want to change, in your own words, and the steps to "
           "get there."),
        example=N_("Our plan says Dad will phone the housing office by Friday."),
    ),
    Term(
        "goal",
        N_("One thing your family wants to change, written in your own words."),
        example=N_("Our first goal is that the children get to school on time every day."),
    ),
    Term(
        "step",
        N_("One thing someone will do, by a set date, to get closer to a goal."),
        example=N_("The next step is for me to fill in the school meals form by Monday."),
    ),
    Term(
        "review",
        N_("A meeting where you and your advocate look at how far each goal has come."),
        example=N_("At the review, we said our mornings are calmer than they were in March."),
    ),
    _JARGON["family hub"],
)
