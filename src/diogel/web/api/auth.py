"""Who is calling the API, and how often they may.

Three kinds of caller: a partner system with a bearer token (acting as the
person the token belongs to), a signed-in person's browser session (the
dashboards), and anyone else (open data only). A presented token that is
unknown, expired or revoked is refused outright rather than treated as
anonymous, so a client never silently gets less than it asked for.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from diogel.web.api.models import ApiToken

#: The fixed window the rate limits count over, in seconds ("per minute").
RATE_WINDOW = 60


@dataclass(frozen=True)
class Caller:
    """The person behind a request (None when anonymous) and the token used, if any."""

    user: Any
    token: ApiToken | None
    address: str

    @property
    def anonymous(self) -> bool:
        return self.user is None

    @property
    def via(self) -> str:
        if self.token is not None:
            return f"token {self.token.prefix}… ({self.token.name})"
        return "session" if self.user is not None else "anonymous"

    @property
    def rate_key(self) -> str:
        """What the rate limit counts by: the token, the person, or the address."""
        if self.token is not None:
            return f"token:{self.token.pk}"
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"address:{self.address}"


class RateLimitedError(HttpError):
    """Too many requests in the current window; ``retry_after`` seconds until the next."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(429, f"rate limit exceeded: try again in {retry_after} s")
        self.retry_after = retry_after


def rate_limit_for(caller: Caller) -> int:
    """Requests allowed per window for this caller (0: unlimited)."""
    if caller.anonymous:
        return int(settings.DIOGEL.api_anonymous_rate_limit)
    return int(settings.DIOGEL.api_rate_limit)


def check_rate(caller: Caller, now: float | None = None) -> None:
    """Count the request in its fixed window; raise :class:`RateLimitedError` past the limit.

    A fixed window is one cache counter per caller per minute: cheap, and the
    burst it allows at a window edge (at most twice the limit) is harmless here.
    Counts live in Django's cache, so several server processes share a limit only
    when they share a cache (the default is per process).
    """
    limit = rate_limit_for(caller)
    if limit <= 0:
        return
    now = time.time() if now is None else now
    window = int(now // RATE_WINDOW)
    key = f"diogel-api-rate:{caller.rate_key}:{window}"
    cache.add(key, 0, timeout=RATE_WINDOW + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW + 5)
        count = 1
    if count > limit:
        raise RateLimitedError(max(1, math.ceil((window + 1) * RATE_WINDOW - now)))


class TokenOrSession(HttpBearer):
    """Bearer token, else the session, else anonymous; then the rate limit.

    Never returns None: anonymous callers are let through (to open data), so
    ninja's "no authentication matched" 401 only follows a bad token.
    """

    def __call__(self, request: HttpRequest) -> Caller:
        address = str(request.META.get("REMOTE_ADDR", ""))
        header = request.headers.get("Authorization")
        if header is not None:
            scheme, _, secret = header.strip().partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise AuthenticationError(401, "use Authorization: Bearer <token>")
            token = ApiToken.authenticate(secret.strip())
            if token is None:
                raise AuthenticationError(401, "the token is unknown, expired or revoked")
            caller = Caller(token.user, token, address)
        else:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated and user.is_active
            caller = Caller(user if signed_in else None, None, address)
        check_rate(caller)
        return caller

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        return None  # pragma: no cover - __call__ does the work
