"""Explainable contradiction signals between two parsed sentences (or short texts).

``signals(premise_doc, hypothesis_doc)`` returns one :class:`Signal` per feature the combiner
in :mod:`analysis.pairs.model` weighs. A *trigger* signal carries a contradiction ``kind`` and
a human-readable explanation ("negation mismatch on 'play': ..."); a *context* signal (word
overlap, modality, length) only moves the score and never names a kind. So every positive
verdict can say which trigger fired.

Alignment is lexical: lemmas of content words. A negation only counts when the clause it
negates is about what the other side says (its content words appear there), which separates
"There is no cat sleeping" / "A cat is sleeping" from "There is no cat sleeping" / "A dog runs".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import lexicon as lx

__all__ = ["FEATURES", "Signal", "Side", "TRIGGER_KINDS", "signals"]

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
_LIGHT_LEMMAS = frozenset(
    {"be", "have", "do", "say", "tell", "also", "then", "there", "here", "now", "so", "just", "very", "only",
     "even", "still", "well", "get", "make", "one", "-pron-", "which", "who", "what", "when", "where", "how"}
)  # fmt: skip
_APPROX = frozenset({"about", "around", "nearly", "almost", "approximately", "roughly", "some", "over", "more",
                     "less", "fewer", "than", "least", "most", "up", "several", "estimated", "under"})  # fmt: skip
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
_OBJ = frozenset({"dobj", "pobj", "attr", "oprd", "dative"})
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUMERIC = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")

# trigger feature -> contradiction kind; context features have no kind.
TRIGGER_KINDS: dict[str, str] = {
    "neg_aligned": "negation",
    "neg_weak": "negation",
    "neg_quantifier": "negation",
    "neg_struct": "negation",
    "neg_full": "negation",
    "neg_cov3": "negation",
    "antonym": "antonym",
    "antonym_particle": "antonym",
    "antonym_weak": "antonym",
    "exclusive_person": "antonym",
    "exclusive_thing": "antonym",
    "exclusive_colour": "antonym",
    "slot_mismatch": "antonym",
    "slot_mismatch_name": "antonym",
    "quantity": "quantity",
    "date_time": "date_time",
    "denial": "denial",
    "retraction": "retraction",
    "unconfirmed": "unconfirmed",
}
_CONTEXT = (
    "neg_uncovered",
    "neg_exclusive",
    "extra_h",
    "extra_p",
    "struct_h",
    "overlap_h",
    "overlap_p",
    "overlap_min",
    "modal_h",
    "modal_p",
    "log_len_p",
    "log_len_h",
    "new_names_h",
)
FEATURES: tuple[str, ...] = (*TRIGGER_KINDS, *_CONTEXT)


@dataclass(frozen=True)
class Signal:
    """One feature value; ``kind`` and ``explanation`` are set when it can justify a contradiction."""

    name: str
    value: float
    kind: str | None = None
    explanation: str = ""


@dataclass
class Side:
    """What the signals need from one parsed text, computed once."""

    doc: Doc
    lower: str
    content: set[str] = field(default_factory=set)
    all_lemmas: set[str] = field(default_factory=set)
    negated: list[tuple[Token, Token, set[str]]] = field(default_factory=list)  # (marker, clause head, clause content)
    negated_heads: set[str] = field(default_factory=set)
    modal: bool = False
    numbers: dict[str, list[tuple[float, bool, str]]] = field(default_factory=dict)  # unit -> [(value, approx, text)]
    years: set[str] = field(default_factory=set)
    slots: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (verb lemma, role) -> filler lemmas
    names: set[str] = field(default_factory=set)
    by_lemma: dict[str, list[Token]] = field(default_factory=dict)
    general: set[str] = field(default_factory=set)  # hypernyms of its words: what a general negation covers
    stems: set[str] = field(default_factory=set)


def _lemma(t: Token) -> str:
    """Lower-case lemma, with plain synonyms folded to one form (lexicon.SYNONYMS) so the sides align."""
    lem = t.lemma_.lower() if t.lemma_ else t.lower_
    return lx.SYNONYMS.get(lem, lem)


_VOWELS = frozenset("aeiou")
_MAX_OCCURRENCES = 8
_EDGE_WINDOW = 12  # content words further apart than this in a sentence are rarely 2 tree edges apart


def _stem(word: str) -> str:
    """A crude suffix strip so that a noun-tagged "climbing" meets the verb "climb" (only for matching)."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + keep
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in _VOWELS and base[-1] not in "ls":
                base = base[:-1]  # running -> run, stopped -> stop
            return base
    return word


