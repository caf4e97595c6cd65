"""The claim inside a statement: cue refinement, polarity, modality and the comparison frame."""

from __future__ import annotations

import re

from spacy.tokens import Span

from schemas import ClaimFrame

from .entity_norm import fold_name, norm_entity
from .lexicon import (
    ASKED_WHETHER_RE,
    ATTRIBUTION_VERBS,
    DENY_PHRASES,
    FUTURE_MARKERS,
    MODAL_POSSIBLE,
    NEGATORS,
    NOT_CONFIRMED_RE,
    PHRASAL,
    REPORT_NOUNS,
    RETRACT_RE,
    STOP_LEMMAS,
    SYNONYMS,
)

__all__ = ["claim_frame", "claim_keys", "detect_cue", "modality_of", "phrasal_verb", "polarity_of"]

_DENY_RE = re.compile("|".join(DENY_PHRASES), re.I)
_NOT_CONFIRMED_RE = re.compile(NOT_CONFIRMED_RE, re.I)
_RETRACT_RE = re.compile(RETRACT_RE, re.I)
_CONDITIONAL_RE = re.compile(r"\b(?:if|unless|provided that|in case|should .{0,40}\b(?:be|happen))\b", re.I)
# "not ... until" is about timing, "not only" adds, "no later than" bounds, "will (or won't)" and "whether or not"
# leave it open: none of them negate the claim.
_NOT_NEGATING = re.compile(
    r"\bor\s+(?:\w+\s*)?(?:not|n't)\b|"
    r"\b(?:not|n't)\s+(?:\w+\s+){0,3}?until\b|\bnot only\b|\bnot just\b|(?:\bnot|n't)\s+the\s+only\b|"
    r"\bno later than\b|\bno sooner\b|"
    r"\bno longer than\b|\bnot a (?:point|cent|day) more\b|\bno more than\b|\bnot least\b|"
    r"\bno fewer than\b|\bno less than\b|\bnot more than\b|\bno doubt\b|\bwithout delay\b",
    re.I,
)


_ASKED_WHETHER = re.compile(ASKED_WHETHER_RE, re.I)
# "claims that P were wrong" calls someone else's claim wrong; "its earlier claim that P was wrong" takes back one's own
_OTHERS_CLAIM = re.compile(
    r"\b(?<!its )(?<!their )(?<!his )(?<!her )(?<!our )(?<!my )(?<!own )(?<!earlier )(?<!previous )(?<!initial )"
    r"(?:reports?|claims?|suggestions?|allegations?|accusations?|rumou?rs?)\s+(?:that|of|about)\b",
    re.I,
)


def detect_cue(sentence: str, claim: str, cue_lemma: str | None) -> tuple[str, str | None]:
    """Cue of the statement: deny / not_confirmed / retract / confirm / report / assert, and the words that show it."""
    m = _NOT_CONFIRMED_RE.search(sentence)
    if m:
        return "not_confirmed", m.group(0)
    m = _RETRACT_RE.search(sentence)
    if m and not _ASKED_WHETHER.search(sentence[: m.start()]):
        if _OTHERS_CLAIM.search(sentence[: m.start()]):
            return "deny", m.group(0)  # "said claims that P were wrong": someone else's claim, denied
        return "retract", m.group(0)
    if cue_lemma and ATTRIBUTION_VERBS.get(cue_lemma) == "deny":
        return "deny", cue_lemma
    m = _DENY_RE.search(sentence)
    if m:
        return "deny", m.group(0)
    if cue_lemma and ATTRIBUTION_VERBS.get(cue_lemma) in ("confirm", "report"):
        return ATTRIBUTION_VERBS[cue_lemma], cue_lemma
    if cue_lemma == "accord":
        return "report", "according to"
    return "assert", cue_lemma


# Tags of a verb that carries tense: a clause of its own.
_FINITE = frozenset({"MD", "VBD", "VBZ", "VBP"})


_RELATIVE = frozenset(["which", "who", "whom", "whose"])


