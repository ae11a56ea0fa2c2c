"""Page furniture as data: one row per pattern, each with the reason an editor
reads in `removed:` and an example the fixture tests check.

A pattern must match a whole paragraph (or a whole line, while lines are being
rejoined): furniture is a line of its own on every page we have seen, and
matching whole lines is what keeps an article's own words from being taken.
"""

from __future__ import annotations

import re

_SHARE_WORD = (
    r"(?:share(?: this(?: article| story| page)?)?|tweet|email|e-mail|print|facebook|twitter|x|"
    r"linkedin|whatsapp|reddit|pinterest|copy link|link copied|save|comment|comments|"
    r"share on (?:facebook|twitter|linkedin|x)|flipboard|pocket|messenger|telegram)"
)

FURNITURE: list[tuple[str, str, str, str]] = [
    # (name, pattern over the whole paragraph, reason, example)
    (
        "player",
        r"(?:play live radio|next up:?|up next:?|available on air stations|watch live|listen live|"
        r"listen|listen now|listen to this (?:article|story|episode)|play|pause|play audio|"
        r"download|embed|toggle more options|enlarge this image|toggle caption|hide caption|"
        r"show caption|audio is not supported.*|your browser does not support.*|"
        r"read transcript|view transcript|show transcript|hide transcript|transcript|"
        r"loading\.{0,3}|live|on air now|now playing.*|all streams|skip to (?:main )?content|"
        r"(?:listen|play|watch)\s*[·|•–-]?\s*(?:\d{1,2}:)?\d{1,2}:\d\d(?:\s*(?:min|minutes))?|"
        r"(?:listen|watch|play)(?: to)? (?:the )?(?:full )?(?:episode|interview|audio|video|podcast))",
        "audio or video player controls",
        "Play Live Radio",
    ),
    (
        "timecode",
        r"(?:\d{1,2}:)?\d{1,2}:\d\d(?:\s*/?\s*(?:\d{1,2}:)?\d{1,2}:\d\d)*",
        "player time counter",
        "0:00 / 3:15",
    ),
    (
        "player-instruction",
        r"(?:(?:this|the) interview (?:has been|was) (?:lightly )?(?:edited|condensed)[^.]{0,60}\.\s*)?"
        r"(?:click|tap|press|hit) (?:the |on the )?[“\"']?(?:play|listen|audio)[”\"']? "
        r"(?:button|icon|link)?.{0,120}",
        "player instruction (with the editing note beside it)",
        "Click the play button to listen to the whole conversation.",
    ),
    (
        "comments",
        r"(?:no comments:?|\d+ comments?:?|post a comment|leave a (?:comment|reply)|"
        r"add (?:a )?comment|comments? (?:are )?closed\.?|newer post|older post|home|"
        r"subscribe to: post comments \(atom\)|show comments|view comments|join the conversation|"
        r"posted by .{1,60} at \d{1,2}:\d\d ?(?:am|pm)?)",
        "blog comment footer",
        "Post a Comment",
    ),
    (
        "share",
        rf"{_SHARE_WORD}(?:\s*[|,/·•]?\s*{_SHARE_WORD}){{0,8}}:?",
        "share buttons",
        "Share Tweet Email",
    ),
    (
        "cookies",
        r"(?:we use cookies|this (?:web)?site uses cookies|by (?:continuing to use|using) this (?:web)?site|"
        r"accept (?:all )?cookies|cookie (?:settings|policy|preferences)|manage (?:cookie|privacy) "
        r"(?:settings|preferences)).{0,300}",
        "cookie banner",
        "We use cookies to improve your experience. Accept all cookies",
    ),
    (
        "advertisement",
        r"(?:advertisement|ad|sponsored(?: content)?|story continues below(?: advertisement)?|"
        r"continue reading below|article continues (?:below|after (?:this )?advertisement)|"
        r"scroll to continue(?: with content)?|paid content)",
        "advertising marker",
        "Advertisement",
    ),
    (
        "feed-reader",
        r"(?:reading view|there are new articles available, click to refresh the page\.?|"
        r"mark (?:all )?as read|open (?:in|the) original(?: article)?|view original)",
        "feed reader's controls",
        "Reading view",
    ),
    (
        "copyright",
        r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[^.?!]{0,80}\.?"
        r"(?:\s*all rights reserved\.?)?(?:\s+(?:visit|see|for|read|use)\b.{0,240})?",
        "copyright line",
        "© 2024 Example Radio",
    ),
    (
        "photo-credit",
        r"(?:(?:.{0,160}?[\s,.;(|])?(?:photo|image|photograph|illustration|picture)s?\s+"
        r"(?:courtesy of|credit:?|by)\s.{1,80}|"
        r"courtesy(?: of)?\s.{1,80}|"
        r".{1,240}\s[|]|"
        r"(?:photo|image|photograph)s?(?: credit)?\s*[:|]\s*\S.{0,80}|"
        r".{1,160}[.)]\s(?:photo|image|credit|photograph)s?(?: by)?:\s.{1,60}|"
        r"credits?\s*:\s*\S.{0,80}|"
        r".{0,160}\((?:photos?|images?|credit)\b[^)]{0,60}\)|"
        r".{0,160}[/|(]\s*(?:getty images|ap photo|afp|reuters|shutterstock)\b.{0,40})",
        "photo caption or credit",
        "A lab in the city. Image courtesy of the agency |",
    ),
    (
        "edit-note",
        r"(?:this|the following|our) (?:interview|conversation|transcript|q&a|exchange)"
        r"(?: has been| was| is| have been)? (?:lightly |slightly )?(?:edited|condensed)"
        r"(?: and (?:condensed|edited))?(?: for [^.]{1,60})?\.?",
        "editor's note on how the interview was edited",
        "This interview has been edited for length and clarity.",
    ),
    (
        "related-links",
        r"(?:related(?: (?:posts|stories|articles|content|reading|coverage))?:?|you may also like:?|"
        r"more from .{1,40}|recommended(?: for you)?:?|trending(?: now)?:?|most (?:popular|read):?|"
        r"read (?:next|more|this next):?|see also:?|also read:?|like this:?|"
        r"(?:previous|next) (?:post|article|story)s?:?)",
        "related-links heading",
        "You may also like",
    ),
    (
        "author-box",
        r"(?:about the author|author bio|the author|about the writer)\s*[:—–-]\s*.{10,300}|"
        r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is an? (?:award-winning |veteran |former )?"
        r"(?:freelance|staff|contributing|senior|features?|regular|guest) "
        r"(?:writer|reporter|editor|journalist|correspondent|photographer|columnist)\b.{0,240}",
        "author box",
        "About the author: Jo Reyes writes about food and farming.",
    ),
    (
        "release-marker",
        r"(?:for immediate release|###|# # #|-30-|- 30 -|ends|end of release|news release|"
        r"press release)",
        "press release marker",
        "FOR IMMEDIATE RELEASE",
    ),
    (
        "signup",
        r"(?:sign up|subscribe|log in|sign in|register)(?: (?:now|today|here|for free))?[.!]?",
        "sign-up button",
        "Sign up",
    ),
]
"""Whole-paragraph furniture; matched case-insensitively after whitespace is normalised."""

FURNITURE_RE = [
    (name, re.compile(pattern, re.IGNORECASE), reason) for name, pattern, reason, _ in FURNITURE
]
MAX_FURNITURE = 400
"""Longer paragraphs are never furniture: an article's own text is what stays."""


def furniture(text: str) -> tuple[str, str] | None:
    """(name, reason) of the furniture row matching the whole of ``text``, else None."""
    if not text or len(text) > MAX_FURNITURE:
        return None
    for name, pattern, reason in FURNITURE_RE:
        if pattern.fullmatch(text):
            return name, reason
    return None
