"""Article -> attributed statements (one per sentence that says something checkable)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas import Article, Entity, Speaker, Statement, statement_id

from .attribution import (
    PHRASAL_DENY,
    Attribution,
    SpeakerMemory,
    ents_in,
    find_attribution,
    inner_relative,
    main_clause_end,
)
from .blocking import blocking_keys
from .claim_frame import claim_frame, detect_cue, modality_of, phrasal_verb, polarity_of, speaker_as_subject
from .dates import find_dates
from .entity_norm import norm_entity
from .lexicon import ACCOUNT_NOUNS, ATTRIBUTION_VERBS, SAID_NOUNS
from .quantities import find_quantities, people_count

__all__ = ["extract_many", "extract_statements", "statements_from_doc"]

log = logging.getLogger(__name__)

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_OPEN_QUOTES = ('"', "“")
_MIN_TOKENS = 4
_MAX_TOKENS = 80
# Page furniture that crawlers keep: galleries, sign-up boxes, share buttons, copyright lines.
_BOILERPLATE = re.compile(
    r"\b(?:skip in|embed|sign up|newsletter|subscribe|continue reading|click here|cookies?|all rights reserved|"
    r"copyright|follow us|read more|share this|getty images|advertisement|hide caption|"
    r"just watched|must watch|replay|file photo|more videos|caption|this (?:\w+ ){0,4}photo|"
    r"this article was (?:amended|updated|corrected))\b|©|\b\d+ of \d+ photos|\b(?:photos?|image|video|watch):",
    re.I,
)


def extract_statements(article: Article, nlp: Language) -> list[Statement]:
    """Statements of one article. ``nlp`` comes from ``load_nlp()``."""
    return statements_from_doc(article, nlp(article.text))


def extract_many(articles: list[Article], nlp: Language, batch_size: int = 64) -> list[list[Statement]]:
    """Statements of many articles, batched through ``nlp.pipe`` (same order as ``articles``)."""
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return [statements_from_doc(a, d) for a, d in zip(articles, docs, strict=True)]


def _quote_state(text: str) -> int:
    """Number of straight double quotes plus curly opening minus closing: odd = a quote stays open."""
    return text.count('"') + text.count("“") + text.count("”")


def statements_from_doc(article: Article, doc: Doc) -> list[Statement]:
    """Build statements from an already processed ``Doc`` of ``article.text``."""
    sents = [s for s in doc.sents if s.text.strip()]
    attrs: list[Attribution] = []
    for sent in sents:
        attrs.append(find_attribution(sent))
    # A quote that spans sentences belongs to whoever is named where it opens or closes.
    inherited: dict[int, int] = {}
    k = 0
    while k < len(sents):
        stripped = sents[k].text.strip()
        if stripped.startswith(_OPEN_QUOTES) and _quote_state(stripped) % 2 == 1:
            j = k
            run = [k]
            while j + 1 < len(sents) and _quote_state(" ".join(sents[m].text for m in run)) % 2 == 1:
                j += 1
                run.append(j)
                if "\n" in sents[j - 1].text_with_ws[-2:]:
                    break
            owner = next((m for m in run if attrs[m].speaker_span is not None), None)
            if owner is not None:
                for m in run:
                    if attrs[m].speaker_span is None:
                        inherited[m] = owner
            k = j + 1
            continue
        # '"Second quoted sentence."' right after '"First," X said.' in the same paragraph.
        if stripped.startswith(_OPEN_QUOTES) and attrs[k].speaker_span is None and k > 0:
            prev = sents[k - 1].text
            if attrs[k - 1].speaker_span is not None and prev.strip().startswith(_OPEN_QUOTES) and "\n" not in prev:
                inherited[k] = inherited.get(k - 1, k - 1)
        k += 1

    # Resolve named speakers in reading order (pronouns and titles refer back), then give quoted
    # sentences without their own attribution the speaker of their quote, before or after them.
    speakers: dict[int, Speaker] = {}
    memory = SpeakerMemory(source=article.source)
    for k, sent in enumerate(sents):
        memory.learn(sent)
        span = attrs[k].speaker_span
        if span is not None:
            speaker = memory.resolve(span)
            memory.last_speaker = speaker
            if speaker.type == "person":
                memory.last_person = speaker.name
            speakers[k] = speaker
    out: list[Statement] = []
    outlet = Speaker(name=article.source, type="outlet")
    for k, sent in enumerate(sents):
        speaker = speakers.get(k) or speakers.get(inherited.get(k, -1)) or outlet
        st = _statement(article, sent, attrs[k], speaker, k in inherited)
        if st is not None:
            out.append(st)
    return out


def _is_question(text: str) -> bool:
    """A question asserts nothing, also inside quotes or brackets ('Want to come?"', 'What are they?]')."""
    return text.rstrip("\"'\u201d\u2019)]").endswith("?")


def _statement(article: Article, sent: Span, attr: Attribution, speaker: Speaker, quoted: bool) -> Statement | None:
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    toks = list(sent)  # one Token object per token, read several times below
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if len(words) < _MIN_TOKENS or len(words) > _MAX_TOKENS or _is_question(text) or _BOILERPLATE.search(text):
        return None
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks):
        return None  # a caption, heading or fragment ("Flight time, 8 hours"), not a claim
    start = sent.start_char + lead
    end = start + len(text)
    doc = sent.doc
    if attr.claim_start is not None and attr.claim_end is not None and attr.claim_end > attr.claim_start:
        claim_tokens = list(doc[attr.claim_start : attr.claim_end])
    else:
        claim_tokens = list(toks)
    claim_tokens = [t for t in claim_tokens if not t.is_space and not _in_dateline(t)]
    claim_text = _span_text(claim_tokens) or text
    cue, cue_word = detect_cue(text, claim_text, attr.cue_lemma)
    if cue_word is not None and cue_word == attr.cue_lemma and attr.cue_index is not None:
        cue_word = doc[attr.cue_index].text  # as written ("denied"), where the cue is found again below
    nested = _nested_denial(claim_tokens) if cue in ("assert", "report") else None
    if nested is not None:
        # "The company denies that P, she said": what is said is a denial of P
        cue, cue_word = "deny", nested[0].text
        content = nested[1]
    elif cue in ("deny", "not_confirmed"):
        content = _content_of_cue(claim_tokens, cue_word, cue, toks)
        asked = _asked_about(toks)
        if asked is not None and len(claim_frame(content).keys) < 2:
            # "Asked about a report that P, the spokesperson would neither confirm nor deny the figure": what is not
            # confirmed is P, named in the question
            content = asked
            claim_text = _span_text(asked) or claim_text
    else:
        # a plain claim is its own content; a retraction keeps both what was taken back and the correction (the judge
        # splits them)
        content = claim_tokens if cue == "retract" else _skip_leading_clause(claim_tokens)
    if cue in ("deny", "not_confirmed"):
        cut = _cut_speaker_conjunct(content)
        # "could not verify his account and had asked for its records": an account named only by reference keeps
        # the rest, else the statement would hold nothing to compare
        if len(cut) < len(content) and set(claim_frame(cut).keys) - ACCOUNT_NOUNS:
            content = cut
    if cue == "retract":
        # "corrected its figure, saying 120 jobs, not 200, would go": a correction named by reference is what it says
        # instead (the judge reads the figure it replaces beside the new one)
        correction = _restatement(toks, content, negated=False)
        content = correction if correction is not None else content
    restated = _restatement(toks, content) if cue in ("deny", "not_confirmed") else None
    if restated is not None:
        # "dismissed the skipper's story as invention, insisting that the vessel had not fired a shot": what is
        # denied is named only by reference; the speaker's own negated account says what it is
        content = restated
    cue_based = cue in ("deny", "not_confirmed", "retract")
    # "according to X, ... would ..." relays speech as a past-tense verb does: its "would" is backshifted
    # and so does a denial or a non-confirmation: "declined to confirm that the leaders would meet" is about a plan
    reported = cue_based or (
        attr.cue_index is not None and (doc[attr.cue_index].tag_ in ("VBD", "VBN") or attr.cue_lemma == "accord")
    )
    # a negated restatement negates the proposition denied, which is itself positive
    polarity = "positive" if restated is not None else polarity_of(content)
    modality = modality_of(content, reported, hearsay_counts=not cue_based)
    # Numbers and dates of a wire dateline ("SARN, July 15 — ") are not part of the claim.
    skip = 0
    if sent.start_char < 80:
        m = _DATELINE.match(article.text[:120])
        if m and m.end() > sent.start_char:
            skip = m.end() - sent.start_char
    inner = _inner_report(content, nouns=cue_based)
    main = inner[: main_clause_end(inner)]
    relative = inner_relative(main)
    aside = (0, 0)
    if relative is not None:
        # "the Swiss Crystal, which had 129 people on board, hit a pillar": what the subject is, not what is said of
        # it (its figures are no count the claim gives, unless it is what a correction takes back: "its notice,
        # which listed 14 batches, had been issued in error")
        if cue != "retract":
            aside = (main[relative[0]].idx, main[relative[1] - 1].idx + 1)
        main = main[: relative[0]] + main[relative[1] :]
    lemma_of = {t.idx - sent.start_char: (t.lemma_.lower(), t.pos_) for t in toks}
    verb_of = _verb_finder(toks)
    found = [
        q
        for q in find_quantities(raw, offset=sent.start_char, lemma_of=lemma_of)
        if q.start >= sent.start_char + skip and not aside[0] <= q.start < aside[1]
    ]
    quantities = [
        # an age belongs to whom it describes, not to an action ("a 4-year-old boy fell")
        q.model_copy(update={"verb": _verb_of_figure(q, article.text, verb_of)})
        for q in found
        if not _previous_value(article.text, q, found)
    ]
    dates = find_dates(raw[skip:], article.published_at)
    entities = [
        Entity(text=e.text, label=e.label_, norm=norm_entity(e.text, e.label_))
        for e in ents_in(sent)
        if e.label_ in _ENTITY_LABELS and content and content[0].i <= e.start and e.end <= content[-1].i + 1
    ]
    frame = speaker_as_subject(
        claim_frame(main), main, attr.speaker_span, speaker.type, speaker.name, denied=cue == "deny"
    )
    if cue in ("deny", "not_confirmed") and ACCOUNT_NOUNS & set(frame.keys):
        # "disputed the company's account": the account is what was said, not what it is about
        frame = frame.model_copy(update={"keys": [k for k in frame.keys if k not in ACCOUNT_NOUNS]})
    if not frame.keys and not quantities:
        return None
    st = Statement(
        id=statement_id(article.id, start, end),
        article_id=article.id,
        source=article.source,
        url=article.url,
        published_at=article.published_at,
        text=text,
        start=start,
        end=end,
        claim_text=claim_text,
        speaker=speaker,
        cue=cue,
        cue_word=cue_word,
        polarity=polarity,
        modality=modality,
        quantities=quantities,
        dates=dates,
        entities=entities,
        claim=frame,
    )
    return st.model_copy(update={"blocking_keys": blocking_keys(st)})


_GENERIC_VERB_WORDS = (
    "be have belong include affect involve total number reach contain hold show estimate count put make get give take "
    "say tell report"
)
_GENERIC_VERBS = frozenset(_GENERIC_VERB_WORDS.split())
# words after a number that open another clause or action: a verb past them is not what the number counts
_CLAUSE_OPENERS = frozenset(["and", "but", "when", "after", "before", "while", "until", "since", "as"])


def _verb_finder(toks: list):
    """The content verb a number goes with: 'Four people died' -> die; 'had recovered six vehicles' -> recover.

    The finder takes a number's offsets in the article (``Token.idx`` is one), not in its sentence."""
    from .attribution import _is_cue
    from .lexicon import SYNONYMS

    def ok(t) -> bool:
        return t.pos_ == "VERB" and t.lemma_.lower() not in _GENERIC_VERBS and not _is_cue(t)

    def lemma(k: int) -> str | None:
        """The verb at ``k`` as the claim keys read it (a two-word verb folded), None when it is a generic one."""
        t = toks[k]
        return phrasal_verb(toks, k) or (SYNONYMS.get(t.lemma_.lower(), t.lemma_.lower()) if ok(t) else None)

    def find(start: int, end: int) -> str | None:
        idx = [k for k, t in enumerate(toks) if start <= t.idx < end]
        if not idx:
            return None
        lo, hi = idx[0], idx[-1]
        # the first verb met decides; a generic one ("belonging to", "affected") says nothing
        for k in range(hi + 1, min(len(toks), hi + 7)):
            t = toks[k]
            if t.text in (",", ";", ":", "(") or t.pos_ in ("SCONJ",) or t.lower_ in _CLAUSE_OPENERS:
                break  # "reached 770 km before landing": the verb of another clause
            if t.pos_ == "VERB":
                return lemma(k)
        for k in range(lo - 1, max(-1, lo - 7), -1):
            t = toks[k]
            if t.text in (",", ";", ":") or t.pos_ in ("SCONJ",):
                break
            if t.pos_ == "VERB":
                return lemma(k)
        return None

    return find


