"""Entity normalisation: one key for every way of naming the same thing.

"DPRK", "North Korea" and "North Korean" -> ``north_korea``; "the U.S." -> ``united_states``;
demonyms fold onto their country by a suffix rule ("Ombrasian" -> ``ombras``... = "Ombrasia").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ALIASES", "fold_name", "norm_entity"]

# Irregular names no suffix rule can fold. Keys are lower-case surface forms.
ALIASES: dict[str, str] = {
    "dprk": "north_korea",
    "north korea": "north_korea",
    "north korean": "north_korea",
    "north koreans": "north_korea",
    "pyongyang": "north_korea",
    "democratic people's republic of korea": "north_korea",
    "rok": "south_korea",
    "south korea": "south_korea",
    "south korean": "south_korea",
    "republic of korea": "south_korea",
    "us": "united_states",
    "u.s.": "united_states",
    "usa": "united_states",
    "u.s.a.": "united_states",
    "united states": "united_states",
    "america": "united_states",
    "american": "united_states",
    "americans": "united_states",
    "united states of america": "united_states",
    "uk": "united_kingdom",
    "u.k.": "united_kingdom",
    "britain": "united_kingdom",
    "great britain": "united_kingdom",
    "british": "united_kingdom",
    "united kingdom": "united_kingdom",
    "russia": "russia",
    "russian": "russia",
    "russians": "russia",
    "russian federation": "russia",
    "kremlin": "russia",
    "ukraine": "ukraine",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "kyiv": "ukraine",
    "china": "china",
    "chinese": "china",
    "prc": "china",
    "beijing": "china",
    "netherlands": "netherlands",
    "dutch": "netherlands",
    "holland": "netherlands",
    "france": "france",
    "french": "france",
    "germany": "germany",
    "german": "germany",
    "eu": "european_union",
    "european union": "european_union",
    "un": "united_nations",
    "united nations": "united_nations",
    "u.n.": "united_nations",
    "nato": "nato",
    "pentagon": "us_department_of_defense",
    "white house": "us_government",
    "switzerland": "switzerland",
    "swiss": "switzerland",
    "greece": "greece",
    "greek": "greece",
    "israel": "israel",
    "israeli": "israel",
    "iran": "iran",
    "iranian": "iran",
    "iraq": "iraq",
    "iraqi": "iraq",
}
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:on|in|at|of|to|for|and|the|with|from|by|said|says))+$")
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "ese", "ish", "an", "ia", "a", "e", "i", "s")


def norm_entity(text: str, label: str = "") -> str:
    """Normalised key for an entity mention (lower case, no article, aliases and demonyms folded)."""
    t = text.strip().lower().replace("’", "'")
    t = re.sub(r"^(the|a|an)\s+", "", t)
    t = re.sub(r"'s$", "", t).strip(" .,-")
    # the tagger's span can run on into the next word ("Constitutional Court on Monday"): the name ends before it
    t = _TRAILING_FUNCTION_WORDS.sub("", t)
    if t in ALIASES:
        return ALIASES[t]
    if " " not in t and t.isalpha():
        return fold_name(t, always=label in ("NORP", "GPE", "LOC"))
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


def _common_word(w: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(w, "en") >= _COMMON_ZIPF


# A word this frequent in English is a word before it is a name ("Decree 14", "Justice Khumalo", "Court").
_COMMON_ZIPF = 3.0


@lru_cache(maxsize=1 << 14)
def fold_name(word: str, always: bool = False) -> str:
    """The key of a one-word name, whatever the tagger called it: a demonym and its country meet ("Ombrasian",
    "Ombrasia" -> ``ombras``), and so does one name read as a place in one sentence and as a company's or a
    plain proper noun in the next ("in Velmora" / "its Velmora plant": both ``velmor``). A common English word
    keeps its letters ("Decree 14" meets "the decree"), unless the tagger called it a place or a people
    (``always``)."""
    w = word.lower()
    if len(w) > 5 and (always or not _common_word(w)):
        for suf in _DEMONYM_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                return w[: -len(suf)]
    return w
