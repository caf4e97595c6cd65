"""A fast rule-based entity step (``contraflow_names``): names from proper-noun runs, typed by their words.

The packaged NER model is a large share of the pipeline's time (docs/performance.md). News names are easy to find
from the tagger's proper nouns, and what the engine needs from them is coarse: who (PERSON), which organisation
(ORG), where (GPE/LOC/FAC), which people (NORP), and dates to skip. Typing rules:

- title words in front are not part of a name: "Health Minister Odile Fernsby" -> PERSON "Odile Fernsby";
- organisation words make an ORG ("Union of Hospital Doctors", "Istovian State Railways", "Lumacell Ltd");
- facility and landform words make FAC / LOC ("Greywater Arena", "River Lisk"); a name next to a craft noun is
  a PRODUCT ("the ferry Sallow Star", "the Falcon Heavy rocket");
- known places (countries, US states and well-known cities from GeoNames, ``places.txt``), place suffixes
  (-ia, -land, -stan) and "in/from/near X" make a GPE; a known place and a plural name is a team (ORG:
  "Chicago Cubs"); demonyms make a NORP;
- other runs of two or three capitalised words are PERSON; a single unknown word is an ORG (a company).
"""

from __future__ import annotations

import re
from importlib.resources import files

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entity_norm import ALIASES
from .lexicon import ATTRIBUTION_VERBS

__all__ = ["rule_names"]

_TITLES_WORDS = (
    "minister ministers president vice prime deputy secretary general chief spokesman spokeswoman "
    "spokesperson director head chair chairman chairwoman dr mr mrs ms sir dame lord lady foreign defence "
    "defense health finance education interior justice transport energy trade economy agriculture "
    "environment labour labor commander captain governor mayor senator rep representative judge "
    "prosecutor coordinator ceo executive officer opposition leader king queen prince princess pope "
    "ambassador inspector sergeant colonel lieutenant admiral professor prof coach manager chancellor "
    "premier speaker envoy adviser advisor analyst economist commissioner superintendent detective "
    "constable marshal pastor rabbi imam bishop father st saint former acting interim senior junior "
    "national regional state federal union party police army navy army's reverend rev gen col lt sgt capt "
    "cmdr gov sen"
)
_TITLES = frozenset(_TITLES_WORDS.split())
_ORG_WORDS = (
    "ministry department union service services agency board council institute institution center centre "
    "company co corp corporation inc ltd llc plc group bank party post times news journal tribune herald "
    "gazette telegraph guardian press lines railways railway airlines airways air build minerals "
    "resources association authority office committee commission court police army navy guard guards "
    "university college school parliament senate congress assembly organisation organization fund "
    "foundation federation reuters bloomberg network channel tv radio club team motors holdings "
    "industries energy systems technologies labs laboratories pharmaceuticals partners capital securities "
    "exchange commission bureau cabinet government administration forces force brigade battalion "
    "intelligence coalition alliance front movement church hospital clinic museum library zoo"
)
_ORG = frozenset(_ORG_WORDS.split())
_FAC_WORDS = (
    "arena stadium bridge station airport prison jail zoo park street road avenue square tower plant mine "
    "port harbour harbor terminal palace hall building hotel mall market cathedral temple mosque dam "
    "canal tunnel"
)
_FAC = frozenset(_FAC_WORDS.split())
_LOC_WORDS = (
    "river sea valley hills hill mountains mountain lake ocean bay gulf island islands peninsula coast "
    "strait desert forest region province district county plateau basin delta"
)
_LOC = frozenset(_LOC_WORDS.split())
_MONTHS_WORDS = (
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec"
)
_MONTHS = frozenset(_MONTHS_WORDS.split())
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_PLACE_PREPS_WORDS = "in from near to across into at outside inside throughout around via off"
_PLACE_PREPS = frozenset(_PLACE_PREPS_WORDS.split())
# Prepositions after which a capitalised run is a place, not a person ("in" a person is rare in news).
_WHERE_PREPS = frozenset(["in", "near", "outside", "throughout", "across"])
# A name next to one of these is a craft ("the ferry Sallow Star", "the Falcon Heavy rocket"): PRODUCT.
_CRAFT_WORDS = (
    "ship vessel ferry tanker trawler freighter boat yacht submarine frigate destroyer cruiser carrier warship "
    "liner barge tug dinghy rocket spacecraft satellite probe rover capsule lander jet airliner plane "
    "aircraft helicopter drone"
)
_CRAFT = frozenset(_CRAFT_WORDS.split())
_CONNECTORS = frozenset(["of", "for", "on", "and", "de", "the"])
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|an|ic|i)s?$")
_PLACE_SUFFIX = re.compile(r"^[A-Z][a-z]+(?:ia|land|stan|burg|borough|ville|ton|ford|mouth|grad|abad)$")
_KNOWN_PLACES = frozenset(
    (k for k, v in ALIASES.items() if v not in ("nato", "european_union", "united_nations", "us_government",
                                                "us_department_of_defense"))
)  # fmt: skip