# Verbs that report a claim inside the claim ("negotiators had told the union that P").
_REPORT_VERBS = frozenset(["say", "tell", "write", "announce", "state", "claim", "add", "inform", "reveal", "disclose"])
_LEADING_SUBORDINATORS = frozenset(["when", "after", "before", "as", "while", "once", "although", "though"])


def _skip_leading_clause(tokens: list) -> list:
    """A claim that opens on a subordinate clause of time or concession ("when the actress was able to talk again,
    she revealed that P") asserts what follows its comma; the clause's own verbs ("was able") hedge nothing."""
    if len(tokens) < 8 or tokens[0].lower_ not in _LEADING_SUBORDINATORS:
        return tokens
    comma = next((k for k in range(2, min(len(tokens) - 4, 20)) if tokens[k].text == ","), None)
    # only before a report of its own ("..., she revealed that P"): "after a boy fell in, keepers shot the bear"
    # tells in its first clause what the claim is about
    if comma is None or not any(
        t.pos_ == "VERB" and t.lemma_.lower() in _REPORT_VERBS for t in tokens[comma + 1 : comma + 5]
    ):
        return tokens
    return tokens[comma + 1 :]


def _inner_report(tokens: list, nouns: bool = False) -> list:
    """Nested reported speech: in "negotiators had told the union that P", the claim to compare is P.

    ``nouns`` (what a denial or a non-confirmation is about): also the content clause of a report noun, "dismissed
    as baseless the ministry's claim that P", "could not verify reports in the local press that P" -> P; the
    subject of P, not the claim's owner, is what the other side must share."""
    for k, t in enumerate(tokens[:10]):
        # not a participle adjunct: in "declined to confirm that P, saying only that Q" the claim is P
        if t.pos_ == "VERB" and t.tag_ != "VBG" and t.lemma_.lower() in _REPORT_VERBS:
            if nouns and k > 0 and tokens[k - 1].lower_ in ("and", "but"):
                break  # "denied ever threatening her and said that Q": the speaker's second clause, not what is denied
            # "told shift leaders at a meeting on Monday that P": a hearer and an adjunct may stand in between
            for m in range(k + 1, min(len(tokens) - 2, k + 12)):
                if tokens[m].lower_ == "that":
                    return tokens[m + 1 :]
                if tokens[m].pos_ in ("VERB", "AUX") or tokens[m].text in (";", ":"):
                    break  # another clause: its "that" is not this verb's
    if nouns:
        # the cue phrase may have taken the noun already ("could not verify reports| in the press that P")
        at = next((k for k, t in enumerate(tokens[:12]) if t.pos_ == "NOUN" and t.lower_ in SAID_NOUNS), -1)
        for m in range(at + 1, min(len(tokens) - 2, at + 9)):  # "reports in the Lusengan press that P"
            if tokens[m].lower_ == "that" and _clause_follows(tokens[m + 1 : m + 9]):
                return tokens[m + 1 :]
            if tokens[m].pos_ in ("VERB", "AUX"):
                break  # "the claim was ...": not a content clause
    return tokens