def inner_relative(tokens: list) -> tuple[int, int] | None:
    """(start, end) of a relative clause between commas inside the subject, before the main verb ("the programme,
    which trains 20 pilots a year, had been suspended": from the first comma to the second, both included)."""
    for k in range(2, len(tokens) - 1):
        if tokens[k].tag_ in _FINITE:
            return None  # the main verb came first: a later relative clause trails it
        if tokens[k].text == "," and tokens[k + 1].lower_ in _RELATIVE:
            close = next((j for j in range(k + 2, len(tokens)) if tokens[j].text == ","), None)
            if close is not None and any(t.tag_ in _FINITE for t in tokens[close + 1 :]):
                return k, close + 1
            return None
    return None


def first_clause(tokens: list) -> list:
    """The claim up to the first clause break (', and', ', but', ';', ' but ', ' while '): its main assertion."""
    for k, t in enumerate(tokens):
        if k < 2:
            continue
        if t.text == ";" or (t.lower_ in ("but", "while", "whereas") and t.pos_ in ("CCONJ", "SCONJ")):
            return tokens[:k]
        # a relative clause between commas inside the subject: the claim goes on after it, with the main verb
        if t.lower_ in _RELATIVE and tokens[k - 1].text == ",":
            inside = inner_relative(tokens)
            if inside is not None and inside[0] == k - 1:
                return tokens[: inside[0]] + first_clause(tokens[inside[1] :])
        # subordinate and relative clauses carry their own negation ("... because a passenger wasn't ...")
        if t.lower_ in ("because", "although", "though", "since", "unless") or t.lower_ in _RELATIVE:
            return tokens[:k]
        if t.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower_ in ("and", "but", "although", "though"):
            return tokens[:k]
        # "shares rose 7%, as investors bet that the ruling would ...": the reason has its own modality
        if (
            t.text == ","
            and k + 1 < len(tokens)
            and tokens[k + 1].lower_ == "as"
            and tokens[k + 1].pos_ in ("SCONJ", "ADP")
        ):
            return tokens[:k]
        # "..., not in the afternoon as officials claimed": a contrastive tail, not a negated claim
        if t.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower_ == "not":
            return tokens[:k]
        # "... are being trained in Russia and may be sent ...": a second verb phrase with its own modality
        if t.lower_ in ("and", "but") and k + 1 < len(tokens) and tokens[k + 1].tag_ in _FINITE:
            return tokens[:k]
        # "the order was lifted at 8pm and residents may go home": a second clause with a subject of its own, once
        # the first has its verb
        if t.lower_ in ("and", "but") and _new_clause(tokens, k):
            return tokens[:k]
    return tokens


def _new_clause(tokens: list, k: int) -> bool:
    """A subject (up to three words) and a finite verb follow the conjunction at ``k``; a finite verb precedes it."""
    if not any(t.tag_ in _FINITE for t in tokens[:k]):
        return False
    j = k + 1
    while j < len(tokens) and j <= k + 3 and tokens[j].pos_ in ("DET", "PRON", "ADJ", "NOUN", "PROPN", "NUM"):
        j += 1
    return k + 1 < j < len(tokens) and tokens[j].tag_ in _FINITE and tokens[k + 1].pos_ != "ADJ"


# "failed to reach orbit", "was unable to land": what was tried did not happen
_FAILED_TO = re.compile(r"\b(?:fail(?:s|ed|ure)?|unable)\s+to\b", re.I)


def polarity_of(tokens: list) -> str:
    """'negative' when the main clause is negated ('not', 'no', 'never', 'un-...ed'), ignoring 'not until' & co."""
    tokens = first_clause(tokens)
    text = " ".join(t.text for t in tokens).replace("’", "'")
    cleaned = _NOT_NEGATING.sub(" ", text)
    words = re.findall(r"[\w']+", cleaned.lower())
    if any(w in NEGATORS for w in words) or _FAILED_TO.search(cleaned):
        return "negative"
    # "had gone uninspected": a prefix negation counts when no negative word is there
    return "negative" if any(_lexical_negation(t) is not None for t in tokens) else "positive"


