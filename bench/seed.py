"""Fill a database with N generated family books, fast, for the page and load benchmarks.

    .venv/bin/python bench/seed.py --families 1000 [--database-url URL] [--replace]

Without --database-url the books go to bench/.cache/books-<N>.sqlite3 (git-ignored). On
PostgreSQL, use a database of your own: `createdb -h 127.0.0.1 -U postgres bench_1k`, then
--database-url postgresql://postgres@127.0.0.1:5432/bench_1k.

Each family has a holder (username holder-<n>), two to four more people, sometimes a young person
with an account and a private entry, story sections, 10-40 timeline events, 5-11 services,
check-ins, a plan with 3-6 goals kept as revisions, and grants to 2-8 professionals of a shared
pool, with its hash-chained access log. The professional pro-busy has grants from the first 200
families. Every seeded person signs in with the password bench-password-2026.

The schema comes from the migrations, and foreign keys are checked. Rows are built in Python and
written in big batches: executemany through the columns' bind processors on SQLite, COPY on
PostgreSQL (then the id sequences are moved past the ids given, and VACUUM ANALYZE runs, as
autovacuum would). While loading, the secondary indexes (and PostgreSQL's foreign keys) are
dropped and then made again from the migrations' own definitions, checked identical; see Writer.
Family n is the same book, ids and access-log hashes included, at every size. The seeding rate
goes to bench/results/seed.json.
"""

import argparse
import json
import random
import sys
import time
from datetime import date, datetime, timezone
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from argon2 import PasswordHasher  # noqa: E402
from seed_books import NOON, FamilyMaker, Ids, Professional  # noqa: E402
from seed_words import AGENCIES, FIRST_NAMES, PLACES, SURNAMES  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from portal.db import make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from portal.schema import Base  # noqa: E402

PASSWORD = "bench-password-2026"
BUSY = "pro-busy"
BUSY_FAMILIES = 200
FAMILY_ACCOUNTS_FROM = 1_000_001  # staff take 1 .. families / 2 + 2
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results" / "seed.json"


def default_url(families: int) -> str:
    return f"sqlite:///{CACHE}/books-{families}.sqlite3"