def _asked_about(toks: list) -> list | None:
    """What a sentence opening with a question put to the speaker asks about: "Asked whether P, ..." and "Asked
    about reports that P, ..." -> P; "Asked about P, ..." -> P; None when it does not open so."""
    if len(toks) < 6 or toks[0].lower_ != "asked" or toks[1].lower_ not in ("whether", "if", "about"):
        return None
    comma = next((k for k in range(3, min(len(toks), 45)) if toks[k].text == ","), None)
    if comma is None:
        return None
    part = toks[2:comma]
    return _inner_report(part, nouns=True) if toks[1].lower_ == "about" else part


# The lexicon's denial verbs, but "dismiss" and "contest", which as often take a person or a race ("dismissed the
# minister", "contested the seat"), "call" and "brand", which deny only with the word that says so, and the verbs of
# phrasal denials ("ruled out", "brushed aside"), which deny only with their particle.
_DENY_VERBS = (
    frozenset(v for v, cue in ATTRIBUTION_VERBS.items() if cue == "deny")
    - {"dismiss", "contest", "call", "brand"}
    - PHRASAL_DENY.keys()
)


def _nested_denial(tokens: list) -> tuple | None:
    """(the verb, what it denies) when a reported claim is itself a denial: "The company categorically denies that
    P" (said by its spokeswoman), "The ministry rejected reports that P"; None otherwise.

    The verb must come early (its subject is short: "was quoted by the news agency as flatly denying that P", past
    a long subject, is not read so; measured, it gained no pair) and take a content clause, directly or through a
    report noun.
    """
    for k, t in enumerate(tokens[:9]):
        if t.pos_ != "VERB" or t.lemma_.lower() not in _DENY_VERBS or t.tag_ not in ("VBZ", "VBD", "VBP", "VBG"):
            continue
        for m in range(k + 1, min(len(tokens) - 2, k + 5)):
            w = tokens[m]
            if w.lower_ == "that" and _clause_follows(tokens[m + 1 : m + 9]):
                return t, tokens[m + 1 :]
            if w.pos_ in ("VERB", "AUX") or (w.pos_ == "NOUN" and w.lower_ not in SAID_NOUNS):
                break  # "denied the charges and said that ...": no content clause of the denial
        return None
    return None