def _lexical_negation(t) -> str | None:
    """'uninspected' -> 'inspect', 'unharmed' -> 'harm': a participle negated by its prefix."""
    w = t.lower_
    if not (w.startswith("un") and len(w) > 6 and w.endswith("ed") and t.pos_ in ("ADJ", "VERB")):
        return None
    # only as the predicate ("had gone uninspected", "was unharmed"), not "the unidentified missile"
    prev = t.doc[t.i - 1] if t.i > 0 else None
    if prev is None or prev.lemma_.lower() not in ("be", "go", "remain", "stay", "leave", "appear", "seem"):
        return None
    return w[2:-2]


# "There was no indication/evidence that X", "the cause is not yet known": about the evidence, not about X.
_NO_EVIDENCE = re.compile(
    r"\bno\s+(?:\w+\s+)?(?:indication|evidence|sign|suggestion|proof)s?\b"
    r"|\bnot\s+(?:yet\s+)?(?:known|clear)\b|\bunclear\b|\bunknown\b|\bremains? to be seen\b"
    # "I don't know if he was shot or run over": not knowing is no claim of what happened
    r"|\b(?:do|does|did)\s*(?:not|n't|n’t)\s+know\b",
    re.I,
)
# Predictions and estimates are not facts: "is expected to post", "is likely to rise", "forecast to".
_PREDICTION = re.compile(
    r"\b(?:expect(?:s|ed)?|likely|forecast|projected|predicted|estimated|poised)\s+to\b"
    r"|\b(?:expect|expects|expected|expecting|forecast|forecasts|predict|predicts)\s+(?:[\w'-]+\s+){1,4}?to\b"
    r"|\b(?:expects|expected|expecting|anticipates|anticipating|forecasts|predicts)\s+(?:a|an|that)\b",
    re.I,
)
_HEARSAY = re.compile(
    r"\b(?:claims?|talk|rumou?rs?|speculation|suggestions?|allegations?|reports?)\s+(?:\w+\s+){0,2}?that\b"
    r"|\b(?:heard|seen)\s+(?:\w+\s+){0,2}?(?:claims?|talk|rumou?rs?|reports?)\b"
    r"|\b(?:information|reports?|claims?|rumou?rs?|allegations?)\s+(?:about|on|of)\b",
    re.I,
)


# What something can do is not what it did: "licensed to carry 250", "designed to hold 40,000".
_CAPABILITY = re.compile(r"\b(?:licensed|designed|built|allowed|permitted|able|authori[sz]ed|certified|rated) to\b|"
                         r"\bcapacity\b")  # fmt: skip


_SCHEDULED = frozenset({"due", "set", "scheduled"})


def modality_of(tokens: list, reported: bool, hearsay_counts: bool = True) -> str:
    """fact / possible / conditional / future, from the main clause's verbs, hedges and 'if'.

    Backshifted "would" in reported speech ("said the rules would apply from May") is a future, not a conditional.
    Passing on talk or claims without endorsing them ("had heard talk that ...") is not a factual claim either.
    """
    text = " ".join(t.text for t in tokens)
    if _CONDITIONAL_RE.search(text):
        return "conditional"
    if hearsay_counts and (_HEARSAY.search(text) or _NO_EVIDENCE.search(text)):
        return "possible"
    main = first_clause(tokens)
    if _PREDICTION.search(" ".join(t.text for t in main)):
        return "possible"
    # "in May" is a month, not the modal verb
    words = [t.lower_ for t in main if not (t.text == "May" and t.i > 0 and not t.is_sent_start)]
    if _CAPABILITY.search(" ".join(words)):
        return "possible"
    if any(w in MODAL_POSSIBLE for w in words):
        return "possible"
    if "would" in words:
        # a gerund as the subject states a hypothetical ("sending troops would mean ..."), not a backshifted
        # plan ("the rules would apply from May"); the tagger, not a parser, is what the pipeline runs
        lead = next((t for t in main if not t.is_punct), None)
        if lead is not None and lead.tag_ == "VBG":
            return "conditional"
        return "future" if reported else "conditional"
    for k, t in enumerate(main):
        w = t.lower_
        if w in ("will", "'ll", "shall"):
            return "future"
        if w in FUTURE_MARKERS and t.pos_ in ("VERB", "ADJ") and k + 1 < len(main) and main[k + 1].lower_ == "to":
            # "due to vote", "set to open" are a schedule; "cancelled due to the storm" is a cause, a fact
            if w in _SCHEDULED and not (k + 2 < len(main) and main[k + 2].tag_ == "VB"):
                continue
            return "future"
    return "fact"