class Writer:
    """Writes batches of rows table by table, parents first, in one transaction per batch.

    For speed, and only while seeding: the secondary indexes (and on PostgreSQL the foreign
    keys) are dropped first and made again at the end from the very definitions the migrations
    left, checked to be the same afterwards, so the schema ends as the migrations made it and
    every foreign key is still checked (on SQLite row by row, on PostgreSQL when the constraint
    is added back, which checks every row). SQLite writes without a journal or fsync and with a
    large page cache; PostgreSQL commits without waiting for the WAL flush. Rows go in as
    tuples through the columns' own bind processors (SQLite) or COPY (PostgreSQL)."""

    def __init__(self, engine):
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.rows = 0
        self.tables_used: set[str] = set()
        self.connection = engine.connect()
        self.raw = self.connection.connection.dbapi_connection
        self._inserts: dict[str, tuple] = {}
        if self.postgres:
            self.connection.exec_driver_sql("SET synchronous_commit = off")
            self.connection.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        else:
            self.connection.exec_driver_sql("PRAGMA journal_mode=OFF")
            self.connection.exec_driver_sql("PRAGMA synchronous=OFF")
            self.connection.exec_driver_sql("PRAGMA cache_size=-1000000")  # about 1 GB
            self.connection.exec_driver_sql("PRAGMA temp_store=MEMORY")
        self.connection.commit()
        self.schema = self._schema()
        self._drop()

    # The indexes and foreign keys the migrations made --------------------------------------

    def _schema(self) -> dict[str, list[tuple[str, str, str]]]:
        """(table, name, definition) of every secondary index, and on PostgreSQL every
        foreign key, as the migrations left them."""
        run = self.connection.exec_driver_sql
        if not self.postgres:
            return {"indexes": sorted(run(
                "SELECT tbl_name, name, sql FROM sqlite_master "
                "WHERE type = 'index' AND sql IS NOT NULL").all()), "foreign_keys": []}
        return {
            "indexes": sorted(run(
                "SELECT tablename, indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = 'public' AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))").all()),
            "foreign_keys": sorted(run(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' "
                "AND connamespace = 'public'::regnamespace").all())}

    def _drop(self) -> None:
        for table, name, _ in self.schema["foreign_keys"]:
            self.connection.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for _, name, _ in self.schema["indexes"]:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
        self.connection.commit()

    def _restore(self) -> None:
        for _, _, definition in self.schema["indexes"]:
            self.connection.exec_driver_sql(definition)
        for table, name, definition in self.schema["foreign_keys"]:
            self.connection.exec_driver_sql(
                f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        self.connection.commit()
        if self._schema() != self.schema:
            raise SystemExit("the indexes or foreign keys made again differ from the migrations'")

    # Rows ----------------------------------------------------------------------------------

    def write(self, batch: dict[str, list[dict]]) -> None:
        for table in Base.metadata.sorted_tables:
            rows = batch.get(table.name)
            if not rows:
                continue
            self.tables_used.add(table.name)
            self.rows += len(rows)
            if self.postgres:
                self._copy(table.name, rows)
            else:
                self._insert(table, rows)
        self.connection.commit()

    def _insert(self, table, rows: list[dict]) -> None:
        columns = list(rows[0])
        key = (table.name, tuple(columns))
        if key not in self._inserts:
            dialect = self.engine.dialect
            processors = [table.c[c].type._cached_bind_processor(dialect) for c in columns]
            sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                   f"VALUES ({', '.join('?' for _ in columns)})")
            self._inserts[key] = (sql, list(enumerate(processors)))
        sql, processors = self._inserts[key]
        converting = [(i, p) for i, p in processors if p is not None]

        def values(row):
            out = [row[c] for c in columns]
            for i, process in converting:
                if out[i] is not None:
                    out[i] = process(out[i])
            return out

        self.raw.cursor().executemany(sql, map(values, rows))

    def _copy(self, name: str, rows: list[dict]) -> None:
        columns = list(rows[0])
        cursor = self.raw.cursor()
        with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_for_copy(row[c]) for c in columns])

    def finish(self) -> None:
        started = time.perf_counter()
        self._restore()
        if self.postgres:
            for name in sorted(self.tables_used):
                self.connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"))
            self.connection.commit()
        else:
            # Back to what the portal expects of the file (it sets WAL on every connection).
            self.connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            self.connection.commit()
        self.connection.close()
        if self.postgres:
            with self.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        self.finish_seconds = round(time.perf_counter() - started, 1)


