"""Passkeys (WebAuthn) over the `webauthn` package: the two ceremonies, and the rules around them.

No Flask here. Each challenge is a row (PasskeyChallenge) that is deleted as it is used, so an
answer works once even if the cookie that pointed at it was copied; the portal keeps only the
row's number in the session. Every refusal raises `PasskeyRefused` with a short reason code, and
changes nothing.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.cose import COSEAlgorithmIdentifier
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from record_book import policy
from record_book.accounts.model import Passkey, PasskeyChallenge
from record_book.book.model import Account
from record_book.clock import utcnow

TIMEOUT_MS = 120_000
# How long a person has to answer their phone's passkey prompt: the browser's own time-out, and
# a little more for a slow network.
CHALLENGE_LIFETIME = timedelta(milliseconds=TIMEOUT_MS) + timedelta(seconds=30)
SIGN_IN, REGISTER = "sign_in", "register"
MAX_NAME_LENGTH = 60
ALGORITHMS = [COSEAlgorithmIdentifier.ECDSA_SHA_256, COSEAlgorithmIdentifier.EDDSA,
              COSEAlgorithmIdentifier.RSASSA_PKCS1_v1_5_SHA_256]


# What a malformed or forged answer can make the webauthn package raise.
_BROKEN = (WebAuthnException, ValueError, TypeError, KeyError, AttributeError, IndexError)


class PasskeyRefused(Exception):
    """reason: expired, unknown, counter, invalid, duplicate, last_way_in."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Challenge:
    """What the server asked the authenticator to sign, and when."""

    value: bytes
    issued_at: datetime


def keep_challenge(session: Session, challenge: Challenge, purpose: str,
                   account: Account | None = None) -> int:
    """Store a challenge just issued; gives back its number for the person's session. Stale
    ones (never answered) go at the same time."""
    session.execute(delete(PasskeyChallenge).where(
        PasskeyChallenge.issued_at < challenge.issued_at - CHALLENGE_LIFETIME))
    row = PasskeyChallenge(purpose=purpose, value=challenge.value,
                           account_id=account.id if account else None,
                           issued_at=challenge.issued_at)
    session.add(row)
    session.flush()
    return row.id


def take_challenge(session: Session, challenge_id: object, purpose: str,
                   account: Account | None = None) -> Challenge | None:
    """The challenge, once: it is deleted as it is taken, and only one request can delete it
    (two at the same moment: the second finds nothing). None if it is gone, for another
    ceremony or for another account."""
    if not isinstance(challenge_id, int) or isinstance(challenge_id, bool):
        return None
    row = session.get(PasskeyChallenge, challenge_id)
    if row is None or row.purpose != purpose or \
            row.account_id != (account.id if account else None):
        return None
    challenge = Challenge(row.value, row.issued_at)
    taken = session.execute(delete(PasskeyChallenge).where(PasskeyChallenge.id == row.id))
    session.expunge(row)
    return challenge if taken.rowcount == 1 else None


def drop_challenge(session: Session, challenge_id: object) -> None:
    """A challenge replaced by a newer one in the same session: only the newest counts."""
    if isinstance(challenge_id, int) and not isinstance(challenge_id, bool):
        session.execute(delete(PasskeyChallenge).where(PasskeyChallenge.id == challenge_id))


@dataclass(frozen=True)
class RelyingParty:
    id: str
    name: str
    origin: str


@dataclass(frozen=True)
class NewPasskey:
    credential_id: str
    public_key: bytes
    sign_count: int
    transports: list


def _check_fresh(challenge: Challenge | None, now: datetime) -> Challenge:
    if challenge is None:
        raise PasskeyRefused("expired")
    if not (challenge.issued_at <= now <= challenge.issued_at + CHALLENGE_LIFETIME):
        raise PasskeyRefused("expired")
    return challenge


def user_handle_of(session: Session, account: Account) -> bytes:
    """The account's WebAuthn user handle: random, never its name or number."""
    existing = session.scalar(select(Passkey.user_handle).where(Passkey.account_id == account.id)
                              .limit(1))
    return existing or secrets.token_bytes(32)


def registration_options(rp: RelyingParty, username: str, display_name: str,
                         user_handle: bytes, existing: list[Passkey] = (),
                         now: datetime | None = None) -> tuple[str, Challenge]:
    """Options for navigator.credentials.create(), as JSON, and the challenge to keep."""
    options = generate_registration_options(
        rp_id=rp.id, rp_name=rp.name, user_name=username, user_id=user_handle,
        user_display_name=display_name, timeout=TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, require_resident_key=True,
            user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=_b64decode(p.credential_id))
                             for p in existing],
        supported_pub_key_algs=ALGORITHMS,
    )
    return options_to_json(options), Challenge(options.challenge, now or utcnow())