_FOLD_LABELS = ("GPE", "NORP", "ORG", "LOC", "FAC", "PERSON")


def _demonym(t) -> bool:
    """A capitalised adjective of a people ("Dorvanian troops", "the Tasmiri quota"): keyed as the name it comes
    from; at the start of a sentence only with a suffix no plain adjective takes there as often."""
    if t.pos_ != "ADJ" or not t.text[:1].isupper():
        return False
    return t.lower_.endswith(("ian", "ese", "ish")) or (not t.is_sent_start and t.lower_.endswith(("an", "i")))


def _key_of(t) -> str | None:
    """The comparison key of one token, or None if it carries no claim content.

    A proper noun is keyed as a one-word name (``fold_name``), alone or as a word of a longer name, so
    "Marovani" meets "the Marovani Ports Authority" (``judge._one_per_name`` knows the folded words as the long
    name's parts)."""
    if t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or (t.is_stop and t.lower_ != "up") or not t.is_alpha:
        return None
    name = t.pos_ == "PROPN" or _demonym(t)
    lemma = fold_name(t.text) if name else (_lexical_negation(t) or t.lemma_.lower())
    canon = SYNONYMS.get(lemma, lemma)
    # "permit"/"cut"/"pass" as nouns are things, not changes of state
    # and a ship is a vessel, not a shipment
    if t.pos_ == "NOUN" and lemma == "ship":
        canon = "vessel"
    lemma = lemma if (t.pos_ == "NOUN" and canon in ("rise", "fall", "approve", "reject")) else canon
    if lemma in STOP_LEMMAS or lemma in REPORT_NOUNS or len(lemma) < 2:
        return None
    return lemma


def _entity_at(t):
    """The entity span a token belongs to (found from the IOB tags, without scanning ``doc.ents``)."""
    doc = t.doc
    start = t.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=t.ent_type_)


def phrasal_verb(tokens: list, k: int) -> str | None:
    """The one lemma of the two-word verb starting at ``k`` ("came down" -> collapse), None when it is not one."""
    nxt = tokens[k + 1].lower_ if k + 1 < len(tokens) else ""
    return PHRASAL.get((tokens[k].lemma_.lower(), nxt))


def _after_years(tokens: list, k: int) -> bool:
    words = [tokens[j].lower_ for j in range(max(0, k - 2), k) if tokens[j].text != "-"]
    return bool(words) and words[-1] in ("year", "years")