def _load_places() -> frozenset[str]:
    lines = files("analysis").joinpath("places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


# Countries, US states, continents and well-known cities (GeoNames; see deploy/data/make_places.py).
_PLACES = _load_places()


def _is_name_token(t) -> bool:
    return t.pos_ == "PROPN" or (t.tag_ in ("NNP", "NNPS")) or (t.is_title and t.pos_ in ("NOUN", "ADJ") and t.i > 0
                                                                and not t.is_sent_start)  # fmt: skip


def _label(tokens: list, doc: Doc) -> str:
    words = [t.text.lower().strip(".") for t in tokens]
    text = " ".join(t.text for t in tokens)
    low = text.lower()
    if low in _KNOWN_PLACES or low.replace("the ", "") in _KNOWN_PLACES:
        return (
            "NORP"
            if _DEMONYM.match(tokens[-1].text) and low not in ("russia",) and low.endswith(("an", "ans", "ese", "ish"))
            else "GPE"
        )
    nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    prev = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    place = low.removeprefix("the ")
    if place in _PLACES and not (len(tokens) == 1 and nxt is not None and nxt.lemma_ in ATTRIBUTION_VERBS):
        return "GPE"  # "Chicago", "Los Angeles"; not "Jordan said"
    if 2 <= len(tokens) <= 4 and tokens[-1].tag_ == "NNPS" and " ".join(words[:-1]) in _PLACES:
        return "ORG"  # a team named after its city: "Chicago Cubs", "New York Yankees"
    if (
        any(w in _ORG for w in words)
        or text.endswith(".com")
        or (len(tokens) == 1 and text.isupper() and len(text) >= 2)
    ):
        return "ORG"
    if (prev is not None and prev.lemma_.lower() in _CRAFT) or (
        len(tokens) >= 2 and nxt is not None and nxt.lemma_.lower() in _CRAFT
    ):
        return "PRODUCT"  # "the tanker Meridian", "the Falcon Heavy rocket"
    if words[-1] in _FAC:
        return "FAC"
    if words[-1] in _LOC or words[0] in _LOC:
        return "LOC"
    if (
        len(tokens) <= 2
        and _DEMONYM.match(tokens[-1].text)
        and nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN", "ADJ")
    ):
        return "NORP"
    if len(tokens) == 1:
        if _PLACE_SUFFIX.match(text) or (prev is not None and prev.lower_ in _PLACE_PREPS):
            return "GPE"
        if nxt is not None and nxt.tag_ == "POS":
            return "GPE" if _PLACE_SUFFIX.match(text) else "ORG"
        return "ORG"
    if 2 <= len(tokens) <= 4 and all(t.is_title or t.text == "-" or t.is_lower for t in tokens):
        if prev is not None and prev.lower_ in _PLACE_PREPS and prev.lower_ != "to":
            # "in Las Vegas", "near Port Ellis": where; "from John Smith", "at Anna Berg's": who
            if prev.lower_ in _WHERE_PREPS and not (nxt is not None and nxt.tag_ == "POS"):
                return "GPE"
            return "GPE" if len(tokens) <= 2 and _PLACE_SUFFIX.match(tokens[-1].text) else "PERSON"
        return "PERSON"
    return "ORG"


@Language.component("contraflow_names", requires=["token.pos", "token.tag"], assigns=["doc.ents"])
def rule_names(doc: Doc) -> Doc:
    """Set ``doc.ents`` from proper-noun runs (see the module docstring); dates get DATE."""
    ents: list[Span] = []
    surnames: set[str] = set()
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        low = t.lower_.strip(".")
        nxt_tok = doc[i + 1] if i + 1 < n else None
        abbreviated = len(low) <= 4 and low not in ("may", "june", "july")
        dated = nxt_tok is not None and (nxt_tok.like_num or nxt_tok.text == ".")
        if (
            low in _MONTHS
            and t.is_title
            and not (low == "may" and t.pos_ in ("AUX", "VERB"))
            and (dated or not abbreviated)  # "Jan Dorf" is a name, "Jan. 5" a date
        ):
            j = i + 1
            while j < n and (doc[j].like_num or doc[j].text == ","):
                j += 1
            while j > i + 1 and doc[j - 1].text == ",":
                j -= 1
            ents.append(Span(doc, i, j, label="DATE"))
            i = j
            continue
        if low in _WEEKDAYS and t.is_title:
            ents.append(Span(doc, i, i + 1, label="DATE"))
            i += 1
            continue
        if not _is_name_token(t) or (t.is_sent_start and t.pos_ != "PROPN"):
            i += 1
            continue
        j = i + 1
        while j < n:
            u = doc[j]
            if u.lower_.strip(".") in _MONTHS or u.lower_ in _WEEKDAYS:
                break
            if _is_name_token(u) and u.tag_ != "POS":
                j += 1
                continue
            # "Hong Kong-flagged", "Russian-built": the lower-case part is a modifier, not part of the name
            if u.text == "-" and j + 1 < n and doc[j + 1].is_alpha and not doc[j + 1].is_lower and not u.whitespace_:
                j += 2
                continue
            if (
                u.lower_ in _CONNECTORS
                and j + 1 < n
                and _is_name_token(doc[j + 1])
                and any(w.lower_ in _ORG for w in doc[i : j + 2])
            ):
                j += 1
                continue
            break
        run = list(doc[i:j])
        # Title words in front are not part of the name ("NATO Secretary General Mark Rutte"): the name is
        # what follows the last title word.
        k = 0
        for m in range(len(run) - 1):
            if run[m].lower_.strip(".") in _TITLES:
                k = m + 1
        head, name = run[:k], run[k:]
        if all(w.lower_.strip(".") in _TITLES or (w.text.isupper() and len(w.text) >= 2) for w in run) and any(
            w.lower_.strip(".") in _TITLES for w in run
        ):
            # a bare title ("the NATO Secretary General"): resolved to a name later, not a name itself
            for w in run:
                if w.text.isupper() and len(w.text) >= 2:
                    ents.append(Span(doc, w.i, w.i + 1, label="GPE" if w.lower_ in _KNOWN_PLACES else "ORG"))
            i = j
            continue
        if head and name and not any(w.lower_ in _ORG for w in name) and len(name) <= 4:
            label = "PERSON" if all(w.is_title or w.text == "-" or w.is_lower for w in name) else "ORG"
            if len(name) == 1 and name[0].text.isupper():
                label = "ORG"
            if label == "PERSON":
                surnames.add(name[-1].lower_)
            ents.append(Span(doc, name[0].i, name[-1].i + 1, label=label))
            # an organisation named inside the title ("NATO Secretary General") is an entity too
            acr = [w for w in head if w.text.isupper() and len(w.text) >= 2]
            for w in acr:
                ents.append(Span(doc, w.i, w.i + 1, label="GPE" if w.lower_ in _KNOWN_PLACES else "ORG"))
        else:
            if len(run) == 1 and run[0].lower_ in surnames:
                label = "PERSON"  # "Fernsby said": a surname introduced earlier
            elif len(run) == 1 and i < 4 and run[0].text.isupper() and len(run[0].text) > 3:
                label = "GPE"  # a dateline place: "BRACKENFORD, March 11 —"
            else:
                label = _label(run, doc)
            if label == "PERSON":
                surnames.add(run[-1].lower_)
            ents.append(Span(doc, i, j, label=label))
        i = j
    ents.sort(key=lambda e: e.start)
    doc.set_ents(_no_overlap(ents))
    return doc


def _no_overlap(ents: list[Span]) -> list[Span]:
    out: list[Span] = []
    last_end = -1
    for e in ents:
        if e.start >= last_end and len(e):
            out.append(e)
            last_end = e.end
    return out