def verify_registration(rp: RelyingParty, credential: str | dict,
                        challenge: Challenge | None, now: datetime | None = None) -> NewPasskey:
    challenge = _check_fresh(challenge, now or utcnow())
    if not isinstance(credential, (str, dict)):
        raise PasskeyRefused("invalid")
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge.value, expected_rp_id=rp.id,
            expected_origin=rp.origin, require_user_presence=True,
            supported_pub_key_algs=ALGORITHMS)
    except _BROKEN as problem:
        raise PasskeyRefused("invalid") from problem
    data = credential if isinstance(credential, dict) else json.loads(credential)
    transports = [t for t in (data.get("response") or {}).get("transports") or []
                  if isinstance(t, str)][:6]
    return NewPasskey(bytes_to_base64url(verified.credential_id),
                      verified.credential_public_key, verified.sign_count, transports)


def add_passkey(session: Session, account: Account, new: NewPasskey, name: str,
                user_handle: bytes, now: datetime | None = None) -> Passkey:
    if not user_handle:
        raise PasskeyRefused("expired")
    if session.scalar(select(Passkey.id).where(Passkey.credential_id == new.credential_id)):
        raise PasskeyRefused("duplicate")
    passkey = Passkey(account_id=account.id, credential_id=new.credential_id,
                      public_key=new.public_key, sign_count=new.sign_count,
                      user_handle=user_handle, name=clean_name(name) or "Passkey",
                      transports=new.transports, created_at=now or utcnow())
    session.add(passkey)
    session.flush()
    return passkey


def authentication_options(rp: RelyingParty, now: datetime | None = None
                           ) -> tuple[str, Challenge]:
    """Options for navigator.credentials.get() with no list of credentials: the phone offers
    the passkeys it holds for this site, so nobody types a username."""
    options = generate_authentication_options(
        rp_id=rp.id, timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.PREFERRED)
    return options_to_json(options), Challenge(options.challenge, now or utcnow())


def verify_authentication(session: Session, rp: RelyingParty, credential: str | dict,
                          challenge: Challenge | None, now: datetime | None = None) -> Passkey:
    """The passkey that signed in. Refuses a stale, foreign, replayed or tampered answer, and a
    signature counter that did not go up (a sign that the passkey was copied)."""
    now = now or utcnow()
    challenge = _check_fresh(challenge, now)
    if not isinstance(credential, (str, dict)):
        raise PasskeyRefused("invalid")
    try:
        parsed = parse_authentication_credential_json(credential)
    except _BROKEN as problem:
        raise PasskeyRefused("invalid") from problem
    passkey = session.scalar(select(Passkey).where(Passkey.credential_id == parsed.id))
    if passkey is None:
        raise PasskeyRefused("unknown")
    if parsed.response.user_handle is not None and parsed.response.user_handle != passkey.user_handle:
        raise PasskeyRefused("invalid")
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=challenge.value, expected_rp_id=rp.id,
            expected_origin=rp.origin, credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count)
    except _BROKEN as problem:
        if "sign count" in str(problem):
            raise PasskeyRefused("counter") from problem
        raise PasskeyRefused("invalid") from problem
    if (verified.new_sign_count or passkey.sign_count) and \
            verified.new_sign_count <= passkey.sign_count:
        raise PasskeyRefused("counter")
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = now
    session.flush()
    return passkey


def passkeys_of(session: Session, account: Account) -> list[Passkey]:
    return list(session.scalars(select(Passkey).where(Passkey.account_id == account.id)
                                .order_by(Passkey.created_at, Passkey.id)))


def count_passkeys(session: Session, account: Account) -> int:
    return session.scalar(select(func.count()).select_from(Passkey)
                          .where(Passkey.account_id == account.id))


def ways_in(session: Session, account: Account) -> int:
    """Passkeys, plus a password where this kind of account may use one."""
    password = 1 if account.password_hash and policy.is_family_account(account) else 0
    return count_passkeys(session, account) + password


def clean_name(name: str) -> str:
    return " ".join((name or "").split())[:MAX_NAME_LENGTH]


def rename_passkey(session: Session, account: Account, passkey_id: int, name: str) -> Passkey:
    passkey = own_passkey(session, account, passkey_id)
    name = clean_name(name)
    if not name:
        raise PasskeyRefused("no_name")
    passkey.name = name
    session.flush()
    return passkey


def remove_passkey(session: Session, account: Account, passkey_id: int) -> None:
    passkey = own_passkey(session, account, passkey_id)
    if ways_in(session, account) <= 1:
        raise PasskeyRefused("last_way_in")
    session.delete(passkey)
    session.flush()


def own_passkey(session: Session, account: Account, passkey_id: int) -> Passkey:
    passkey = session.get(Passkey, passkey_id)
    if passkey is None or passkey.account_id != account.id:
        raise PasskeyRefused("unknown")
    return passkey


def remove_all(session: Session, account: Account) -> None:
    for passkey in passkeys_of(session, account):
        session.delete(passkey)
    session.flush()


def _b64decode(value: str) -> bytes:
    from webauthn.helpers import base64url_to_bytes

    return base64url_to_bytes(value)