def _is_content(t: Token) -> bool:
    lem = _lemma(t)
    return (
        t.pos_ in _CONTENT_POS
        and not t.is_punct
        and lem not in _LIGHT_LEMMAS
        and lem not in lx.NEGATION_LEMMAS
        and (not t.is_stop or t.pos_ in ("NUM", "PROPN"))
    )


def _clause_head(t: Token) -> Token:
    """Nearest verb (or sentence root) governing ``t``: the clause a negation marker negates."""
    cur = t.head if t.dep_ in ("neg", "det", "advmod", "preconj", "cc") else t
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _negation_scope(marker: Token) -> Token:
    """Token the marker negates: the verb/adjective for "not", the noun's verb for "no X"/"nobody"."""
    head = _clause_head(marker)
    # "There is no man speaking": the clause head is "is"; the content is in its subtree anyway.
    return head


def _number_value(t: Token) -> float | None:
    text = t.lower_.replace(",", "")
    if _NUMERIC.match(text):
        try:
            return float(text)
        except ValueError:
            return None
    return lx.NUMBER_WORDS.get(t.lower_)


def _unit_of(t: Token) -> str:
    """The measured thing a number token counts: its head noun, or "percent"."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.lower_ in ("%", "percent", "per"):
        return "percent"
    head = t.head
    # "11,000 troops": nummod -> troops; "number of troops was 11,000": attr -> subject
    hops = 0
    while head.pos_ == "NUM" and head.head is not head and hops < 3:
        head = head.head
        hops += 1
    if head is t or head.pos_ not in ("NOUN", "PROPN"):
        return ""
    return _lemma(head)


def build_side(doc: Doc) -> Side:
    """Precompute lemmas, negation scopes, numbers, years and role fillers of ``doc``."""
    side = Side(doc=doc, lower=" " + " ".join(t.lower_ for t in doc) + " ")
    date_tokens = {t.i for ent in doc.ents if ent.label_ in ("DATE", "TIME") for t in ent}
    for t in doc:
        lem = _lemma(t)
        side.all_lemmas.add(lem)
        side.all_lemmas.add(t.lower_)
        side.stems.add(_stem(lem))
        side.stems.add(_stem(t.lower_))
        if _is_content(t):
            side.content.add(lem)
            side.general |= lx.HYPERNYMS.get(lem, frozenset())
            side.by_lemma.setdefault(lem, []).append(t)
        if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            side.names.add(lem)
        if lem in lx.NEGATION_LEMMAS or t.lower_ in ("n't", "not", "never"):
            head = _negation_scope(t)
            clause = {_lemma(x) for x in head.subtree if _is_content(x)}
            side.negated.append((t, head, clause))
            side.negated_heads.add(_lemma(head))
        if lem in lx.MODAL_LEMMAS or t.tag_ == "MD" and lem not in ("can", "will", "must", "shall"):
            side.modal = True
        if t.tag_ == "MD" and lem == "will":
            side.modal = True  # future: not a stated fact yet
        if _YEAR.match(t.text) and (t.i in date_tokens or t.ent_type_ == "" or t.pos_ == "NUM"):
            side.years.add(t.text)
            continue
        value = _number_value(t) if (t.pos_ == "NUM" or t.like_num) else None
        if value is not None and t.i not in date_tokens:
            approx = any(c.lower_ in _APPROX for c in t.children) or (t.i > 0 and doc[t.i - 1].lower_ in _APPROX)
            side.numbers.setdefault(_unit_of(t), []).append((value, approx, t.text))
        if t.dep_ in _SUBJ | _OBJ and t.pos_ in ("NOUN", "PROPN"):
            verb = t.head.head if t.dep_ == "pobj" else t.head
            if verb.pos_ in ("VERB", "AUX"):
                role = "subj" if t.dep_ in _SUBJ else ("obj" if t.dep_ != "pobj" else f"prep:{t.head.lower_}")
                side.slots.setdefault((_lemma(verb), role), set()).add(lem)
    return side


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree (99 across sentences)."""
    if a.sent.start != b.sent.start:
        return 99
    up_a = [a, *a.ancestors]
    depth = {t.i: d for d, t in enumerate(up_a)}
    for d_b, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return depth[t.i] + d_b
    return 99


