"""What the editor's commands do (the CLI is only their shell): a new note from
a template, the notes and where they are used, the terms no note explains,
and renaming or removing an interview without breaking its address.

Editors' files are edited in place only where a command must (a note's
`interviews:` list), each change read back before it is written, and written
atomically; nothing is overwritten that the editor wrote.
"""

from __future__ import annotations

from .moving import move_interview, removed_dir
from .notes import NOTE_BODY, NoteUse, new_note, note_uses
from .terms import Term, unexplained_terms

__all__ = [
    "NOTE_BODY",
    "NoteUse",
    "Term",
    "move_interview",
    "new_note",
    "note_uses",
    "removed_dir",
    "unexplained_terms",
]
