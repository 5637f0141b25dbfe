"""Commands for running the portal: `flask --app wsgi <command>`."""

import click
from flask import Flask, current_app
from sqlalchemy import select

from record_book.accounts import create_account, create_organisation
from record_book.model import Account, Organisation

from . import demo, migrate
from .db import db


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
        demo.load(session)
        session.commit()
        click.echo("Loaded the demo family. The README lists the demo sign-ins.")

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
            account = create_account(session, username, display_name, "portal_admin")
        except ValueError as problem:
            raise click.ClickException(str(problem)) from problem
        session.commit()
        click.echo(f"Created portal admin {account.username}. "
                   "They sign in with a passkey, which they add when they first sign in.")