def _edges(tokens: list[Token]) -> list[tuple[Token, Token]]:
    """Pairs of content tokens close in the tree (distance <= 2): the relations a clause states.

    Only pairs within one sentence (across sentences there is no tree path), so the cost grows with
    sentence length, not with the length of the text.
    """
    by_sent: dict[int, list[Token]] = {}
    for t in tokens:
        if _is_content(t):
            by_sent.setdefault(t.sent.start, []).append(t)
    return [
        (a, b)
        for content in by_sent.values()
        for i, a in enumerate(content)
        for b in content[i + 1 : i + 1 + _EDGE_WINDOW]
        if _tree_distance(a, b) <= 2
    ]


def _edge_support(tokens: list[Token], other: Side) -> float:
    """Share of a clause's relations whose two words also stand close together on the other side.

    This is what separates "Fox was never the nominee" (Fox and nominee far apart in "Fox will
    meet the nominee Bush") from a true negation of what the other side states.
    """
    edges = _edges(tokens)
    if not edges:
        return 0.0
    held = 0
    for a, b in edges:
        # a word repeated all over a long text: its first occurrences are enough to find a close pair
        occ_a = other.by_lemma.get(_lemma(a), [])[:_MAX_OCCURRENCES]
        occ_b = other.by_lemma.get(_lemma(b), [])[:_MAX_OCCURRENCES]
        if any(_tree_distance(x, y) <= 3 for x in occ_a for y in occ_b):
            held += 1
    return held / len(edges)


def _coverage(words: set[str], other: Side) -> float:
    if not words:
        return 0.0
    known = other.content | other.all_lemmas | other.general
    return sum(1 for w in words if w in known or _stem(w) in other.stems) / len(words)


def _under_negation(t: Token, side: Side) -> bool:
    return any(t.i in {x.i for x in head.subtree} for _, head, _ in side.negated)


def _negation_signals(p: Side, h: Side, overlap: float) -> list[Signal]:
    """Unmatched negations: a clause negated on one side whose head is not negated on the other."""
    best, best_expl, weak, quant, struct, uncovered, exclusive = 0.0, "", 0.0, 0.0, 0.0, 3, 0.0
    for a, b, label in ((h, p, "hypothesis"), (p, h, "premise")):
        for marker, head, clause in a.negated:
            head_lem = _lemma(head)
            if head_lem in b.negated_heads:
                continue  # both sides negate the same predicate
            cov = _coverage(clause, b)
            head_shared = head_lem in b.all_lemmas and head_lem not in _LIGHT_LEMMAS
            score = cov * (1.0 if head_shared or not clause else 0.85)
            if marker.lower_ in ("no", "nobody", "nothing", "none", "noone"):
                quant = max(quant, cov)
            struct = max(struct, cov * _edge_support(list(head.subtree), b))
            missing = clause - b.content - b.all_lemmas - b.general
            uncovered = min(uncovered, len(missing))
            # "no man is cutting onions" / "a woman is cutting an onion": the negation is about someone else
            if any(lx.exclusive_group(m, w) for m in missing for w in b.content - a.content):
                exclusive = 1.0
            if score > best:
                best = score
                best_expl = (
                    f"negation mismatch: the {label} says '{marker.text} ... {head.text}', the other side asserts it "
                    f"({cov:.0%} of the negated clause's content words are shared)"
                )
            weak = max(weak, 1.0)
    a_neg = bool(weak)
    out = [Signal("neg_aligned", best, "negation", best_expl)]
    out.append(Signal("neg_weak", weak * overlap, "negation", "a negation on one side only" if weak else ""))
    out.append(Signal("neg_quantifier", quant, "negation", best_expl if quant else ""))
    out.append(Signal("neg_struct", struct, "negation", best_expl if struct else ""))
    out.append(Signal("neg_full", float(best >= 0.99), "negation", best_expl if best >= 0.99 else ""))
    out.append(Signal("neg_cov3", best**3, "negation", best_expl if best else ""))
    # context: words of the negated clause the other side never mentions ("no dog ... chasing a ball")
    out.append(Signal("neg_uncovered", (min(uncovered, 3) / 3.0) if a_neg else 0.0))
    out.append(Signal("neg_exclusive", exclusive))
    return out