_RESTATING = frozenset(["insisting", "saying", "adding", "arguing", "maintaining", "stressing", "noting"])


def _restatement(sentence: list, content: list, negated: bool = True) -> list | None:
    """The negated clause a denial names its target by: "rejected the minister's statement, saying the company had
    made no commitment to repay the aid" -> "the company had made no commitment ...". Only where the denial's own
    content has no verb (it names the claim by reference: a report noun, a possessive, "that account"), and only a
    negated clause: a positive one ("saying the line had been switched off") is another account, not the denied
    claim."""
    if claim_frame(content).predicate:
        return None
    first = next((t for t in content if t.pos_ != "ADV"), None)
    if first is not None and first.tag_ == "VBG":
        return None  # "denied raising the fuel tax, saying ...": the act denied is named, not referred to
    for k in range(1, len(sentence) - 3):
        if sentence[k - 1].text != "," or sentence[k].lower_ not in _RESTATING:
            continue
        rest = sentence[k + 1 :]
        if rest and rest[0].lower_ == "that":
            rest = rest[1:]
        rest = [t for t in rest if not t.is_space]
        while rest and rest[-1].is_punct:
            rest = rest[:-1]
        if _clause_follows(rest[:9]) and (not negated or polarity_of(rest) == "negative"):
            return rest
        return None
    return None