def _token_keys(tokens: list) -> list[tuple[int, str, str]]:
    """(token position, key, POS) for each content token; a named entity is one key ('north_korea')."""
    out: list[tuple[int, str, str]] = []
    seen_ents: set[int] = set()
    for k, t in enumerate(tokens):
        if t.ent_type_ in _FOLD_LABELS and t.ent_iob_ in ("B", "I"):
            ent = _entity_at(t)
            if ent is not None:
                if ent.start not in seen_ents:
                    seen_ents.add(ent.start)
                    norm = norm_entity(ent.text, ent.label_)
                    norm = SYNONYMS.get(norm, norm)
                    # placed at the name's last token, so a noun right after it continues the chunk:
                    # "Boko Haram fighters" is about fighters, not about Boko Haram
                    last = min(k + ent.end - 1 - t.i, len(tokens) - 1)
                    if norm and norm not in STOP_LEMMAS:
                        out.append((last, norm, "PROPN"))
                    if ent.label_ in ("ORG", "FAC", "PRODUCT", "PERSON", "WORK_OF_ART") and len(ent) > 1:
                        # "Vossel Alder", "Union of Hospital Doctors": the parts name it too
                        for part in ent:
                            key = _key_of(part)
                            if key and key != norm:
                                out.append((last, key, part.pos_))
                continue
        if t.lower_ == "old" and _after_years(tokens, k):
            continue  # "a 4-year-old boy": the age is a figure (its words would make any two ages alike)
        phrasal = phrasal_verb(tokens, k) if t.pos_ == "VERB" else None
        if phrasal:
            out.append((k, phrasal, "VERB"))
            continue
        key = _key_of(t)
        if key:
            out.append((k, key, t.pos_))
    return out


def claim_keys(tokens: list) -> list[str]:
    """Content lemmas of the claim, canonicalised (synonyms, phrasal verbs and entity aliases folded), in order."""
    keys: list[str] = []
    for _, key, _pos in _token_keys(tokens):
        if key not in keys:
            keys.append(key)
    return keys


# Verbs whose act is the one after "to": "failed to reach orbit", "will not need to import", "was preparing to sell",
# "plans to close", "is seeking to buy" say something of reaching, importing, selling, closing, buying.
_TO_VERBS = frozenset(["fail", "need", "prepare", "plan", "intend", "seek", "aim", "try", "attempt"])


def claim_frame(span: Span | list) -> ClaimFrame:
    """Subject (the first noun chunk, as keys), predicate (first content verb, else the complement adjective),
    object (first noun after the predicate), and the comparison keys."""
    tokens = list(span)
    tk = _token_keys(tokens)
    subject_words: list[str] = []
    predicate = obj = None
    last_pos = -2
    for pos, key, tag in tk:
        if predicate is None and tag in ("NOUN", "PROPN") and (not subject_words or pos == last_pos + 1):
            if not subject_words or pos == last_pos + 1:
                subject_words.append(key)
                last_pos = pos
            continue
        # a participle modifier ("a train travelling to X derailed") is not the main verb
        # "are cutting", "are not cutting", "is still hiring": the progressive is the main verb
        before = pos - 1
        while before > 0 and tokens[before].pos_ in ("ADV", "PART"):
            before -= 1
        after_be = before >= 0 and tokens[before].lemma_.lower() == "be"
        if predicate is None and tag == "VERB" and tokens[pos].tag_ == "VBG" and not after_be:
            continue
        # "failed to reach orbit" says of reaching that it did not happen (the polarity): the act is "reach"; "will
        # not need to import wheat" is about importing, as "would have to import" is
        if predicate is None and key in _TO_VERBS and pos + 1 < len(tokens) and tokens[pos + 1].lower_ == "to":
            continue
        # a bare or plural-present "verb" right after a singular noun, with a finite verb still to come, is a noun
        # the tagger misread: "the median wait for planned surgery rose"
        if (
            predicate is None
            and tag == "VERB"
            and tokens[pos].tag_ in ("VB", "VBP")
            and pos > 0
            and tokens[pos - 1].tag_ == "NN"
            and any(t.tag_ in ("VBD", "VBZ") for t in tokens[pos + 1 :])
        ):
            continue
        # nor a participle set off by a comma before the main verb ("the satellite, launched in June, had reached")
        if (
            predicate is None
            and tag == "VERB"
            and tokens[pos].tag_ == "VBN"
            and pos > 0
            and tokens[pos - 1].text == ","
            and any(t.tag_ in _FINITE for t in tokens[pos + 1 :])
        ):
            continue
        # nor is a participle before its noun ("planned surgery", "its listed parent")
        if (
            predicate is None
            and tag == "VERB"
            and tokens[pos].tag_ == "VBN"
            and pos + 1 < len(tokens)
            and tokens[pos + 1].pos_ == "NOUN"
            and not (pos > 0 and tokens[pos - 1].pos_ in ("AUX", "PART"))
        ):
            continue
        if (
            predicate is None
            and tag == "VERB"
            and key not in ("allege", "report", "claim", "seem", "appear")
            or (
                predicate is None
                and tag == "ADJ"
                and pos > 0
                and tokens[pos - 1].lemma_.lower() in ("be", "remain", "become")
            )
        ):
            predicate = key
        elif predicate is not None and obj is None and tag in ("NOUN", "PROPN"):
            obj = key
        if subject_words and last_pos != pos:
            last_pos = 10**6  # the first chunk is over
    keys = [key for _, key, _ in tk]
    keys = list(dict.fromkeys(keys))
    return ClaimFrame(subject=" ".join(subject_words) or None, predicate=predicate, object=obj, keys=keys)


