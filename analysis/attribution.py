"""Who said it, and how: speaker span, cue verb, and the reported content of one sentence.

Works on tags and entities only (no dependency parse), so the pipeline stays fast:

- "X said/told/wrote/denied ... (that) CLAIM", "CLAIM, X said", '"QUOTE," said X'
- "according to X, CLAIM" / "CLAIM, according to X"
- "the media reported that CLAIM" (an outlet speaker)

Speakers named indirectly ("he", "the minister", "the NATO Secretary General", "Fernsby") are
resolved by ``SpeakerMemory``, which remembers the people and organisations an article introduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from schemas import Speaker

from .claim_frame import inner_relative
from .lexicon import ATTRIBUTION_VERBS, OUTLET_WORDS, PRONOUNS, SAID_NOUNS

__all__ = ["Attribution", "SpeakerMemory", "find_attribution"]

_NP_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "ADP", "CCONJ"}
_TITLE_STOP = {"the", "a", "an", "of", "for", "and", "'s", "’s", ","}
_QUOTES = {'"', "“", "”", "'", "‘", "’", "``", "''"}
_ORG_HEADS = {
    "ministry",
    "union",
    "service",
    "agency",
    "company",
    "police",
    "government",
    "office",
    "board",
    "department",
    "authority",
    "commission",
    "council",
    "court",
    "army",
    "navy",
    "guard",
    "association",
    "committee",
    "panel",
    "institute",
    "party",
    "bank",
    "hospital",
    "operator",
    "regulator",
    "firm",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "zoo",
    "group",
    "coalition",
    "federation",
    "embassy",
    "prosecutor",
    "prosecutors",
    "inspectorate",
    "team",
    "network",
    "management",
    "club",
    "school",
    "university",
    "airline",
    "carrier",
    "insurer",
    "cabinet",
    "parliament",
    "senate",
    "lines",
}


def ents_in(span: Span) -> list[Span]:
    """Entities inside ``span``, read from the token IOB tags (``Span.ents`` rescans the whole document)."""
    doc = span.doc
    cache = doc.user_data.setdefault("contraflow_ents", {})
    hit = cache.get((span.start, span.end))
    if hit is not None:
        return hit
    out: list[Span] = []
    k = span.start
    while k < span.end:
        t = doc[k]
        if t.ent_iob_ == "B" or (t.ent_iob_ == "I" and k == span.start):
            end = k + 1
            while end < span.end and doc[end].ent_iob_ == "I":
                end += 1
            out.append(Span(doc, k, end, label=t.ent_type_))
            k = end
        else:
            k += 1
    cache[(span.start, span.end)] = out
    return out


@dataclass
class Attribution:
    """What the sentence says about its own source."""

    speaker_span: Span | None = None
    speaker_text: str | None = None
    cue_lemma: str | None = None
    cue_word: str | None = None
    cue_index: int | None = None  # token index of the cue in the doc
    claim_start: int | None = None  # token index (doc) where the reported content starts
    claim_end: int | None = None


@dataclass
class SpeakerMemory:
    """People and organisations an article introduced, to resolve later indirect mentions."""

    source: str
    persons: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # lower-case title word -> full name
    orgs: list[str] = field(default_factory=list)
    last_person: str | None = None
    last_speaker: Speaker | None = None
    # the last person before the sentence being read, and the people it names with where each ends: a pronoun
    # refers back ("She told me the journalist Marek Halyn was freed": she is not Halyn)
    prior_person: str | None = None
    sentence_persons: list[tuple[int, str]] = field(default_factory=list)

    def learn(self, sent: Span) -> None:
        """Remember every PERSON (with the title words around it) and ORG of a sentence."""
        self.prior_person = self.last_person
        self.sentence_persons = []
        for ent in ents_in(sent):
            if ent.label_ == "PERSON" and len(ent) >= 1:
                name = _clean_name(ent.text)
                full = self.full_name(name)
                if full == name and name not in self.persons:
                    self.persons.append(name)
                for word in _title_words(ent, sent.start):
                    self.titles[word] = full
                self.last_person = full
                self.sentence_persons.append((ent.end, full))
            elif ent.label_ in ("ORG", "NORP", "GPE") and ent.label_ == "ORG":
                text = _clean_name(ent.text)
                if text not in self.orgs:
                    self.orgs.append(text)

    def full_name(self, name: str) -> str:
        """'Rutte' -> 'Mark Rutte' when the article introduced him; otherwise the name as given."""
        words = name.lower().split()
        for p in reversed(self.persons):
            known = p.lower().split()
            # a surname alone, or with the same first name or initial: "Eric Paddock" is not "Stephen Paddock"
            same_first = len(words) == 1 or (len(known) > 1 and known[0][0] == words[0][0])
            if known[-1] == words[-1] and len(p) >= len(name) and same_first:
                return p
        return name

    def resolve(self, span: Span) -> Speaker:
        """Turn a speaker span into a Speaker, resolving pronouns, titles and short names."""
        text = _clean_name(span.text)
        low = text.lower()
        span_ents = ents_in(span)
        persons = [e for e in span_ents if e.label_ == "PERSON"]
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start and all(t.pos_ == "PROPN" for t in span.doc[span.start : comma]):
            # "Tamsin Adeyemi, a researcher at Lattice Nine": the name before the appositive is the speaker, not
            # a name in it (the tagger does not always see the speaker's as a person's, or sees another's as one)
            return self.resolve(span.doc[span.start : comma])
        if comma is not None and comma > span.start:
            if not span_ents:
                # "A presidential aide, asked about that meeting": the noun phrase before the aside names the speaker
                return self.resolve(span.doc[span.start : comma])
            # "Within hours Luc Ambroise-Nakamura, producer of the rival film Winter Ferry, alleged": a name right
            # before the comma and a description after it (no name first: "the head of X, Andrii Kovalenko")
            run = comma
            while run > span.start and (span.doc[run - 1].pos_ == "PROPN" or span.doc[run - 1].text == "-"):
                run -= 1
            after = span.doc[comma + 1] if comma + 1 < span.end else None
            if (
                run < comma
                and span.doc[run].pos_ == "PROPN"
                and after is not None
                and after.pos_ in ("DET", "NOUN", "ADJ")
            ):
                return self.resolve(span.doc[run:comma])
        if persons:
            return Speaker(name=self.full_name(_clean_name(persons[-1].text)), type="person")
        if low in PRONOUNS:
            before = [name for end, name in self.sentence_persons if end <= span.start]
            person = before[-1] if before else self.prior_person
            if low in ("he", "she") and person:
                return Speaker(name=person, type="person", resolved_from=text)
            if self.last_speaker is not None and self.last_speaker.name:
                return self.last_speaker.model_copy(update={"resolved_from": text})
            return Speaker(name=self.source, type="outlet", resolved_from=text)
        words = [w.lower() for w in re.findall(r"[\w'-]+", text)]
        if {"media", "press", "newspapers", "reports", "outlets"} & set(words) and len(words) <= 3:
            return Speaker(name=text, type="outlet")
        # A surname alone (NER often misses or mislabels it): "Halloran said".
        if len(words) <= 2:
            for p in reversed(self.persons):
                if p.split()[-1].lower() == words[-1] and p.lower() != low:
                    return Speaker(name=p, type="person", resolved_from=text)
        # A title: look it up among people introduced with that title ("the NATO Secretary General").
        head_words = words
        for cut in ("of", "for", "at"):
            if cut in head_words:
                head_words = head_words[: head_words.index(cut)]
        head = head_words[-1] if head_words else ""
        if head in self.titles and head not in _ORG_HEADS and head not in _TITLE_STOP:
            return Speaker(name=self.titles[head], type="person", resolved_from=text)
        orgs = [e for e in span_ents if e.label_ in ("ORG",)]
        if orgs:
            name = _clean_name(orgs[-1].text)
            kind = "outlet" if _is_outlet(name) else "organisation"
            return Speaker(name=name, type=kind)
        heads = [w for w in words if w in _ORG_HEADS]
        if heads:
            head = heads[-1]
            for org in reversed(self.orgs):
                if head in org.lower():
                    return Speaker(name=org, type="organisation", resolved_from=text)
            return Speaker(name=_strip_det(text), type="organisation")
        gpes = [e for e in span_ents if e.label_ in ("GPE", "NORP")]
        if gpes:
            # "Health officials in Varn" names the officials, not the country
            name = _strip_det(text) if len(words) > len(gpes[-1].text.split()) else _clean_name(gpes[-1].text)
            return Speaker(name=name, type="organisation")
        if any(t.pos_ in ("PROPN", "NOUN") for t in span):
            return Speaker(name=_strip_det(text), type="person" if _looks_personal(words) else "unknown")
        return Speaker(name=self.source, type="outlet", resolved_from=text)


def _is_outlet(name: str) -> bool:
    words = {w.lower() for w in re.findall(r"[\w]+", name)}
    return bool(words & OUTLET_WORDS) or bool(re.search(r"\.(com|net|org|co\.uk|news)\b", name.lower()))


def _looks_personal(words: list[str]) -> bool:
    return bool(
        set(words)
        & {
            "minister",
            "president",
            "chief",
            "head",
            "director",
            "secretary",
            "spokesman",
            "spokeswoman",
            "official",
            "captain",
            "mayor",
            "governor",
            "chair",
            "chairman",
            "leader",
            "ceo",
            "officer",
            "commander",
            "general",
            "keeper",
            "witness",
            "driver",
            "doctor",
            "prosecutor",
            "lawyer",
            "manager",
            "expert",
            "analyst",
            "engineer",
        }
    )


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return text.strip(" ,.;:\"“”'")


def _title_words(ent: Span, sent_start: int) -> list[str]:
    """Title words next to a name: 'NATO Secretary General Mark Rutte' -> [nato, secretary, general]."""
    doc = ent.doc
    words: list[str] = []
    i = ent.start - 1
    while i >= sent_start and (doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or doc[i].text in (",",)):
        if doc[i].text == ",":
            if words:
                break
            i -= 1
            continue
        words.append(doc[i].text.lower())
        i -= 1
    # "Kyrylo Budanov, the head of X" / "the head of X, Kyrylo Budanov": an appositive title.
    j = ent.end
    if j < len(doc) and doc[j].text == ",":
        k = j + 1
        while k < min(len(doc), j + 10) and doc[k].text not in (",", ".", ";") and doc[k].pos_ != "VERB":
            if doc[k].pos_ in ("NOUN", "PROPN"):
                words.append(doc[k].text.lower())
            k += 1
    if i >= sent_start and doc[i].text == ",":
        k = i - 1
        while k >= sent_start and doc[k].text not in (",", ".", ";", '"', "“", "”") and doc[k].pos_ != "VERB":
            if doc[k].pos_ in ("NOUN", "PROPN"):
                words.append(doc[k].text.lower())
            k -= 1
    return [w for w in words if w not in _TITLE_STOP and not w[0].isdigit()]


_NO_GERUND = frozenset(
    [
        "find",
        "show",
        "believe",
        "think",
        "describe",
        "cite",
        "quote",
        "point",
        "post",
        "publish",
        "brief",
        "inform",
        "correct",
        "revise",
        "clarify",
        "withdraw",
    ]
)


_CALL_PARTICLES = frozenset(["for", "on", "off", "in", "up", "out", "back", "it"])
# What a claim is called when it is denied ("called the report false", "called the claims a fabrication").
_CALLED_FALSE = frozenset(
    ["untrue", "false", "baseless", "groundless", "unfounded", "lie", "lies", "fabrication", "fiction", "nonsense",
     "rubbish", "inaccurate", "misleading", "invention", "fabricated"]
)  # fmt: skip
# Verbs whose participle usually modifies a noun: "people briefed on the talks", "a report published by".
_PARTICIPLE_MODIFIERS = frozenset(["brief", "publish", "quote", "cite", "post", "inform"])
# Verbs of finding and showing: a cue with a content clause ("inspectors found that ..."), a plain verb with a thing
# found ("found cracks").
_FOUND_VERBS = frozenset(["find", "show", "reveal", "discover"])
_FIGURE_WORDS = frozenset(
    ["number", "toll", "figure", "count", "total", "tally", "losses", "loss", "cost", "damage", "crowd", "turnout",
     "value", "bill", "size", "estimate"]
)  # fmt: skip
# Verbs of making something public that announce a release when they are to come ("will publish its figures").
_PLANNED_RELEASE = frozenset(["publish", "announce", "report", "disclose", "post"])
_PLAN_WORDS = frozenset(["due", "set", "scheduled", "expected", "plans", "plan", "planned", "going", "likely"])
# Denial verbs that deny only with their particle ("ruled out", "brushed aside").
PHRASAL_DENY = {
    "brush": (["aside"], ["off"]),
    "push": (["back", "on"], ["back", "against"]),
    "rule": (["out"],),
}
# Verbs that deny a claim only when their object is one ("dismissed the reports"), not a proposal or a person.
_OBJECT_VERBS = frozenset(["reject", "dismiss", "refute", "dispute", "rebut", "contest"])


def _is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in ATTRIBUTION_VERBS:
        return False
    if tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        return False
    if tok.tag_ == "VBN" and tok.i > 0:
        # "was confirmed", "have been reported": a passive names no speaker before the verb
        prev = tok.doc[tok.i - 1]
        prev = tok.doc[tok.i - 2] if prev.pos_ == "ADV" and tok.i > 1 else prev
        if prev.lemma_.lower() in ("be", "get") or prev.lower_ in ("been", "being"):
            return False
        # "three people briefed on the talks", "a report published by": a participle that modifies a noun
        # (only verbs that are rarely a speaker's own past tense: a "said" tagged VBN is still a cue)
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if (
            lemma in _PARTICIPLE_MODIFIERS
            and prev.lemma_.lower() != "have"
            and after is not None
            and after.pos_ == "ADP"
        ):
            return False
    if lemma in _PLANNED_RELEASE and tok.tag_ == "VB" and _planned(tok):
        # "INEC will publish its figures on July 29", "is due to announce its decision on Monday": a release to come
        # is the news, not a claim of the speaker's ("will announce that ..." still reports one)
        then = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if then not in ("that", "whether", "if", ":", '"', "“"):
            return False
    if lemma in ("call", "brand"):
        # "called the union's claim that P untrue" denies P; "called for talks", "called the meeting", "branded
        # North Korea reckless" do not
        rest = tok.doc[tok.i + 1 : min(tok.sent.end, tok.i + 25)]
        return (
            bool(len(rest)) and rest[0].lower_ not in _CALL_PARTICLES and any(t.lower_ in _CALLED_FALSE for t in rest)
        )
    # phrasal denials: "brushed aside the reports", "pushed back on claims", "ruled out that"; alone, "brushed her
    # hair", "pushed the bill", "ruled that" are no denials ("rule" alone is the courts' "assert", below)
    if lemma in PHRASAL_DENY:
        particles = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
        return any(particles[: len(p)] == p for p in PHRASAL_DENY[lemma])
    if lemma == "put":
        # "put the number of injured at 30", "put its losses at $4 million": a figure given; "put pressure on" is not
        words = [t.lower_ for t in tok.doc[tok.i + 1 : min(tok.sent.end, tok.i + 14)]]
        return "at" in words and any(w in _FIGURE_WORDS for w in words[: words.index("at")])
    if lemma == "withdraw" and not any(t.lower_ in SAID_NOUNS for t in tok.doc[tok.i + 1 : tok.i + 5]):
        return False  # "withdrew its statement" takes back what was said; "withdrew from the race" does not
    if lemma in _OBJECT_VERBS:
        # "rejected the claims / the report that ..." denies a claim; "rejected the tram line" refuses a plan
        nxt = tok.doc[tok.i + 1 : tok.i + 5]
        if not any(t.lower_ in SAID_NOUNS or t.lower_ in ("that", "as") for t in nxt):
            return False
    return not (lemma in _NO_GERUND and tok.tag_ == "VBG")


def _planned(tok: Token) -> bool:
    """The verb is something to come: "will publish", "is due to announce", "plans to release" (not negated)."""
    doc = tok.doc
    j = tok.i - 1
    while j >= 0 and doc[j].pos_ == "ADV" and doc[j].lower_ not in ("not", "never", "n't"):
        j -= 1
    if j < 0:
        return False
    if doc[j].lower_ in ("will", "shall", "'ll"):
        return True
    return doc[j].lower_ == "to" and j > 0 and doc[j - 1].lower_ in _PLAN_WORDS


def _np_start(sent: Span, j: int) -> int:
    """Start of the noun phrase that ends at token ``j`` ('the head of the Defense Intelligence Service')."""
    doc = sent.doc
    start = j
    while start - 1 >= sent.start:
        t = doc[start - 1]
        if t.text in _QUOTES or t.lower_ in ("that", "than", "as", "while", "if", "who", "which"):
            break
        if (
            t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM")
            or t.tag_ in ("POS", "PRP$")
            or t.text in ("-",)
            or t.ent_type_
            in (
                "PERSON",
                "ORG",
            )
        ):
            start -= 1
            continue
        if (
            t.lower_ in ("of", "for", "at", "and", "in")
            and start - 2 >= sent.start
            and doc[start - 2].pos_
            in (
                "NOUN",
                "PROPN",
            )
        ):
            start -= 1
            continue
        break
    while start < j and (doc[start].pos_ in ("ADP", "CCONJ", "PART") or doc[start].text in (",", "-")):
        start += 1
    return start


def _speaker_left(sent: Span, i: int) -> Span | None:
    """The noun phrase ending just before token ``i`` (the cue verb), with an appositive if there is one."""
    doc = sent.doc
    j = i - 1
    # Skip adverbs and auxiliaries between subject and verb: "he also said", "has told".
    while j >= sent.start and (
        (doc[j].pos_ in ("ADV", "AUX", "PART") and doc[j].lower_ not in ("not", "n't"))
        or doc[j].ent_type_ in ("DATE", "TIME")
        or (doc[j].pos_ == "ADP" and j + 1 < i and doc[j + 1].ent_type_ in ("DATE", "TIME"))
    ):
        j -= 1  # "Police on Tuesday withdrew": the date is not the speaker
    if j - 2 >= sent.start and doc[j].text == ")" and doc[j - 2].text == "(" and doc[j - 1].pos_ == "PROPN":
        j -= 3  # "The Darrah Ports Authority (DPA) rejected": the acronym repeats the name before it
    if j < sent.start:
        return None
    if doc[j].pos_ == "PRON" and doc[j].lower_ in PRONOUNS:
        return doc[j : j + 1]
    if doc[j].text == ",":
        # "Ruth Ingram, a researcher who first reported the breach, said" / "The head of X, Andrii Kovalenko, said"
        k = j - 1
        # a possessive "'" ("the Metro Workers' Syndicate") is not a closing quote
        while k > sent.start and doc[k].text != "," and not _is_quote(doc[k]) and j - k < 25:
            k -= 1
        if k <= sent.start or doc[k].text != ",":
            return None
        head = k - 1
        if doc[head].like_num and head - 2 > sent.start and doc[head - 1].text == ",":
            head -= 2  # "Kristine Balagtas, 19, who was in the pit, told": an age between commas
        if doc[head].text == ")" and head - 3 >= sent.start and doc[head - 2].text == "(":
            head -= 3  # "The Ardeshi Nuclear Company (ANGC), which runs the plant, said": the acronym repeats it
        # "the deputy secretary-general, Ravi Seneviratne, said": a hyphenated title's last part is tagged an adjective
        titled = doc[head].pos_ == "ADJ" and head - 2 > sent.start and doc[head - 1].text == "-"
        if doc[head].pos_ not in ("PROPN", "NOUN") and doc[head].ent_type_ not in ("PERSON", "ORG") and not titled:
            return None
        start = _np_start(sent, head)
        # "The minister, who visited the plant, said": a relative clause says more of the speaker, it is no name
        span = doc[start:k] if doc[k + 1].lower_ in ("who", "which", "whose") else doc[start:j]
        has_name = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in span)
        # "A plant engineer, speaking on condition of anonymity, told PAN": a verb that never inverts has its
        # speaker on the left, named or not; so has one whose subject opens the sentence ("A presidential aide,
        # asked about that meeting, said"), where nothing before it could be a claim
        opens = start == sent.start or (start == sent.start + 1 and doc[sent.start].is_punct)
        return span if has_name or opens or doc[i].lemma_.lower() in _NO_INVERSION else None
    if doc[j].pos_ not in ("PROPN", "NOUN") and doc[j].ent_type_ not in ("PERSON", "ORG"):
        return None
    start = _np_start(sent, j)
    span = doc[start : j + 1]
    return span if len(span) else None


def _speaker_right(sent: Span, i: int) -> Span | None:
    """The noun phrase right after an inverted cue: '"...," said Health Minister Ana Ruiz.'"""
    doc = sent.doc
    j = i + 1
    end = j
    while end < sent.end and (doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART") or doc[end].text in ("-",)):
        end += 1
    if end < sent.end and doc[end].lower_ in ("of", "for") and end + 1 < sent.end:
        k = end + 1
        while k < sent.end and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET"):
            k += 1
        end = k
    span = doc[j:end]
    if end < sent.end and doc[end].tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return None  # "..., said no radioactive material had been released": the claim's subject, not a speaker
    return span if len(span) and any(t.pos_ in ("PROPN", "NOUN") for t in span) else None


def find_attribution(sent: Span) -> Attribution:
    """Locate the attribution in a sentence (or nothing: an unattributed sentence)."""
    doc = sent.doc
    toks = list(sent)
    # "CLAIM, according to X, a day before the bank announced Y": a verb after "according to" is in a clause of
    # its own, not the sentence's attribution
    according = next(
        (k for k, t in enumerate(toks[:-1]) if t.lower_ == "according" and toks[k + 1].lower_ == "to"), len(toks)
    )
    clause: tuple[int, int] | None = None  # the main clause, found once (a hostile sentence may hold thousands of cues)
    quoted_until = _opening_quote_end(toks)
    for k, t in enumerate(toks):
        if k > according:
            break
        if k < quoted_until or not _is_cue(t):
            continue
        i = sent.start + k
        prev = doc[i - 1] if i - 1 >= sent.start else None
        if t.tag_ == "VBG" and prev is not None and prev.text == ",":
            if clause is None:
                clause = _main_clause(toks)
            adjunct = _participle_adjunct(sent, clause, k, i)
            if adjunct is not None:
                return adjunct
            continue  # "..., saying the bridge was unsafe" never names its speaker after the verb
        if (
            t.lemma_.lower() in _FOUND_VERBS
            and _that_after(doc, i, sent.end) is None
            and any(_is_cue(u) for u in toks[k + 1 :])
        ):
            # "the bridge was closed after inspectors found cracks, the council said": what was found is a thing,
            # not a claim; the sentence's speaker comes later
            continue
        left = _speaker_left(sent, i)
        right = None
        if (
            left is None
            and prev is not None
            and (prev.text == "," or prev.text in _QUOTES)
            and t.lemma_.lower() not in _NO_INVERSION
        ):
            right = _speaker_right(sent, i)
        span = left if left is not None else right
        if span is None:
            continue
        if left is not None:
            before = left.start - sent.start
            marker = doc[left.start - 1] if before else None
            # "CLAIM, X said": only when what precedes is a clause of its own (a verb), not "On October 17, X said"
            fronted = (
                before >= 4
                and marker is not None
                and marker.text in (",", '"', "”", "''")
                and any(
                    t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in ('"', "“", "”")
                    for t in doc[sent.start : left.start]
                )
                and not _participle_opener(doc, sent.start, left.start)
            )
            # "CLAIM, as analysts said ..." / "CLAIM, and X said ...": the main clause is the outlet's own claim
            joined = (
                before >= 4
                and marker is not None
                and marker.lower_ in ("and", "but", "as", "while", "although", "though", "after", "because")
                and doc[left.start - 2].text == ","
            )
            if joined:
                return Attribution(claim_start=sent.start, claim_end=left.start - 2)
            if fronted:
                cs, ce = sent.start, left.start
            else:
                opened = _that_after(doc, i, sent.end)
                if opened is not None:
                    after = opened  # what follows "that" is the claim, "in May" and all
                else:
                    after = i + 1
                    if t.lemma_.lower() in _NO_INVERSION:  # "told reporters the plan was ..."
                        after = _hearer_end(doc, after, sent.end)
                    while after < sent.end and doc[after].lower_ in ("that", ",", "on", "in"):
                        after += 1
                        if doc[after - 1].lower_ == "that":
                            break
                cs, ce = (after, sent.end) if sent.end - after >= 3 else (sent.start, left.start)
        else:
            cs, ce = sent.start, i
        ce = _cut_trailing_clause(doc, cs, ce)
        return Attribution(span, span.text, t.lemma_.lower(), t.text, i, cs, ce)
    # "according to X" when no verb names a speaker.
    for k, t in enumerate(toks[:-1]):
        if t.lower_ == "according" and toks[k + 1].lower_ == "to":
            s = k + 2
            e = s
            while (
                e < len(toks)
                and toks[e].text not in (",", ".", ";", ":")
                and not (toks[e].pos_ in ("VERB", "AUX") and e > s)
            ):
                e += 1
            span = doc[sent.start + s : sent.start + e]
            if k <= 2:  # "According to X, CLAIM"; X may run on to its comma ("the decree published on the portal,")
                comma = next((j for j in range(e, min(len(toks) - 3, e + 12)) if toks[j].text == ","), e)
                cs, ce = sent.start + min(comma + 1, len(toks)), sent.end
            else:  # "CLAIM, according to X"
                cs, ce = sent.start, sent.start + k
            return Attribution(span, span.text, "accord", "according to", sent.start + k, cs, ce)
    return Attribution()


# Verbs that take a stance on something said or done, whose "..., saying P" gives the speaker's account P: "the
# minister defended the tender, saying her ministry awarded the contract on February 3". After another verb the
# main clause is itself the news ("the inspectorate rejected the plan, saying ...") and stays the claim.
_STANCE_WORDS = (
    "defend criticise criticize welcome praise blame explain justify respond reply downplay acknowledge "
    "question challenge accuse condemn hail applaud"
)
_STANCE_VERBS = frozenset(_STANCE_WORDS.split())


def _main_clause(toks: list) -> tuple[int, int]:
    """(first finite verb, first content verb at or after it) of the sentence; (-1, -1) when there is none."""
    finite = next((j for j, t in enumerate(toks) if t.tag_ in ("VBD", "VBZ", "VBP", "MD")), None)
    if finite is None:
        return -1, -1
    return finite, next((j for j in range(finite, len(toks)) if toks[j].pos_ == "VERB"), -1)


def _participle_adjunct(sent: Span, clause: tuple[int, int], k: int, i: int) -> Attribution | None:
    """ "The minister defended the tender, saying P": the speaker of a participle cue (token ``k`` of the sentence,
    ``i`` of the doc) after a main clause of stance (``clause``: its first finite verb and its content verb) is that
    clause's subject, the noun phrase before its first verb, and the claim is P."""
    doc = sent.doc
    finite, main = clause
    if not 0 <= main < k or doc[sent.start + main].lemma_.lower() not in _STANCE_VERBS:
        return None
    span = _speaker_left(sent, sent.start + finite)
    if span is None or span.start - sent.start > 6:
        return None  # the subject must open the sentence (a dateline or a short opener at most)
    after = i + 1
    if after < sent.end and doc[after].lower_ == "that":
        after += 1
    if sent.end - after < 3:
        return None
    ce = _cut_trailing_clause(doc, after, sent.end)
    return Attribution(span, span.text, doc[i].lemma_.lower(), doc[i].text, i, after, ce)