def _clause_follows(rest: list) -> bool:
    """A clause, not a relative one ("reports that were ...") nor a determiner's noun alone."""
    return (
        bool(rest) and rest[0].pos_ not in ("VERB", "AUX") and any(r.tag_ in ("VBD", "VBZ", "VBP", "MD") for r in rest)
    )


def _verb_of_figure(q, text: str, verb_of) -> str | None:
    """The action a figure counts: none for an age (it belongs to whom it describes: "a 4-year-old boy fell"), dying
    for a death toll ("put the death toll at 32" counts what "32 people died" does), attending for a crowd, else the
    nearest verb."""
    if q.unit == "age":
        return None
    counted = people_count(text, q.start) if q.unit == "person" else None
    return counted or verb_of(q.start, q.end)


def _previous_value(text: str, q, found: list) -> bool:
    """'rose to 21% from 19%', 'down from 17 weeks': the 'from' value is the old one, not what is claimed."""
    before = text[max(0, q.start - 12) : q.start].lower()
    if not re.search(r"\b(?:from|up from|down from|compared with|compared to|against)\s*$", before):
        return False
    return any(o is not q and o.unit == q.unit for o in found)


def _inside(e: Span, span: Span) -> bool:
    return e.start >= span.start and e.end <= span.end


def _doc_text(doc: Doc) -> str:
    """The document text; ``Doc.text`` rebuilds it from the tokens on every call, so keep it once."""
    text = doc.user_data.get("contraflow_text")
    if text is None:
        text = doc.user_data["contraflow_text"] = doc.text
    return text


def _span_text(tokens: Iterable) -> str:
    tokens = list(tokens)
    if not tokens:
        return ""
    doc = tokens[0].doc
    return _doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].strip(' ,;:"“”')


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'/-]+(?:,\s*[A-Z][\w .'-]*)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([\w .]+\)\s*)?[—–-]+\s*"
)
_REPORTED_LEAD = {"report", "reports", "claim", "claims", "allegation", "allegations", "suggestion", "suggestions",
                  "information", "that", "a", "the", "any", "about", "of", "rumours", "rumors"}  # fmt: skip


def _in_dateline(t) -> bool:
    """Tokens of a wire dateline ('BRACKENFORD, March 11 — ') are not part of any claim."""
    if t.idx > 80:
        return False
    m = _DATELINE.match(_doc_text(t.doc)[:120])
    return m is not None and t.idx < m.end()


