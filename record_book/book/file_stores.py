"""Where the bytes of letters and photos are kept: in the database (the default) or in an
S3-compatible object store, chosen by one setting (ATTACHMENT_STORE).

In the database, every app server sees the same files and the backups already cover them. An
object store suits a large portal. Each kept file has a key that says which store holds it
("db:12", "s3:families/3/…"), so files kept before a change of setting are still found.
Every object of a book is under "families/<id>/", so erasing the book erases them all at once.
"""

import uuid
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from record_book.book.model import StoredFile

SESSION_KEY = "file_store"


class FileStore(Protocol):
    prefix: str

    def put(self, session: Session, family_id: int, content: bytes) -> str: ...

    def get(self, session: Session, key: str) -> bytes | None: ...

    def erase_family(self, session: Session, family_id: int) -> None: ...

    def discard(self, session: Session, key: str) -> None: ...


class DatabaseStore:
    prefix = "db:"

    def put(self, session: Session, family_id: int, content: bytes) -> str:
        kept = StoredFile(family_id=family_id, content=content)
        session.add(kept)
        session.flush()
        return f"{self.prefix}{kept.id}"

    def get(self, session: Session, key: str) -> bytes | None:
        return session.scalar(select(StoredFile.content).where(
            StoredFile.id == int(key.removeprefix(self.prefix))))

    def erase_family(self, session: Session, family_id: int) -> None:
        session.execute(delete(StoredFile).where(StoredFile.family_id == family_id))

    def discard(self, session: Session, key: str) -> None:
        session.execute(delete(StoredFile).where(
            StoredFile.id == int(key.removeprefix(self.prefix))))


class ObjectStore:
    """An S3 bucket (AWS, or any S3-compatible store: MinIO, Ceph, a cloud's own)."""

    prefix = "s3:"

    def __init__(self, bucket: str, client):
        self.bucket = bucket
        self.client = client

    @classmethod
    def from_setting(cls, bucket: str, endpoint_url: str | None = None):
        import boto3

        # Credentials and region come the usual boto3 way (environment, instance role).
        return cls(bucket, boto3.client("s3", endpoint_url=endpoint_url or None))

    def put(self, session: Session, family_id: int, content: bytes) -> str:
        name = f"families/{family_id}/{uuid.uuid4().hex}"
        self.client.put_object(Bucket=self.bucket, Key=name, Body=content,
                               ContentType="application/octet-stream")
        return f"{self.prefix}{name}"

    def get(self, session: Session, key: str) -> bytes | None:
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=key.removeprefix(self.prefix))
        except self.client.exceptions.NoSuchKey:
            return None
        return found["Body"].read()

    def discard(self, session: Session, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key.removeprefix(self.prefix))

    def erase_family(self, session: Session, family_id: int) -> None:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"families/{family_id}/")
        for page in pages:
            names = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if names:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": names})


DATABASE = DatabaseStore()


def store_for(session: Session) -> FileStore:
    """The store new files go to: the one the portal set on its sessions, or the database."""
    return session.info.get(SESSION_KEY) or DATABASE


def _holding(session: Session, key: str) -> FileStore:
    chosen = store_for(session)
    if key.startswith(chosen.prefix):
        return chosen
    if key.startswith(DATABASE.prefix):
        return DATABASE
    raise LookupError(f"no store set up for {key.split(':')[0]} files")


def put(session: Session, family_id: int, content: bytes) -> str:
    return store_for(session).put(session, family_id, content)


def get(session: Session, key: str) -> bytes | None:
    return _holding(session, key).get(session, key)


def discard(session: Session, key: str) -> None:
    """One file no longer wanted (a booklet past its day)."""
    _holding(session, key).discard(session, key)


def erase_family(session: Session, family_id: int) -> None:
    """Every file of the book, in the database and in the object store."""
    DATABASE.erase_family(session, family_id)
    chosen = store_for(session)
    if chosen is not DATABASE:
        chosen.erase_family(session, family_id)