# Cue verbs whose speaker is never after them: '"...," said X' inverts, '"...," told X' does not (X is the hearer).
_NO_INVERSION = frozenset(["tell", "inform", "assure", "brief", "remind"])
# How far after its verb a "that" still opens the reported clause: "told a briefing in the capital on Tuesday that".
_THAT_WINDOW = 15


def _is_quote(tok: Token) -> bool:
    return tok.text in _QUOTES and tok.tag_ != "POS"


_OPENING = frozenset(['"', "“", "``"])
_CLOSING = frozenset(['"', "”", "''"])


def _opening_quote_end(toks: list[Token]) -> int:
    """Where the quotation that opens the sentence closes, when a cue follows it ('"They told us P," X said'): the
    cues inside it are the quoted speaker's words, not the sentence's attribution. 0 when the sentence does not open
    on a quote, it never closes, or no cue comes after it."""
    if not toks or toks[0].text not in _OPENING:
        return 0
    close = next((k for k in range(1, len(toks)) if toks[k].text in _CLOSING), None)
    if close is None or not any(_is_cue(t) for t in toks[close + 1 :]):
        return 0
    return close


def _hearer_end(doc, j: int, end: int) -> int:
    """After "told", the end of the one noun phrase that is its hearer: "told me| the bank was selling",
    "told the Kivvo Ledger| the plan ..." (the claim's own subject follows it)."""
    if j < end and doc[j].pos_ == "PRON":
        return j + 1
    while j < end and doc[j].pos_ in ("DET", "ADJ", "NUM"):
        j += 1
    while j < end and doc[j].pos_ in ("NOUN", "PROPN"):
        j += 1
        if doc[j - 1].tag_ == "NNS":
            break  # "told reporters| VAT will go up": a plural noun ends the hearer
    return j


