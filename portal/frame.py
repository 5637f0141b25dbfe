"""The page's frame (skip link, language bar, header and menu, "Exit this page") rendered once
for each set of things it depends on, and the same HTML given to every page that asks again.

GOV.UK Frontend's macros and the menu's links were about half of a page's time, though they
depend only on the language, the reader's kind and a few flags. `{% kept a, b %}…{% endkept %}`
renders its body the first time a key (a, b) is seen and gives the kept HTML after that. The
page's language and the site's prefix (a proxy may mount the portal under a path) are always
part of the key; what the body shows must depend on nothing else outside it.
"""

from flask import Flask, has_request_context, request, url_for
from flask_login import current_user
from jinja2 import nodes, pass_context
from jinja2.ext import Extension
from markupsafe import Markup, escape

from portal.first_pages import first_pages
from portal.language import page_words
from record_book import policy

# Every language × kind of page × book being read on one server at once; when full it starts
# again (a frame is quick to make once, and the books being read come straight back).
KEPT_AT_MOST = 4096

# The language bar links every language to "this page again"; the page is put in afterwards,
# so one kept bar serves every page.
THIS_PAGE = "__this_page__"
THIS_PATH = "__this_path__"


class KeptFrame(Extension):
    tags = {"kept"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(kept_frames={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endkept",), drop_needle=True)
        call = self.call_method("_kept", [nodes.ContextReference(), nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _kept(self, context, key: tuple, caller) -> Markup:
        prefix = request.script_root if has_request_context() else None
        return kept(self.environment, (str(page_words(context).locale), prefix, *key), caller)


def kept(environment, key: tuple, make) -> Markup:
    """The HTML kept for this key, made (`make()`) the first time the key is seen."""
    frames = environment.kept_frames
    found = frames.get(key)
    if found is None:
        if len(frames) >= KEPT_AT_MOST:
            frames.clear()
        found = frames[key] = Markup(make())
    return found


def _as_query_value(address: str) -> str:
    """An address quoted as a link's query value, exactly as `url_for` quotes one."""
    return url_for("language.choose", code="en", next=address).partition("next=")[2]


def this_page(bar: Markup) -> Markup:
    """A kept language bar with this page's own address in its links."""
    page = request.full_path if request.query_string else request.path
    return Markup(bar.replace(THIS_PAGE, escape(_as_query_value(page)))
                  .replace(THIS_PATH, escape(_as_query_value(request.path))))


@pass_context
def menu_key(context) -> tuple:
    """Everything the header's menu (_navigation.html) depends on besides the language."""
    account = current_user.account if current_user.is_authenticated else None
    family, reader = context.get("family"), context.get("reader")
    if family is not None and reader is not None:
        return ("book", request.endpoint, family.id, reader.in_family, reader.is_holder,
                account is not None and policy.is_professional(account))
    if account is not None:
        return ("pages", request.endpoint, *(endpoint for endpoint, _ in first_pages(account)))
    return ("signed out", request.endpoint)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension(KeptFrame)
    app.jinja_env.filters["this_page"] = this_page
    app.jinja_env.globals.update(THIS_PAGE=THIS_PAGE, THIS_PATH=THIS_PATH,
                                 menu_key=menu_key)
