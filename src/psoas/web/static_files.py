"""Static files under addresses that change with their content, and how long browsers keep them.

Templates ask for ``static_url("app.css")`` and get ``/static/app.css?v=<hash>``: the hash is the
file's content, so a browser (and the service worker) may keep that address for a year, and a new
release, whose files hash differently, is fetched at once. A plain ``/static/app.css``, or an old
hash, gets a short lifetime, because its content may change under the same address.
"""

import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

STATIC = Path(__file__).parent / "static"
HASHED_CACHE_CONTROL = "public, max-age=31536000, immutable"
# Five minutes: an old page may still name the bare address; it catches up soon enough.
PLAIN_CACHE_CONTROL = "public, max-age=300"
HASH_LENGTH = 12


@cache
def content_hash(name: str) -> str:
    """The first hex digits of the file's SHA-256; the file is read once per process (static
    files change only with a new release)."""
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:HASH_LENGTH]


def static_url(name: str) -> str:
    return f"/static/{name}?v={content_hash(name)}"


def _files() -> list[str]:
    return sorted(
        path.relative_to(STATIC).as_posix()
        for path in STATIC.rglob("*")
        if path.is_file() and path.suffix in {".js", ".css", ".png", ".svg"}
    )


@cache
def release_hash() -> str:
    """One hash over every static file: the service worker's cache names carry it, so a release
    that changes any file replaces the old caches rather than mixing with them."""
    digest = hashlib.sha256()
    for name in _files():
        digest.update(f"{name}={content_hash(name)}\n".encode())
    return digest.hexdigest()[:HASH_LENGTH]


def shell_urls() -> list[str]:
    """The hashed address of every script, style and icon: what the service worker keeps."""
    return [static_url(name) for name in _files() if name != "sw.js"]


def static_cache_control(path: str, query_string: bytes) -> str:
    """The Cache-Control of a /static/ answer: a year when its ``v`` is the file's hash now."""
    name = path.removeprefix("/static/")
    versions = parse_qs(query_string.decode("latin-1")).get("v", [])
    known = bool(versions) and ".." not in name and (STATIC / name).is_file()
    if known and versions[-1] == content_hash(name):
        return HASHED_CACHE_CONTROL
    return PLAIN_CACHE_CONTROL
