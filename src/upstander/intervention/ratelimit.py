"""Rate limiting of the public forms in Django's cache, keyed by a salted hash of the client
address that lives only in the cache and expires with the window; never in the database."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from upstander.intervention.conf import rate_limit

__all__ = ["rate_limited"]


def _client_key(request: HttpRequest, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    salt = f"upstander.intervention.ratelimit:{settings.SECRET_KEY}".encode()
    digest = hmac.new(salt, f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"intervention-rl:{digest}"


def rate_limited(request: HttpRequest, scope: str) -> bool:
    """Count one attempt for this client; True when it is over the limit for the window."""
    limit, window = rate_limit()
    key = _client_key(request, scope)
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False
    return count > limit