def _for_copy(value):
    """What the portal's column types would have sent: naive UTC times, JSON as text."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value


def _prepare(url: str, replace: bool):
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if replace:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    engine = make_engine(url)
    if replace and engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(url)
    tables = Base.metadata.tables
    with engine.connect() as connection:
        if connection.scalar(select(func.count()).select_from(tables["families"])):
            raise SystemExit(f"{url} already has families; use --replace to start again.")
    return engine


def _staff(ids: Ids, families: int, password_hash: str, seed: int):
    """Organisations, their professionals (all checked by a portal admin) and pro-busy."""
    rows: dict[str, list[dict]] = {}
    names = [f"{place} {agency}" for agency in AGENCIES for place in PLACES]
    organisations = []
    for k in range(max(20, families // 100)):
        name = names[k % len(names)] + (f" {k // len(names) + 1}" if k >= len(names) else "")
        organisations.append((ids.next("organisations"), name))
        rows.setdefault("organisations", []).append(
            {"id": organisations[-1][0], "name": name, "created_at": NOON})
    admin = ids.next("accounts")
    accounts = rows.setdefault("accounts", [])
    accounts.append(_account(admin, "bench-admin", "Portal Admin", "portal_admin", None, None))
    professionals = []
    for k in range(max(40, families // 2) + 1):
        # Professional k is the same person in the same organisation at every size: their own
        # generator, and an organisation among the first max(20, k // 50), which exist whenever
        # pro-k does (k <= families / 2, so k // 50 <= families / 100).
        own = random.Random(seed * 10_000_019 + 5_000_000 + k)
        org_id, org_name = (organisations[0] if k == 0 else
                            organisations[own.randrange(max(20, k // 50))])
        name = f"{own.choice(FIRST_NAMES)} {own.choice(SURNAMES)}"
        username = BUSY if k == 0 else f"pro-{k}"
        pro = Professional(ids.next("accounts"), name, org_id, org_name)
        professionals.append(pro)
        accounts.append(_account(pro.id, username, name, "professional", org_id, password_hash))
        rows.setdefault("verifications", []).append(
            {"id": ids.next("verifications"), "account_id": pro.id, "verified_by_id": admin,
             "verified_at": NOON})
    return rows, professionals[0], professionals[1:]


def _account(account_id, username, name, kind, organisation_id, password_hash) -> dict:
    return {"id": account_id, "username": username, "display_name": name, "kind": kind,
            "organisation_id": organisation_id, "password_hash": password_hash, "locale": None,
            "email": None, "created_at": NOON}


def seed(url: str, families: int, seed_value: int = 2026, batch_rows: int = 50_000,
         replace: bool = False, quiet: bool = False) -> dict:
    engine = _prepare(url, replace)
    writer = Writer(engine)
    password_hash = PasswordHasher().hash(PASSWORD)
    ids = Ids()
    started = time.perf_counter()
    staff, busy, pool = _staff(ids, families, password_hash, seed_value)
    # The families' own accounts are numbered from a fixed start, past every size's staff, so
    # that family n's ids (and so its access log's hash chain) are the same at every size.
    ids.counters["accounts"] = count(FAMILY_ACCOUNTS_FROM)
    writer.write(staff)
    maker = FamilyMaker(ids, pool, busy if families >= BUSY_FAMILIES else None, password_hash,
                        seed_value)
    batch: dict[str, list[dict]] = {}
    pending = 0
    for n in range(1, families + 1):
        for table, rows in maker.make(n).items():
            batch.setdefault(table, []).extend(rows)
            pending += len(rows)
        if pending >= batch_rows or n == families:
            writer.write(batch)
            batch, pending = {}, 0
            if not quiet:
                rate = writer.rows / (time.perf_counter() - started)
                print(f"\r{n:,} families, {writer.rows:,} rows, {rate:,.0f} rows/s", end="",
                      flush=True)
    writer.finish()
    seconds = time.perf_counter() - started
    engine.dispose()
    if not quiet:
        print()
    return {"database": engine.dialect.name, "families": families, "rows": writer.rows,
            "seconds": round(seconds, 1), "rows_per_s": round(writer.rows / seconds),
            "families_per_s": round(families / seconds, 1),
            "indexes_and_checks_s": writer.finish_seconds, "batch_rows": batch_rows,
            "seed": seed_value,
            "when": date.today().isoformat()}


def record(result: dict) -> None:
    """Keep the latest seeding figure per database and size in bench/results/seed.json."""
    known = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    known[f"{result['database']}/{result['families']}"] = result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(dict(sorted(known.items())), indent=2) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch-rows", type=int, default=50_000)
    parser.add_argument("--replace", action="store_true",
                        help="empty the database (or delete the SQLite file) first")
    args = parser.parse_args()
    url = args.database_url or default_url(args.families)
    result = seed(url, args.families, args.seed, args.batch_rows, args.replace)
    record(result)
    print(f"{result['families']:,} families, {result['rows']:,} rows in {result['seconds']} s "
          f"({result['rows_per_s']:,} rows/s) on {result['database']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
