"""Pages whose content block is rendered once per version of what it shows.

A page such as the plan is the same HTML for every request until its data change; only the
frame around it (the CSRF token in the head, the navigation for who is signed in) is per
request. ``render_keeping_block`` renders the whole page and keeps its content block in a
``FragmentCache``; ``render_with_block`` puts a kept block back into the frame, which is itself
rendered once per (page, address, mode, signed in or not) with a stand-in for the CSRF token,
the one thing in it that differs from browser to browser (a test compares it with a fresh
render).
The key says whose data and which version of them (see ``ProgressRepository.plan_inputs_version``),
so a new record makes a new key and an old one simply ages out.

Our choice, because: rendering the plan's body was most of the page's cost, while the frame
around it costs little; a bounded cache keeps memory flat however many people use the server.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from fastapi import Request
from jinja2.runtime import Context
from markupsafe import escape
from starlette.responses import HTMLResponse

from psoas.web.templating import page_context, templates

DEFAULT_ENTRIES = 512  # a plan page's content is about 13 KB: at most about 7 MB


class FragmentCache:
    """The most recently used rendered blocks, at most ``max_entries`` of them; thread-safe
    (sync routes run in a thread pool)."""

    def __init__(self, max_entries: int = DEFAULT_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            fragment = self._entries.get(key)
            if fragment is not None:
                self._entries.move_to_end(key)
            return fragment

    def put(self, key: Hashable, fragment: str) -> None:
        with self._lock:
            self._entries[key] = fragment
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


BlockRender = Callable[[Context], Iterator[str]]


def _render(request: Request, name: str, context: dict[str, Any], block: str, swap: Any) -> str:
    """The page, with the named block's render function replaced by ``swap(original)``.

    Jinja runs the template's top level (its imports) and then the parent's, which calls each
    block through ``context.blocks``: the one place a block can be replaced or watched."""
    template = templates.get_template(name)
    jinja_context = template.new_context({**page_context(request), **context, "request": request})
    jinja_context.blocks[block][0] = swap(jinja_context.blocks[block][0])
    return templates.env.concat(template.root_render_func(jinja_context))


def render_keeping_block(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    block: str,
    cache: FragmentCache,
    key: Hashable,
) -> HTMLResponse:
    """Render the page as ``templating.render`` would, and keep its ``block`` under ``key``."""
    pieces: list[str] = []

    def keep(original: BlockRender) -> BlockRender:
        def kept(jinja_context: Context) -> Iterator[str]:
            for piece in original(jinja_context):
                pieces.append(piece)
                yield piece

        return kept

    html = _render(request, name, context, block, keep)
    fragment = "".join(pieces)
    # A block that shows this browser's CSRF token (a form) is not the same for everyone.
    if page_context(request)["csrf_token"] not in fragment:
        cache.put(key, fragment)
    return HTMLResponse(html)


def render_with_block(request: Request, name: str, *, block: str, fragment: str) -> HTMLResponse:
    """The page with ``block`` as kept by ``render_keeping_block``; the frame around it made
    once per (page, address, what the frame shows), with only this browser's token put in."""
    context = page_context(request)
    scope = request.scope
    # Everything the frame shows but the token is in the key (the navigation, who is signed in,
    # their offline key), so that nothing added to page_context later can leak between people.
    shown = repr(sorted((k, v) for k, v in context.items() if k != "csrf_token"))
    key = (name, block, scope["path"], scope["query_string"], shown)
    # Read once and kept in a local: another thread may empty the dict between two lookups.
    frame = _frames.get(key, MISSING)
    if frame is MISSING:
        if len(_frames) >= MAX_FRAMES:
            _frames.clear()
        frame = _frames[key] = _frame(request, name, block)
    if frame is None:
        return _render_frame(request, name, block, fragment)
    token = str(escape(context["csrf_token"]))
    before, after = frame
    return HTMLResponse(token.join(before) + fragment + token.join(after))


# The frame is the same for every request with the same key but for the CSRF token, which Jinja
# escapes: an ampersand in the stand-in shows that it went through escaping (and nothing else).
TOKEN_SLOT = "csrf-slot-&-4b1e"
ESCAPED_TOKEN_SLOT = str(escape(TOKEN_SLOT))
BLOCK_SLOT = "<!-- block-slot-4b1e -->"
MISSING: Any = object()
MAX_FRAMES = 256  # pages x addresses x people: bounded, emptied when full
Frame = tuple[list[str], list[str]]
_frames: dict[Hashable, Frame | None] = {}


def _frame(request: Request, name: str, block: str) -> Frame | None:
    """The page split around its block and its token; None when the token is shown any other
    way than escaped text (a filter, JSON), so that the page is always rendered whole."""

    def slot(_original: BlockRender) -> BlockRender:
        return lambda _context: iter((BLOCK_SLOT,))

    html = _render(request, name, {"csrf_token": TOKEN_SLOT}, block, slot)
    pieces = html.split(BLOCK_SLOT)
    if TOKEN_SLOT in html or len(pieces) != 2:
        return None
    before, after = (piece.split(ESCAPED_TOKEN_SLOT) for piece in pieces)
    if any("slot-4b1e" in text for text in (*before, *after)):
        return None
    return before, after


def _render_frame(request: Request, name: str, block: str, fragment: str) -> HTMLResponse:
    def kept(_original: BlockRender) -> BlockRender:
        return lambda _context: iter((fragment,))

    return HTMLResponse(_render(request, name, {}, block, kept))