def _rest_overlap(p: Side, h: Side, lp: str, lh: str) -> float:
    """How far the two sides agree once the contrasted words are set aside (1.0: a minimal pair)."""
    ch, cp = h.content - {lh}, p.content - {lp}
    ov_h = len(ch & p.all_lemmas) / len(ch) if ch else 1.0
    ov_p = len(cp & h.all_lemmas) / len(cp) if cp else 1.0
    return min(ov_h, ov_p) ** 2


_PREDICATE_DEPS = frozenset({"ROOT", "acomp", "attr", "oprd", "xcomp", "ccomp"})


def _same_slot(tp: Token, th: Token) -> bool:
    """Both words fill the same place: same role, both the main predicate, or attached to the same word."""
    if _role(tp) == _role(th) or (tp.dep_ in _PREDICATE_DEPS and th.dep_ in _PREDICATE_DEPS):
        return True
    return _lemma(tp.head) == _lemma(th.head) and tp.head is not tp and th.head is not th


def _antonym_signals(p: Side, h: Side, overlap: float) -> list[Signal]:
    best, expl, best_part, expl_part, best_weak, expl_weak = 0.0, "", 0.0, "", 0.0, ""
    h_tokens: dict[str, list[Token]] = {}
    for th in h.doc:
        h_tokens.setdefault(_lemma(th), []).append(th)
    for tp in p.doc:
        lp = _lemma(tp)
        if lp not in lx.ANTONYMS or lp in h.all_lemmas:
            continue
        for th in (t for opposite in lx.ANTONYMS[lp] for t in h_tokens.get(opposite, ())):
            lh = _lemma(th)
            if lh in p.all_lemmas:
                continue
            if _under_negation(tp, p) != _under_negation(th, h):
                continue  # "did not rise" vs "fell" agree
            particle = tp.pos_ in ("ADP", "PART") or th.pos_ in ("ADP", "PART")
            value = _rest_overlap(p, h, lp, lh) * (1.0 if _same_slot(tp, th) else 0.5)
            text = f"antonyms: '{tp.text}' vs '{th.text}' on otherwise shared content ({value:.0%} agreement)"
            weak = lx.weak_opposites(lp, lh) or tp.dep_ == "amod" or th.dep_ == "amod"
            if particle:
                if value > best_part:
                    best_part, expl_part = value, text
            elif weak:
                if value > best_weak:
                    best_weak, expl_weak = value, text
            elif value > best:
                best, expl = value, text
    return [
        Signal("antonym", best, "antonym", expl),
        Signal("antonym_particle", best_part, "antonym", expl_part),
        Signal("antonym_weak", best_weak, "antonym", expl_weak),
    ]


