"""Encrypting a confidential reporter's identity at rest, and hashing receipt codes."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.views.decorators.debug import sensitive_variables

from upstander.intervention.conf import confidential_keys

__all__ = [
    "identity_decrypt",
    "identity_encrypt",
    "identity_rotate",
    "receipt_code_hash",
    "receipt_code_new",
]

_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _cipher() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in confidential_keys()])


@sensitive_variables()
def identity_encrypt(identity: dict[str, Any]) -> bytes:
    """Encrypt a reporter's identity (a small dict) with the current key."""
    plain = json.dumps(identity, sort_keys=True).encode()
    return _cipher().encrypt(plain)


@sensitive_variables()
def identity_decrypt(token: bytes) -> dict[str, Any]:
    """Decrypt an identity encrypted with any configured key."""
    plain = _cipher().decrypt(bytes(token))
    result: dict[str, Any] = json.loads(plain)
    return result


def identity_rotate(token: bytes) -> bytes:
    """Re-encrypt a token with the current (first) key."""
    return _cipher().rotate(bytes(token))


def receipt_code_new() -> str:
    """A new receipt code, 20 characters (about 100 bits) in groups of four."""
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def receipt_code_hash(code: str) -> str:
    """The stored form of a receipt code: SHA-256 of its normalised text."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()
