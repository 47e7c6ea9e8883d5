"""Colours and marks shared by the pages, so an error looks the same everywhere."""

from __future__ import annotations

ERROR_BG = "#f6c6c2"
WARNING_BG = "#fbe3a6"
COMPUTED_BG = "#e3ebf4"
STATED_BG = "#e6d7f2"
HEADER_BG = "#eef0f2"
NOTE_FG = "#555b63"
ERROR_FG = "#a3201a"
WARNING_FG = "#8a5a00"
DONE_FG = "#2b7a3d"
FIELD_BG = "#e4e9f0"  # a live data field in the narrative, like Word's field shading
WARNING_LINE = "#d08700"  # wavy underline under a number R6 doubts
