"""What a person reads on a page, and the internal ids that must never be part of it.

The text is every text node outside script, style and template, hidden or not (the players and
the breaks page show hidden panels later); attributes and URLs are not read. The ids are the
catalogue's and the vocabulary's slugs, the plan's message ids and the profile's field names.
"""

import itertools
import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from typing import get_args

from psoas.catalogue import load_catalogue
from psoas.domain import vocabulary
from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn

# Ids that are also ordinary hyphenated words a sentence may use: a "half-kneeling" stretch,
# "sit-ups", a "Mini-band glute bridge", a "Soft-ball belly release", to "cross-train". An id
# with a dash or an underscore is otherwise never ordinary English; a single-word id ("mat",
# "fever", "yoga") is ordinary English by itself and is not checked.
ORDINARY_WORDS = frozenset(
    {"half-kneeling", "sit-ups", "self-check", "mini-band", "soft-ball", "cross-train"}
)
# Plan message ids built from a prefix and another id (plan_notes, exclusion): the prefix alone.
MESSAGE_IDS = (
    "direct-pressure-off",
    "wait-for-diagnosis",
    "shorter-than-budget",
    "contraindicated",
    "conflict-direct-psoas-pressure",
)


class _Text(HTMLParser):
    # An SVG's <desc> is never drawn: a chart's is its summary, shown beside it as a caption.
    SKIPPED = frozenset({"script", "style", "template", "desc"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "br", "div", "dt", "dd"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "div", "dt", "dd", "title"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


# Each progress chart is drawn twice, wide and narrow, and CSS shows one (static/charts.css):
# the narrow drawing repeats the wide one's words, and is read here only once, as people hear it.
_NARROW_CHART = re.compile(r'<div class="chart-image chart-narrow"[^>]*>.*?</div>', re.S)


def visible_text(html: str) -> str:
    html = _NARROW_CHART.sub("", html)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _slugs(values: Iterable[str]) -> set[str]:
    return {value for value in values if re.search(r"[-_]", value)}


@cache
def known_ids() -> frozenset[str]:
    """Every id with a dash or an underscore that could leak into what a person reads."""
    catalogue = load_catalogue()
    screening = catalogue.screening
    ids: set[str] = set()
    ids |= _slugs(catalogue.exercises)
    ids |= _slugs(catalogue.sources)
    ids |= _slugs(catalogue.conflicts)
    ids |= _slugs(catalogue.guidance)
    ids |= _slugs(r.id for r in catalogue.restrictions)
    ids |= _slugs(flag.id for flag in screening.red_flags)
    ids |= _slugs(group.id for group in screening.red_flag_groups)
    ids |= _slugs(combination.id for combination in screening.combinations)
    ids |= _slugs(referral.id for referral in screening.referrals)
    for values in vocabulary.FIELD_VOCABULARY.values():
        ids |= _slugs(values)
    ids |= _slugs(get_args(vocabulary.Feature))
    ids |= _slugs(q.field for q in catalogue.check_in.questions)
    ids |= _slugs(Profile.model_fields)
    ids |= _slugs(ProgressCheckIn.model_fields)
    ids |= set(MESSAGE_IDS)
    return frozenset(ids - ORDINARY_WORDS)


def ids_in(text: str) -> list[str]:
    """The known ids that stand as a word of their own in the text."""
    lowered = text.lower()
    return sorted(
        found
        for found in known_ids()
        if re.search(rf"(?<![\w-]){re.escape(found)}(?![\w-])", lowered)
    )


def repeated_sentences(text: str, min_words: int = 9) -> list[str]:
    """Sentences (ending in . ! or ?) of `min_words` words or more that stand on the page more
    than once. Lists of sources, doses and names in table cells are not sentences."""
    seen: dict[str, int] = {}
    for block in text.split("\n"):
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(block.split())):
            sentence = sentence.split("Sources: ")[0].strip()
            if len(sentence.split()) >= min_words and sentence.endswith((".", "!", "?")):
                seen[sentence] = seen.get(sentence, 0) + 1
    return [sentence for sentence, count in seen.items() if count > 1]


def doubled_sentences(text: str) -> list[str]:
    """Sentences of any length said twice in a row ("Flat ground only. Flat ground only.")."""
    doubled = []
    for block in text.split("\n"):
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(block.split()))
        doubled += [a for a, b in itertools.pairwise(sentences) if a == b and a]
    return doubled


def error_summary(html: str) -> list[tuple[str, str]]:
    """(link target, sentence) of each problem in the page's error summary, which must take
    focus; [] when the page has none."""
    match = re.search(r'<div [^>]*id="error-summary"[^>]*>(.*?)</div>', html, re.S)
    if match is None:
        return []
    opening = match.group(0)[: match.group(0).index(">")]
    for focus in ("autofocus", 'tabindex="-1"', 'role="alert"'):
        assert focus in opening, opening
    items = re.findall(r"<li>(.*?)</li>", match.group(1), re.S)
    said = []
    for item in items:
        link = re.match(r'<a href="#([^"]+)">', item)
        said.append((link.group(1) if link else "", " ".join(visible_text(item).split())))
    return said
