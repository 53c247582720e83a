"""Whose data a browser keeps offline: a short key that names the caches and the store.

The service worker's caches and the page's IndexedDB store carry it in their names, so two people
who use the same browser (one after the other, in multi-user mode) never read each other's saved
pages or steps. It is a hash, so the names do not show the account's number.
"""

import hashlib

from fastapi import Request

from psoas.web.identity import settings_of, signed_in_person

LOCAL_KEY = "local"


def person_key(person_id: int) -> str:
    return hashlib.sha256(f"psoas-offline:{person_id}".encode()).hexdigest()[:16]


def offline_key(request: Request) -> str | None:
    """The signed-in person's key; ``local`` for a single-person install; None when nobody is
    signed in (nothing personal is then kept)."""
    if not settings_of(request).multi_user:
        return LOCAL_KEY
    person = signed_in_person(request)
    return None if person is None else person_key(person)