def _cued_before_claim(toks: list, claim_tokens: list, cue_word: str | None) -> list:
    """What a cue that is not in the claim's span is about: in "X declined to confirm that P, saying only that Q"
    the attribution takes Q as the claim, but what was not confirmed is P (up to the next comma); [] when the cue
    comes after the claim."""
    if not cue_word or not toks or not claim_tokens:
        return []
    doc = toks[0].doc
    base = toks[0].idx
    sentence = _doc_text(doc)[base : toks[-1].idx + len(toks[-1].text)]
    m = re.search(re.escape(cue_word), sentence, re.I)
    if m is None or base + m.end() > claim_tokens[0].idx:
        return []
    span: list = []
    for t in toks:
        if t.idx < base + m.end() or t.is_space:
            continue
        if t.idx >= claim_tokens[0].idx:
            # the cue's words run on into the claim ("rejected as fabricated the assertion that P"): the claim
            # is what the cue is about
            return []
        if t.text in (",", ";", ":"):
            break
        span.append(t)
    span = _strip_lead(span)
    return span if sum(t.is_alpha for t in span) >= 2 else []


def _content_of_cue(tokens: list, cue_word: str | None, cue: str, sentence: list) -> list:
    """What is denied or not confirmed, without the cue phrase: ``tokens`` are the claim's, ``sentence`` all of it.

    "X has not confirmed that P" -> P (X is who did not confirm); "reports that P were not true" -> P;
    "K had nothing to do with the attack" -> "K ... the attack"; a cue before the claim's span reads its own
    clause (:func:`_cued_before_claim`).
    """
    if not tokens:
        return tokens
    doc = tokens[0].doc
    base = tokens[0].idx
    raw = _doc_text(doc)[base : tokens[-1].idx + len(tokens[-1].text)]
    m = re.search(re.escape(cue_word), raw, re.I) if cue_word else None
    if m is None:
        # the cue is the attribution verb itself ("X denied that ..."): the claim already is the content, unless
        # the cue stands before the claim's span with a clause of its own
        return _cued_before_claim(sentence, tokens, cue_word) or _strip_lead(tokens)
    lo, hi = base + m.start(), base + m.end()
    after = [t for t in tokens if t.idx >= hi]
    before = [t for t in tokens if t.idx < lo]
    if cue == "deny":
        return _strip_lead(before + after)
    if any(t.is_alpha for t in after) or not before:
        return _strip_lead(after)
    return _strip_lead(before)


# "denied that P and said Q", "had not confirmed that P and was still waiting for Q": a verb conjoined to P with no
# subject of its own that reports or says what the speaker is doing is the speaker's second statement, not part of
# what is denied (its words and dates would count as the denied content's).
_SPEAKER_ACTS = frozenset(
    ["say", "add", "insist", "call", "ask", "urge", "promise", "vow", "warn", "note", "stress", "describe", "tell",
     "accuse", "refuse", "decline", "pledge", "demand"]
)  # fmt: skip
# ... and the work still under way: "and was still analysing the malware" (progressive, or with "still")
_ONGOING_WORK = frozenset(
    ["wait", "investigate", "examine", "analyse", "analyze", "review", "study", "assess", "check"]
)


def _cut_speaker_conjunct(tokens: list) -> list:
    """``tokens`` up to a conjoined verb phrase of the speaker's own (see ``_SPEAKER_ACTS``)."""
    for k in range(2, len(tokens) - 1):
        if tokens[k].lower_ != "and":
            continue
        j, still, aux = k + 1, False, False
        while j < len(tokens) and j <= k + 3 and (tokens[j].pos_ == "AUX" or tokens[j].tag_ in ("RB", "MD")):
            still = still or tokens[j].lower_ == "still"
            aux = aux or tokens[j].lemma_.lower() == "be"
            j += 1
        if j >= len(tokens) or tokens[j].pos_ != "VERB":
            continue
        lemma = tokens[j].lemma_.lower()
        if lemma in _SPEAKER_ACTS or (lemma in _ONGOING_WORK and (still or (aux and tokens[j].tag_ == "VBG"))):
            return tokens[:k]
    return tokens


def _strip_lead(tokens: list) -> list:
    k = 0
    while k < len(tokens) - 2 and (tokens[k].lower_ in _REPORTED_LEAD or tokens[k].is_punct):
        k += 1
    return tokens[k:]