# Which speakers a subject pronoun of their own reported claim can stand for: "the company said it had not moved",
# "the coach denied he had resigned" (a common noun whose type the attribution could not tell agrees by number).
_PRONOUN_SPEAKERS = {
    "he": ("person", "NN"),
    "she": ("person", "NN"),
    "it": ("organisation", "NN"),
    "they": ("organisation", "NNS"),
}


def speaker_as_subject(frame: ClaimFrame, tokens: list, speaker: Span | None, speaker_type: str,
                       speaker_name: str | None = None, denied: bool = False) -> ClaimFrame:  # fmt: skip
    """``frame`` with its speaker as subject when the claim's subject is a pronoun that agrees with the speaker.

    In reported speech a pronoun subject most often refers back to whoever speaks, and without it the claim names
    no one: "the coach denied he had resigned" would be about resigning, not about the coach, and could not meet
    "the club said the coach had resigned". ``speaker``: the words that name the speaker in the sentence;
    ``speaker_name``: the person they were resolved to when those words are a pronoun themselves ("He said he ...").
    """
    if speaker is None or not len(speaker):
        return frame
    words = [t for t in tokens if not t.is_punct and t.lower_ != "that"][:2]
    principal = _principal(speaker)
    if (
        principal
        and len(words) == 2
        and words[0].lower_ in ("his", "her", "their")
        and words[1].lemma_.lower() in ("client", "son", "daughter", "husband", "wife")
    ):
        # "the suspect's lawyer said his client had not confessed": the client is the suspect
        return _with_subject(frame, principal, tokens, denied)
    if denied and _denied_act(words, tokens):
        # "Weinstein denied ever threatening her": whoever denies doing something is who did not do it
        fits: tuple[str, str] | None = (speaker_type, "NN")
    else:
        # the claim opens on the pronoun and its verb (no parser runs: the order says it is the subject)
        if len(words) < 2 or words[0].pos_ != "PRON" or words[1].pos_ not in ("AUX", "VERB", "ADV"):
            return frame
        fits = _PRONOUN_SPEAKERS.get(words[0].lower_)
    if fits is None:
        return frame
    # "the ferry operator, which runs six routes on the lake": the relative clause is no part of who speaks
    speaker = next(
        (speaker[: k - 1] for k in range(2, len(speaker)) if speaker[k - 1].text == "," and speaker[k].lower_ in
         ("which", "who", "whose")),
        speaker,
    )  # fmt: skip
    nouns = [t for t in speaker if t.pos_ in ("NOUN", "PROPN")]
    if principal and fits[0] == "person":
        # "the patient's family said he had not been discharged": he is the patient, not the family
        return _with_subject(frame, principal, tokens, denied)
    if not nouns:
        if speaker_type != "person" or fits[0] != "person" or not speaker_name:
            return frame
        # a pronoun resolved to a person named earlier: keyed as the name is where it is written out
        name = norm_entity(speaker_name, "PERSON")
        parts = [w.lower() for w in speaker_name.split()] if " " in speaker_name else []
        keys = [k for k in [SYNONYMS.get(name, name), *parts] if k and k not in STOP_LEMMAS]
    elif speaker_type == fits[0] or (speaker_type == "unknown" and nouns[-1].tag_ == fits[1]):
        # the speaker's head: the keys at its last word ("the suspect's lawyer" is a lawyer; a name is keyed at
        # its end)
        found = _token_keys(list(speaker))
        last = max((pos for pos, _, _ in found), default=-1)
        keys = [key for pos, key, tag in found if pos == last and tag in ("NOUN", "PROPN")]
    else:
        return frame
    return _keyed_subject(frame, keys, tokens, denied)


