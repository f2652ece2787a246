"""Text for a terminal: the control characters in API data shown, never run (as `ls` and `git` quote them).

A customer's name or a note may hold an escape sequence that sets the window's title, clears the screen or
hides what follows; JSON, YAML and CSV keep the data as it is (escaped by their own rules).
"""

# C0 but tab and line feed (which lay text out), DEL, C1 (a lone 0x9b starts a sequence), and the bidirectional
# controls that reorder what a line shows.
_SHOWN = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (0x09, 0x0A)}
_SHOWN |= {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible(text: str) -> str:
    """`text` with each control character written as its escape (`\\x1b`), so that a terminal shows it."""
    return text.translate(_SHOWN)
