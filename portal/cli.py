"""Commands for running the portal: `flask --app wsgi <command>`."""

from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import select

from portal import migrate
from portal.booklet_worker import register_command as register_booklet_worker
from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book import stored_text
from record_book.book.model import Account, Organisation
from record_book.languages import catalogs, reviews
from record_book.policy import PORTAL_ADMIN
from record_book.sharing import access_log


def register_commands(app: Flask) -> None:
    @app.cli.group("db")
    def database():
        """Create or update the database tables."""

    @database.command("upgrade")
    def upgrade():
        """Bring the database up to the latest schema."""
        migrate.upgrade(current_app.config["DATABASE_URL"])
        click.echo("The database is up to date.")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only load the demo if there are no accounts.")
    def seed_demo(if_empty: bool):
        """Load the invented demo family and its professionals."""
        session = db()
        if if_empty and session.scalar(select(Account.id).limit(1)) is not None:
            click.echo("The database already has accounts; the demo was not loaded.")
            return
        from demo import family as demo

        demo.load(session)
        session.commit()
        click.echo("Loaded the demo family. The README lists the demo sign-ins.")

    @app.cli.command("clean-stored-text")
    def clean_stored_text():
        """Clean every stored rich field again, as it would be cleaned if it were saved now
        (pages show stored rich text as it is). Safe to run again: clean rows are left alone."""
        session = db()
        changed = stored_text.clean_stored_text(session)
        session.commit()
        click.echo(f"Cleaned {changed} stored rows; the rest were clean already.")

    @app.cli.command("verify-access-log")
    @click.option("--family", "family_id", type=int, help="Check one family's log only.")
    @click.option("--against", "paper", metavar="VALUE",
                  help="A chain value kept on paper (the booklet's last page, a downloaded "
                       "copy): check the log still holds it. 16 or more of its characters.")
    def verify_access_log(family_id: int | None, paper: str | None):
        """Check every family's access log chain against its head and report the first broken
        link; with --against, check a chain value the family keeps on paper."""
        session = db()
        if paper is None:
            breaks, held = access_log.verify(session, family_id), True
        else:
            try:
                found = access_log.verify_against(session, paper, family_id)
            except ValueError as problem:
                raise click.BadParameter(str(problem), param_hint="--against") from problem
            breaks, held = found.breaks, found.seq is not None
            if held:
                click.echo(f"The value from paper is row {found.seq} of family "
                           f"{found.family_id}'s log; compare that with the row count on "
                           "the paper.")
            else:
                where = f"family {family_id}'s log" if family_id else "any family's log"
                click.echo(f"The value from paper is not in {where}: the rows up to it were "
                           "removed or rewritten after it was printed.")
        for found_break in breaks:
            click.echo(f"Family {found_break.family_id}: row {found_break.seq} "
                       f"{found_break.reason}.")
        if breaks or not held:
            raise SystemExit(1)
        click.echo("The access log is intact.")

    @app.cli.command("write-proxy-pages")
    def write_proxy_pages():
        """Write the pages nginx serves itself (502, 504, 414) from the catalogs (commit them)."""
        from portal import proxy_pages

        for path in proxy_pages.write(current_app):
            click.echo(f"Wrote {path}")

    @app.cli.command("create-organisation")
    @click.argument("name")
    def new_organisation(name: str):
        """Add an organisation (an agency whose professionals use the portal)."""
        session = db()
        if session.scalar(select(Organisation).where(Organisation.name == name)):
            raise click.ClickException(f"An organisation called {name!r} already exists.")
        organisation = create_organisation(session, name)
        session.commit()
        click.echo(f"Created organisation {organisation.id}: {organisation.name}")

    @app.cli.command("create-admin")
    @click.argument("username")
    @click.option("--name", "display_name", required=True, help="The admin's full name.")
    def new_admin(username: str, display_name: str):
        """Add a portal admin. They run the portal and cannot read any family's book."""
        session = db()
        try:
            account = create_account(session, username, display_name, PORTAL_ADMIN)
        except ValueError as problem:
            raise click.ClickException(str(problem)) from problem
        session.commit()
        click.echo(f"Created portal admin {account.username}. "
                   "Give them a set-up code to add their first passkey: "
                   f"flask --app wsgi set-up-code {account.username}")

    @app.cli.command("print-booklet")
    @click.option("--family", "family_id", type=int, required=True, help="The family's number.")
    @click.option("--lang", "language", default="en", show_default=True,
                  help="The booklet's language (en, cy, pl, ro, pt, so, ur, ar, pa, bn, gu).")
    @click.option("--large-print", is_flag=True, help="Body text 16 pt instead of 12 pt.")
    @click.option("--size", type=click.Choice(["a4", "a5"]), default="a4", show_default=True)
    @click.option("--folded", is_flag=True,
                  help="A5 pages two to each A4 sheet, in order for folding and stapling.")
    @click.option("--section", "sections", multiple=True,
                  help="Print only this part (repeat for more); all parts if not given.")
    @click.option("--url", "base_url", default="http://127.0.0.1:5000", show_default=True,
                  help="The portal's address, for the QR code on the back.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  required=True, help="Where to write the PDF.")
    def print_booklet(family_id, language, large_print, size, folded, sections, base_url,
                      output):
        """Print a family's booklet to a PDF, as the family's first holder sees the book."""
        from pathlib import Path

        from print_templates.booklet import (
            DEFAULT_SECTIONS,
            BookletOptionError,
            Options,
            build_booklet,
        )
        from record_book.book.model import Family, Membership
        from record_book.policy import holders_of, reader_for

        session = db()
        if session.get(Family, family_id) is None:
            raise click.ClickException(f"There is no family {family_id}.")
        holder = session.scalar(select(Membership).where(
            Membership.family_id == family_id,
            Membership.account_id.in_(holders_of(family_id))).order_by(Membership.id).limit(1))
        if holder is None:
            raise click.ClickException(f"Family {family_id} has no holder to print as.")
        options = Options(
            language=language, large_print=large_print, size=size, folded=folded,
            sections=frozenset(sections) if sections else DEFAULT_SECTIONS,
            online_url=f"{base_url.rstrip('/')}/families/{family_id}/",
            translations_dir=Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]))
        try:
            booklet = build_booklet(session, reader_for(session, holder.account, family_id),
                                    options)
        except BookletOptionError as problem:
            raise click.ClickException(str(problem)) from problem
        Path(output).write_bytes(booklet.pdf)
        click.echo(f"Wrote {output}: {booklet.pages} pages"
                   + (f" on {booklet.sheet_sides} sheet sides" if folded else "") + ".")
        if booklet.missing:
            click.echo("These characters have no font and were printed as [?]: "
                       + " ".join(sorted(booklet.missing)))

    register_booklet_worker(app)

    @app.cli.command("export-family")
    @click.option("--family", "family_id", type=int, required=True, help="The family's number.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  required=True, help="Where to write the JSON file.")
    def export_family_command(family_id: int, output: str):
        """Write a family's whole book to a JSON file (the format: docs/export-format.md)."""
        import json
        import os
        from pathlib import Path

        from record_book.book.model import Family
        from record_book.data_rights.export import export_family

        session = db()
        if session.get(Family, family_id) is None:
            raise click.ClickException(f"There is no family {family_id}.")
        document = export_family(session, family_id)
        text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        # A whole family's book: readable by its owner only, from the moment it exists.
        target = Path(output)
        target.unlink(missing_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        rows = sum(len(rows) for rows in document["tables"].values())
        click.echo(f"Wrote {output}: family {family_id}, {rows} rows.")

    @app.cli.command("import-family")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    def import_family_command(path: str):
        """Load a book written by export-family into this database (its ids must be free)."""
        import json
        from pathlib import Path

        from record_book.data_rights.export import ImportRefused, import_family

        session = db()
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
            family_id = import_family(session, document)
        except (ImportRefused, ValueError) as problem:
            session.rollback()
            raise click.ClickException(str(problem)) from problem
        breaks = access_log.verify(session, family_id)
        if breaks:
            session.rollback()
            raise click.ClickException(f"The imported access log does not hold together at row "
                                       f"{breaks[0].seq}: {breaks[0].reason}. Nothing was saved.")
        session.commit()
        click.echo(f"Imported family {family_id}. Nobody's way of signing in is in an export: "
                   "give each person a new way in.")

    @app.cli.command("erase-due-books")
    def erase_due_books_command():
        """Erase the books whose families asked to delete them 14 or more days ago, and drafts
        older than 30 days (daily cron)."""
        from record_book.accounts.drafts import remove_expired
        from record_book.data_rights.erasure import erase_due_books

        session = db()
        erased = erase_due_books(session)
        drafts = remove_expired(session)
        session.commit()
        click.echo(f"Erased {len(erased)} book(s)"
                   + (f": {', '.join(map(str, erased))}." if erased else ".")
                   + f" Removed {drafts} expired draft(s).")

    @app.cli.command("write-language-reviews")
    @click.option("--language", help="One language's code (ur, pl, …); every language if left out.")
    def write_language_reviews_command(language: str | None):
        """Write speakers' reviews from the portal into the catalogs (messages.po), ready to be
        read and committed: a better text replaces the draft, and each reviewed message is
        flagged `reviewed`, with who checked it and when."""
        folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
        codes = [language] if language else [figures.language
                                             for figures in reviews.report(folder)]
        for code in codes:
            if not catalogs.po_path(folder, code).exists():
                raise click.BadParameter(f"There is no catalog for {code!r}.",
                                         param_hint="--language")
            marked = reviews.write_language_reviews(db(), folder, code)
            click.echo(f"{code}: {marked} reviewed messages written into "
                       f"{catalogs.po_path(folder, code)}")
        click.echo("Run `pybabel compile --use-fuzzy -d translations` (or `make catalogs`), "
                   "check the diff, and commit.")

    @app.cli.command("language-report")
    def language_report_command():
        """Per language, from the committed catalogs: messages, the share a speaker has
        checked, and the share using the term base's words."""
        folder = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
        click.echo(f"{'language':<10}{'messages':>10}{'reviewed':>10}{'term base':>11}")
        for figures in reviews.report(folder):
            click.echo(f"{figures.language:<10}{figures.messages:>10}"
                       f"{figures.reviewed:>10.1%}{figures.term_coverage:>11.1%}")