def _participle_opener(doc, start: int, end: int) -> bool:
    """'Speaking to the Chronicle from Sefirah Bay, where ..., she said': a participle phrase before the speaker
    sets the scene and claims nothing (a gerund subject, 'Raising rates would hurt growth, she said', has its
    finite verb before the first comma)."""
    if doc[start].tag_ not in ("VBG", "VBN"):
        return False
    for t in doc[start:end]:
        if t.text == ",":
            return True
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return False
    return False


def _that_after(doc, i: int, end: int) -> int | None:
    """The token after the complementizer "that" that opens what the cue at ``i`` reports, when only its
    hearer, a time or a place stands between them ("told parliament on Thursday that ..."); None if a verb, a
    quote or a clause break comes first."""
    for j in range(i + 1, min(end, i + 1 + _THAT_WINDOW)):
        t = doc[j]
        # the tagger reads "a call that the attackers had ..." as a relative "that" (WDT); one followed by a
        # verb is relative ("the company that built it"), one followed by a subject opens the reported clause
        # after a preposition it is a determiner ("the warning signs on that stretch were not working")
        if t.lower_ == "that" and doc[j - 1].pos_ == "ADP" and t.tag_ != "IN":
            continue
        if t.lower_ == "that" and (t.tag_ == "IN" or (j + 1 < end and doc[j + 1].pos_ not in ("VERB", "AUX"))):
            return j + 1 if j + 1 < end else None
        if t.text in _QUOTES or t.text in (":", ";", "(") or t.tag_ in ("MD", "WDT"):
            return None
        if t.tag_ in ("VBD", "VBZ", "VBP") and doc[j - 1].pos_ not in ("DET", "ADJ"):
            return None  # a verb of its own (after "a" or "new", "call" is a noun the tagger misread)
    return None


def _cut_trailing_clause(doc, cs: int, ce: int) -> int:
    """End the claim before ', saying ...', ', citing ...', ', adding ...' (a second, separate statement)."""
    for m in range(cs + 2, ce - 1):
        if doc[m].text == "," and doc[m + 1].tag_ == "VBG" and doc[m + 1].lemma_.lower() in _SECOND_STATEMENT:
            return m
    return ce


_SECOND_STATEMENT = frozenset(["say", "cite", "add", "note", "accord", "insist", "argue", "claim", "warn"])


def main_clause_end(tokens: list) -> int:
    """Index where a trailing subordinate or participle clause starts (', raising ...', ', when ...'), else len.

    A relative clause inside the subject (:func:`inner_relative`) is no trailing clause: the claim goes on after it."""
    inside = inner_relative(tokens)
    for k in range(3, len(tokens) - 1):
        t, nxt = tokens[k], tokens[k + 1]
        if t.text != "," or (inside is not None and inside[0] <= k < inside[1]):
            continue
        if nxt.tag_ == "VBG" or nxt.lower_ in ("when", "as", "while", "which", "who", "where", "whereas", "and"):
            return k
    return len(tokens)