def _role(t: Token) -> str:
    if t.dep_ in _SUBJ:
        return "subj"
    if t.dep_ in ("amod", "compound", "nmod", "poss"):
        return f"mod:{_lemma(t.head)}"
    if t.dep_ in _OBJ:
        return "obj"
    return t.dep_


def _exclusive_signals(p: Side, h: Side, overlap: float) -> list[Signal]:
    found: dict[str, tuple[float, str]] = {}
    h_members = [th for th in h.doc if _lemma(th) in lx.GROUPED and _lemma(th) not in p.all_lemmas]
    for tp in p.doc:
        lp = _lemma(tp)
        if lp in h.all_lemmas or lp not in lx.GROUPED:
            continue
        for th in h_members:
            lh = _lemma(th)
            group = lx.exclusive_group(lp, lh)
            if group is None or _role(tp) != _role(th):
                continue
            feature = {"gender": "exclusive_person", "age": "exclusive_person", "colour": "exclusive_colour"}.get(
                group, "exclusive_thing"
            )
            if group in ("weekday", "month", "season"):
                feature = "date_time"
            value = _rest_overlap(p, h, lp, lh)
            if value > found.get(feature, (0.0, ""))[0]:
                found[feature] = (
                    value,
                    f"exclusive {group}: '{tp.text}' vs '{th.text}' in the same role ({value:.0%} agreement otherwise)",
                )
    out = []
    for name in ("exclusive_person", "exclusive_thing", "exclusive_colour"):
        value, text = found.get(name, (0.0, ""))
        out.append(Signal(name, value, "antonym", text))
    if "date_time" in found:
        value, text = found["date_time"]
        out.append(Signal("date_time", value, "date_time", text))  # merged with the year check by the caller
    return out


def _slot_signals(p: Side, h: Side) -> list[Signal]:
    """Same predicate, different filler in the same role: "X won the race" vs "Y won the race"."""
    best_name, expl_name, best, expl = 0.0, "", 0.0, ""
    for key, fillers_h in h.slots.items():
        fillers_p = p.slots.get(key)
        if not fillers_p or key[0] in _LIGHT_LEMMAS or fillers_p & fillers_h:
            continue
        new_h = {f for f in fillers_h if f not in p.all_lemmas}
        new_p = {f for f in fillers_p if f not in h.all_lemmas}
        if not new_h or not new_p:
            continue
        text = f"exclusive roles: '{sorted(new_p)[0]}' vs '{sorted(new_h)[0]}' as {key[1]} of '{key[0]}'"
        if new_h & h.names and new_p & p.names:
            best_name, expl_name = 1.0, text
        else:
            best, expl = 1.0, text
    return [
        Signal("slot_mismatch", best, "antonym", expl),
        Signal("slot_mismatch_name", best_name, "antonym", expl_name),
    ]


def _compatible(a: tuple[float, bool, str], b: tuple[float, bool, str]) -> bool:
    va, approx_a, _ = a
    vb, approx_b, _ = b
    if va == vb:
        return True
    tol = 0.15 if (approx_a or approx_b) else 0.005
    return abs(va - vb) <= tol * max(abs(va), abs(vb))


def _quantity_signal(p: Side, h: Side, overlap: float) -> Signal:
    for unit, hv in h.numbers.items():
        pv = p.numbers.get(unit)
        if not unit or not pv:
            continue
        if not any(_compatible(a, b) for a in pv for b in hv):
            return Signal(
                "quantity",
                0.5 + 0.5 * overlap,  # the unit already aligns the two numbers; overlap says how much else does
                "quantity",
                f"quantity mismatch on '{unit}': {pv[0][2]} vs {hv[0][2]}",
            )
    return Signal("quantity", 0.0, "quantity")


def _date_signal(p: Side, h: Side, overlap: float, exclusive: Signal | None) -> Signal:
    """Years that cannot both hold, or different weekdays/months in the same role."""
    if p.years and h.years and not (p.years & h.years):
        return Signal(
            "date_time",
            max(overlap, 0.5),
            "date_time",
            f"date mismatch: {', '.join(sorted(p.years))} vs {', '.join(sorted(h.years))}",
        )
    return exclusive if exclusive is not None else Signal("date_time", 0.0, "date_time")


