"""Every table of the portal, so that migrations, tests and the data-rights code see the whole
schema: the record book's and the plans' (which `record_book` itself does not import)."""

from plans import model as _plans  # noqa: F401
from plans.meetings import model as _meetings  # noqa: F401
from plans.reminders import model as _reminders  # noqa: F401
from portal import once as _form_tokens  # noqa: F401
from record_book.accounts import drafts as _drafts  # noqa: F401
from record_book.accounts import model as _credentials  # noqa: F401
from record_book.accounts import sign_ins as _sign_ins  # noqa: F401
from record_book.book import booklet_jobs as _booklets  # noqa: F401
from record_book.book import model as _book  # noqa: F401
from record_book.book.model import Base  # noqa: F401
from record_book.directory import model as _directory  # noqa: F401
from record_book.languages import model as _language_reviews  # noqa: F401
from record_book.sharing import model as _sharing  # noqa: F401
