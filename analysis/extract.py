"""Article -> attributed statements (one per sentence that says something checkable)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas import Article, Entity, Speaker, Statement, statement_id

from .attribution import Attribution, SpeakerMemory, find_attribution
from .blocking import blocking_keys
from .claims import claim_frame, detect_cue, modality_of, polarity_of
from .dates import find_dates
from .entities import norm_entity
from .quantities import find_quantities

__all__ = ["extract_many", "extract_statements", "statements_from_doc"]

log = logging.getLogger(__name__)

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_OPEN_QUOTES = ('"', "“")
_MIN_TOKENS = 4


def extract_statements(article: Article, nlp: Language) -> list[Statement]:
    """Statements of one article. ``nlp`` comes from ``load_nlp()``."""
    return statements_from_doc(article, nlp(article.text))


def extract_many(articles: list[Article], nlp: Language, batch_size: int = 32) -> list[list[Statement]]:
    """Statements of many articles, batched through ``nlp.pipe`` (same order as ``articles``)."""
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return [statements_from_doc(a, d) for a, d in zip(articles, docs, strict=True)]


def _quote_state(text: str) -> int:
    """Number of straight double quotes plus curly opening minus closing: odd = a quote stays open."""
    return text.count('"') + text.count("“") + text.count("”")


def statements_from_doc(article: Article, doc: Doc) -> list[Statement]:
    """Build statements from an already processed ``Doc`` of ``article.text``."""
    memory = SpeakerMemory(source=article.source)
    sents = [s for s in doc.sents if s.text.strip()]
    attrs: list[Attribution] = []
    for sent in sents:
        memory.learn(sent)
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

    out: list[Statement] = []
    speakers: dict[int, Speaker] = {}
    memory = SpeakerMemory(source=article.source)
    for k, sent in enumerate(sents):
        memory.learn(sent)
        attr = attrs[k]
        if attr.speaker_span is not None:
            speaker = memory.resolve(attr.speaker_span)
            memory.last_speaker = speaker
            if speaker.type == "person":
                memory.last_person = speaker.name
        elif k in inherited and inherited[k] in speakers:
            speaker = speakers[inherited[k]]
        else:
            speaker = Speaker(name=article.source, type="outlet")
        speakers[k] = speaker
        st = _statement(article, sent, attr, speaker, k in inherited)
        if st is not None:
            out.append(st)
    return out


def _statement(article: Article, sent: Span, attr: Attribution, speaker: Speaker, quoted: bool) -> Statement | None:
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    if len([t for t in sent if not t.is_punct and not t.is_space]) < _MIN_TOKENS or text.endswith("?"):
        return None
    start = sent.start_char + lead
    end = start + len(text)
    doc = sent.doc
    if attr.claim_start is not None and attr.claim_end is not None and attr.claim_end > attr.claim_start:
        claim_tokens = list(doc[attr.claim_start : attr.claim_end])
    else:
        claim_tokens = [t for t in sent]
    claim_tokens = [t for t in claim_tokens if not t.is_space]
    claim_text = _span_text(claim_tokens) or text
    cue, cue_word = detect_cue(text, claim_text, attr.cue_lemma)
    content = _without_cue(claim_tokens, cue_word) if cue in ("deny", "not_confirmed", "retract") else claim_tokens
    reported = attr.cue_index is not None and doc[attr.cue_index].tag_ in ("VBD", "VBN")
    polarity = polarity_of(content)
    modality = modality_of(content, reported)
    lemma_of = {t.idx - sent.start_char: (t.lemma_.lower(), t.pos_) for t in sent}
    quantities = find_quantities(raw, offset=sent.start_char, lemma_of=lemma_of)
    dates = find_dates(text, article.published_at)
    entities = [
        Entity(text=e.text, label=e.label_, norm=norm_entity(e.text, e.label_))
        for e in sent.ents
        if e.label_ in _ENTITY_LABELS and (attr.speaker_span is None or not _inside(e, attr.speaker_span))
    ]
    frame = claim_frame(content)
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
        cue=cue,  # type: ignore[arg-type]
        cue_word=cue_word,
        polarity=polarity,  # type: ignore[arg-type]
        modality=modality,  # type: ignore[arg-type]
        quantities=quantities,
        dates=dates,
        entities=entities,
        claim=frame,
    )
    return st.model_copy(update={"blocking_keys": blocking_keys(st)})


def _inside(e: Span, span: Span) -> bool:
    return e.start >= span.start and e.end <= span.end


def _span_text(tokens: Iterable) -> str:
    tokens = list(tokens)
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].strip(' ,;:"“”')


def _without_cue(tokens: list, cue_word: str | None) -> list:
    """The claim tokens minus the words of the cue phrase ('has not yet confirmed', 'was not true')."""
    if not cue_word or not tokens:
        return tokens
    doc = tokens[0].doc
    base = tokens[0].idx
    raw = doc.text[base : tokens[-1].idx + len(tokens[-1].text)]
    m = re.search(re.escape(cue_word), raw, re.I)
    if not m:
        return tokens
    lo, hi = base + m.start(), base + m.end()
    return [t for t in tokens if not (lo <= t.idx < hi)]