_CUE_ADJ_DEPS = frozenset({"acomp", "attr", "ROOT", "conj", "ccomp", "oprd"})


def _cue(side: Side, lemmas: frozenset[str], phrases: tuple[str, ...]) -> str:
    for t in side.doc:
        if _lemma(t) in lemmas or t.lower_ in lemmas:
            if t.pos_ in ("ADJ", "NOUN") and t.dep_ not in _CUE_ADJ_DEPS:
                continue  # "a fake nose", "a false start": a description, not a speaker rejecting a claim
            return t.text
    for ph in phrases:
        if f" {ph} " in side.lower:
            return ph
    return ""


def _cue_signal(
    name: str, p: Side, h: Side, overlap: float, lemmas: frozenset[str], phrases: tuple[str, ...]
) -> Signal:
    cp, ch = _cue(p, lemmas, phrases), _cue(h, lemmas, phrases)
    if bool(cp) == bool(ch):
        return Signal(name, 0.0, name)
    cue, where = (cp, "premise") if cp else (ch, "hypothesis")
    return Signal(name, max(overlap, 0.2), name, f"{name} cue in the {where}: '{cue}' against the other side's claim")


def signals(premise: Doc, hypothesis: Doc) -> list[Signal]:
    """Every feature of :data:`FEATURES` for one pair, in that order.

    Example:
        >>> nlp = load_nlp(); sig = signals(nlp("Prices rose."), nlp("Prices fell."))
        >>> [s for s in sig if s.name == "antonym"][0].value > 0
        True
    """
    p, h = build_side(premise), build_side(hypothesis)
    return signals_from_sides(p, h)


def signals_from_sides(p: Side, h: Side) -> list[Signal]:
    """Like :func:`signals`, on sides already built with :func:`build_side` (a premise reused for many pairs)."""
    ov_h = len(h.content & p.all_lemmas) / len(h.content) if h.content else 0.0
    ov_p = len(p.content & h.all_lemmas) / len(p.content) if p.content else 0.0
    out: list[Signal] = []
    out += _negation_signals(p, h, ov_h)
    out += _antonym_signals(p, h, ov_h)
    excl = _exclusive_signals(p, h, ov_h)
    out += [s for s in excl if s.name != "date_time"]
    out += _slot_signals(p, h)
    out.append(_quantity_signal(p, h, ov_h))
    out.append(_date_signal(p, h, ov_h, next((s for s in excl if s.name == "date_time"), None)))
    out.append(_cue_signal("denial", p, h, ov_h, lx.DENIAL_LEMMAS, lx.DENIAL_PHRASES))
    out.append(_cue_signal("retraction", p, h, ov_h, lx.RETRACTION_LEMMAS, lx.RETRACTION_PHRASES))
    out.append(_cue_signal("unconfirmed", p, h, ov_h, frozenset({"unconfirmed"}), lx.UNCONFIRMED_PHRASES))
    new_names = len(h.names - p.all_lemmas)
    out += [
        Signal("struct_h", _edge_support(list(h.doc), p)),
        Signal("extra_h", min(len(h.content - p.all_lemmas), 4) / 4.0),
        Signal("extra_p", min(len(p.content - h.all_lemmas), 4) / 4.0),
        Signal("overlap_h", ov_h),
        Signal("overlap_p", ov_p),
        Signal("overlap_min", min(ov_h, ov_p)),
        Signal("modal_h", float(h.modal and not p.modal)),
        Signal("modal_p", float(p.modal and not h.modal)),
        Signal("log_len_p", math.log1p(len(p.doc)) / 5.0),
        Signal("log_len_h", math.log1p(len(h.doc)) / 5.0),
        Signal("new_names_h", min(new_names, 3) / 3.0),
    ]
    by_name = {s.name: s for s in out}
    return [by_name[name] for name in FEATURES]