def _keyed_subject(frame: ClaimFrame, keys: list[str], tokens: list, denied: bool) -> ClaimFrame:
    if not keys:
        return frame
    update: dict = {"subject": keys[0], "keys": list(dict.fromkeys(keys + frame.keys))}
    if denied and frame.predicate is None:
        # the gerund is the act denied (a participle elsewhere modifies a noun and is no predicate)
        act = next((key for _, key, tag in _token_keys(tokens) if tag == "VERB"), None)
        update["predicate"] = act
    return frame.model_copy(update=update)


def _with_subject(frame: ClaimFrame, words: list, tokens: list, denied: bool) -> ClaimFrame:
    """``frame`` with ``words`` (a noun phrase) as its subject, keyed at its last word."""
    found = _token_keys(words)
    last = max((pos for pos, _, _ in found), default=-1)
    return _keyed_subject(frame, [key for pos, key, tag in found if pos == last and tag in ("NOUN", "PROPN")],
                          tokens, denied)  # fmt: skip


# Who speaks for someone else: "the suspect's lawyer", "the patient's family", "the minister's spokesman" (not a
# single relative, who as often speaks of herself: "the victim's mother said she had warned the police").
_FOR_SOMEONE = frozenset(
    {
        "family", "relative", "parent", "lawyer", "attorney", "solicitor", "counsel", "agent", "spokesman",
        "spokeswoman", "spokesperson", "representative", "manager", "management", "aide", "office", "camp",
        "entourage",
    }
)  # fmt: skip
# Whose spokesman speaks of "it", not of "he" or "she": "the club's manager said he would stay" is the manager.
_NOT_A_PERSON = frozenset(
    {
        "club", "company", "team", "government", "ministry", "firm", "bank", "party", "council", "department",
        "agency", "board", "union", "police", "army", "court", "city", "group", "airline", "school", "hospital",
    }
)  # fmt: skip


def _principal(speaker: Span | None) -> list | None:
    """Whom the speaker speaks for ("the suspect's lawyer" -> "the suspect"), when the speaker is named as someone's
    lawyer, family, spokesman or office; else None."""
    if speaker is None:
        return None
    toks = list(speaker)
    for k in range(1, len(toks) - 1):
        if toks[k].tag_ != "POS":
            continue
        # "the suspect's lawyer", "Kapanadze's lawyer, Tamar Lomidze,"
        head = next((t for t in toks[k + 1 :] if t.pos_ in ("NOUN", "PROPN")), None)
        if head is not None and head.lemma_.lower() in _FOR_SOMEONE:
            owner = [t for t in toks[:k] if t.pos_ in ("NOUN", "PROPN", "ADJ", "DET")]
            nouns = [t for t in owner if t.pos_ in ("NOUN", "PROPN")]
            return owner if nouns and nouns[-1].lemma_.lower() not in _NOT_A_PERSON else None
    return None


def _denied_act(words: list, tokens: list) -> bool:
    """What is denied opens on a gerund ("threatening her", "ever taking", "having lifted"): the denier's own act."""
    if not words or any(t.tag_ in _FINITE for t in tokens):
        return False  # "rising costs had forced the sale": a gerund in a subject, with the clause's own verb
    first = words[0]
    if first.tag_ == "VBG" and first.lower_ != "being":
        return True
    return len(words) > 1 and first.lower_ in ("ever", "never", "having") and words[1].tag_ in ("VBG", "VBN")
