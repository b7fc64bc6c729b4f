"""A long changed text cut to the part that changed, so a change sentence stays readable."""

from __future__ import annotations

TEXT_WIDTH = 80  # a changed text longer than this is shown around the part that changed


def shorten(old: str, new: str, width: int = TEXT_WIDTH) -> tuple[str, str]:
    """Both texts, cut to the part that differs with a few words around it when they are long."""
    if len(old) <= width and len(new) <= width:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 20

    def cut(value: str) -> str:
        left = max(0, start - context)
        right = min(len(value), len(value) - end + context)
        if right - left > width:
            right = left + width
        space = value.find(" ", right)
        right = space if right < len(value) and 0 <= space - right < context else right
        left_space = value.rfind(" ", 0, left + 1) if left else 0
        left = left_space + 1 if left_space > 0 and start - left_space < context * 2 else left
        piece = value[left:right].strip()
        return ("…" if left > 0 else "") + piece + ("…" if right < len(value) else "")

    return cut(old), cut(new)
