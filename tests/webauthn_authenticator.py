"""A software passkey authenticator for tests: real ES256 keys (cryptography), real CBOR, real
signatures. What it produces is what a phone produces, so the server verifies it with the
`webauthn` package exactly as it would a phone's answer.

It can also misbehave on purpose: answer for another site, sign with a counter that went
backwards, or say the user was not there.
"""

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, AT = 0x01, 0x04, 0x40


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class StoredCredential:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    origin: str
    aaguid: bytes = b"\x00" * 16
    user_verified: bool = True
    credentials: dict = field(default_factory=dict)
    # How much the counter goes up with each signature (0: a counter-less authenticator).
    counter_step: int = 1

    def _client_data(self, kind: str, challenge: str, origin: str | None = None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge,
                           "origin": origin or self.origin, "crossOrigin": False},
                          separators=(",", ":")).encode()

    def _flags(self, extra: int = 0) -> int:
        return UP | (UV if self.user_verified else 0) | extra

    def create(self, options: dict | str, origin: str | None = None,
               rp_id: str | None = None) -> dict:
        """Answer navigator.credentials.create() with a "none" attestation."""
        options = json.loads(options) if isinstance(options, str) else options
        rp_id = rp_id or options["rp"]["id"]
        key = ec.generate_private_key(ec.SECP256R1())
        credential_id = os.urandom(32)
        numbers = key.public_key().public_numbers()
        cose_key = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                    -3: numbers.y.to_bytes(32, "big")}
        stored = StoredCredential(credential_id, key, rp_id, unb64(options["user"]["id"]))
        auth_data = (hashlib.sha256(rp_id.encode()).digest()
                     + bytes([self._flags(AT)]) + struct.pack(">I", stored.sign_count)
                     + self.aaguid + struct.pack(">H", len(credential_id)) + credential_id
                     + cbor2.dumps(cose_key))
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        self.credentials[credential_id] = stored
        return {
            "id": b64(credential_id), "rawId": b64(credential_id), "type": "public-key",
            "authenticatorAttachment": "platform", "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64(self._client_data("webauthn.create", options["challenge"],
                                                        origin)),
                "attestationObject": b64(attestation),
                "transports": ["internal"],
            },
        }

    def get(self, options: dict | str, credential_id: bytes | None = None,
            origin: str | None = None, rp_id: str | None = None,
            sign_count: int | None = None) -> dict:
        """Answer navigator.credentials.get(), as a discoverable credential (user handle set)."""
        options = json.loads(options) if isinstance(options, str) else options
        stored = (self.credentials[credential_id] if credential_id
                  else next(iter(self.credentials.values())))
        if sign_count is None:
            stored.sign_count += self.counter_step
            sign_count = stored.sign_count
        rp_id = rp_id or options.get("rpId") or stored.rp_id
        auth_data = (hashlib.sha256(rp_id.encode()).digest() + bytes([self._flags()])
                     + struct.pack(">I", sign_count))
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = stored.private_key.sign(auth_data + hashlib.sha256(client_data).digest(),
                                            ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64(stored.credential_id), "rawId": b64(stored.credential_id),
            "type": "public-key", "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(signature),
                "userHandle": b64(stored.user_handle),
            },
        }


def tamper(answer: dict, part: str) -> dict:
    """A copy of an answer with one byte of one part flipped."""
    changed = json.loads(json.dumps(answer))
    raw = bytearray(unb64(changed["response"][part]))
    raw[len(raw) // 2] ^= 0x01
    changed["response"][part] = b64(bytes(raw))
    return changed
