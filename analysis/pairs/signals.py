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
    "polarity_flip": "negation",
    "polarity_flip_full": "negation",
    "polarity_flip_roles": "negation",
    "date_misattached": "date_time",
    "quantity_misattached": "quantity",
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
    "neg_narrower",
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
    "align_found",
    "align_support",
    "align_modal",
    "align_same_polarity",
    "align_roles",
    "cov_h",
    "cov_sent",
    "cov_names",
    "new_numbers_h",
    "neg_h_only",
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
    by_stem: dict[str, list[Token]] = field(default_factory=dict)  # stem of a content word -> its tokens
    by_prefix: dict[str, list[str]] = field(default_factory=dict)  # first 4 letters -> content lemmas
    by_hypernym: dict[str, list[Token]] = field(default_factory=dict)  # "person" -> tokens of "man", "woman"
    number_texts: set[str] = field(default_factory=set)
    partial_units: set[str] = field(default_factory=set)  # counted in parts: "a boy ... and two other boys"


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


def _attribute_negation(marker: Token) -> bool:
    """ "a man with no shirt": the "no" only describes a noun (he is shirtless); the clause is still asserted."""
    if marker.lower_ != "no" or marker.dep_ != "det":
        return False
    noun = marker.head
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("with", "without") and prep.head.pos_ in ("NOUN", "PROPN", "PRON")


def _partitive(t: Token) -> bool:
    """A measure or group noun before "of" ("a bowl of cereal", "a group of children"): the words after "of" carry
    what is said, so the measure noun itself need not be found on the other side."""
    return _lemma(t) in lx.PARTITIVE_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)


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
            side.by_stem.setdefault(_stem(lem), []).append(t)
            for hyper in lx.HYPERNYMS.get(lem, ()):
                side.by_hypernym.setdefault(hyper, []).append(t)
            if len(lem) >= 4 and lem not in side.by_prefix.get(lem[:4], ()):
                side.by_prefix.setdefault(lem[:4], []).append(lem)
        if t.like_num or t.pos_ == "NUM":
            side.number_texts.add(t.lower_.replace(",", ""))
        if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            side.names.add(lem)
        if (lem in lx.NEGATION_LEMMAS or t.lower_ in ("n't", "not", "never")) and not _attribute_negation(t):
            head = _negation_scope(t)
            clause = {_lemma(x) for x in head.subtree if _is_content(x) and not _partitive(x)}
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
    _mark_partial_counts(side)
    return side


def _mark_partial_counts(side: Side) -> None:
    """Units whose number is only part of the count: the noun comes up again ("one man ... and another man",
    "a boy ... and two other boys") or a pronoun stands for more of them ("a dog and another one")."""
    counted: dict[str, int] = {}  # noun -> mentions with a count of their own ("a boy", "two other boys")
    for t in side.doc:
        if t.pos_ in ("NOUN", "PROPN"):
            mods = {c.lower_ for c in t.children if c.dep_ in ("det", "nummod", "amod")}
            if mods & {"other", "another"}:
                counted[_lemma(t)] = counted.get(_lemma(t), 0) + 2
            elif mods & {"a", "an", "one"} or any(c.dep_ == "nummod" for c in t.children):
                counted[_lemma(t)] = counted.get(_lemma(t), 0) + 1
    side.partial_units |= {unit for unit in side.numbers if counted.get(unit, 0) > 1}
    if any(t.lower_ in ("another", "other") and t.head.lower_ in ("one", "ones") for t in side.doc):
        side.partial_units |= set(side.numbers)


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
        occ_a = _aligned(a, other)
        occ_b = _aligned(b, other)
        if any(_tree_distance(x, y) <= 3 for x in occ_a for y in occ_b):
            held += 1
    return held / len(edges)


def _coverage(words: set[str], other: Side) -> float:
    """Share of ``words`` the other side states: the word itself or a more specific one ("no child" / "a boy")."""
    if not words:
        return 0.0
    known = other.content | other.all_lemmas | other.general
    return sum(1 for w in words if w in known or _stem(w) in other.stems) / len(words)


def _narrower(words: set[str], other: Side) -> list[str]:
    """Words of a negated clause that the other side only states in a more general form: "no man is riding" /
    "a person is riding" (the person may be a woman), "is not frying fish" / "is cooking fish". Negation turns
    entailment around, so a narrower negated claim does not contradict the broader one."""
    known = other.content | other.all_lemmas | other.general
    return sorted(
        w
        for w in words
        if w not in known and _stem(w) not in other.stems and lx.HYPERNYMS.get(w, frozenset()) & other.content
    )


def _under_negation(t: Token, side: Side) -> bool:
    return any(t.i in {x.i for x in head.subtree} for _, head, _ in side.negated)


def _negation_signals(p: Side, h: Side, overlap: float) -> list[Signal]:
    """Unmatched negations: a clause negated on one side whose head is not negated on the other."""
    best, best_expl, weak, quant, struct, uncovered, exclusive, narrower = 0.0, "", 0.0, 0.0, 0.0, 3, 0.0, 1.0
    for a, b, label in ((h, p, "hypothesis"), (p, h, "premise")):
        for marker, head, clause in a.negated:
            head_lem = _lemma(head)
            if head_lem in b.negated_heads:
                continue  # both sides negate the same predicate
            cov = _coverage(clause, b)
            # a light head ("There is no man eating"): the clause's content words carry the claim on their own
            head_shared = head_lem in _LIGHT_LEMMAS or head_lem in b.all_lemmas
            score = cov * (1.0 if head_shared or not clause else 0.85)
            if marker.lower_ in ("no", "nobody", "nothing", "none", "noone"):
                quant = max(quant, cov)
            struct = max(struct, cov * _edge_support(list(head.subtree), b))
            missing = clause - b.content - b.all_lemmas - b.general
            narrower = min(narrower, float(bool(_narrower(clause, b))))
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
    out.append(Signal("neg_narrower", narrower if a_neg else 0.0))
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


def _kin(word: str, others: set[str]) -> bool:
    """``word`` is a kind of one of ``others`` or the other way round (lexicon.HYPERNYMS)."""
    return bool(lx.HYPERNYMS.get(word, frozenset()) & others) or any(word in lx.HYPERNYMS.get(o, ()) for o in others)


def _slot_signals(p: Side, h: Side) -> list[Signal]:
    """Same predicate, different filler in the same role: "X won the race" vs "Y won the race"."""
    best_name, expl_name, best, expl = 0.0, "", 0.0, ""
    for key, fillers_h in h.slots.items():
        fillers_p = p.slots.get(key)
        if not fillers_p or key[0] in _LIGHT_LEMMAS or fillers_p & fillers_h:
            continue
        # a filler that is a kind of the other ("a man" / "a person", "a pizza" / "food") fills the slot compatibly
        new_h = {f for f in fillers_h if f not in p.all_lemmas and not _kin(f, fillers_p)}
        new_p = {f for f in fillers_p if f not in h.all_lemmas and not _kin(f, fillers_h)}
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
        if not unit or not pv or unit in p.partial_units or unit in h.partial_units:
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


# --- Alignment: hypothesis predicate -> premise predicate, then polarity on the aligned pair -------------

_NEG_WORDS = frozenset({"no", "never", "nobody", "nothing", "none", "not", "n't"})
_COMPLEMENT_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "advcl"})
_MODAL_AUX = frozenset({"could", "may", "might", "would", "should"})
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "conj", "acomp", "attr", "dobj",
                           "pobj", "prep", "nsubj", "nsubjpass", "appos", "amod", "compound", "npadvmod"})  # fmt: skip


def _aligned(t: Token, other: Side) -> list[Token]:
    """Content tokens of ``other`` that say what ``t`` says: same lemma, same stem, one lemma a prefix of
    the other ("Brazil"/"Brazilian", "elect"/"election")."""
    lem = _lemma(t)
    found = list(other.by_lemma.get(lem, ()))

    for x in other.by_stem.get(_stem(lem), ()):
        if x not in found:
            found.append(x)
    if len(lem) >= 4:
        for cand in other.by_prefix.get(lem[:4], ()):
            if cand != lem and (cand.startswith(lem) or lem.startswith(cand)) and min(len(cand), len(lem)) >= 4:
                found.extend(x for x in other.by_lemma.get(cand, ()) if x not in found)
    return found[:_MAX_OCCURRENCES]


def _no_determiner(arg: Token) -> bool:
    nouns = [arg] + [g for g in arg.children if g.dep_ == "pobj"]
    return arg.lower_ in ("nobody", "nothing", "none", "noone") or any(
        d.dep_ == "det" and d.lower_ == "no" for n in nouns for d in n.children
    )


def _polarity(t: Token) -> tuple[bool, bool]:
    """(negated, hypothetical) for the claim ``t`` takes part in.

    Climbs from ``t`` through the clauses that embed it: each "not"/"never"/"no" child or negative implicative
    ("failed to", "refused to") flips the polarity; a could/may/would auxiliary, an "if"/"whether" clause or
    a non-factive verb ("plan to", "accused of") makes it hypothetical.
    """
    negated, hypothetical = False, False
    cur, first, via, prev_i = t, True, "", -1
    for _ in range(8):
        for c in cur.children:
            if c.i == prev_i:
                continue  # the word we climbed from: its own markers are already counted
            low = c.lower_
            if c.dep_ == "neg" or (low in _NEG_WORDS and c.dep_ in ("det", "advmod")):
                negated = not negated
            elif c.dep_ in _SUBJ | _OBJ | {"prep"} and _no_determiner(c):
                negated = not negated  # "no worker was killed", "protects from no disease"
            elif (c.tag_ == "MD" and low in _MODAL_AUX) or (c.dep_ == "mark" and low in ("if", "whether", "unless")):
                hypothetical = True
        if not first and via in _COMPLEMENT_LINKS:  # "failed to win", "accused of spying"; not "X declined"
            lem = _lemma(cur)
            if lem in lx.NEGATIVE_IMPLICATIVES:
                negated = not negated
            elif lem in lx.NONFACTIVE_LEMMAS:
                hypothetical = True
        first = False
        if cur.head is cur or cur.dep_ not in _CLAUSE_LINKS:
            break
        # a noun's polarity is its verb's; climbing past a reporting verb ("X said Y") keeps Y's own polarity
        via, prev_i = cur.dep_, cur.i
        cur = cur.head
    return negated, hypothetical


def _predicate_words(head: Token) -> list[Token]:
    """What a clause head predicates: the verb itself, or for a light verb ("is a partner", "has 20 members")
    its complement."""
    if _lemma(head) not in _LIGHT_LEMMAS and _is_content(head):
        return [head]
    comps = [c for c in head.children if c.dep_ in ("attr", "acomp", "dobj", "oprd", "prep", "xcomp")]
    words: list[Token] = []
    for c in comps:
        if c.dep_ == "prep":
            words += [g for g in c.children if g.dep_ == "pobj" and _is_content(g)]
        elif _is_content(c):
            words.append(c)
    return words


def _arguments(head: Token, preds: list[Token]) -> list[Token]:
    pred_i = {x.i for x in preds}
    return [x for x in head.subtree if _is_content(x) and x.i not in pred_i]


def _support(pt: Token, args: list[Token], other: Side) -> float:
    """Share of the hypothesis clause's other content words found close to the aligned premise word."""
    if not args:
        return 1.0
    held = 0.0
    for a in args:
        cands = _aligned(a, other)
        if any(_tree_distance(pt, x) <= 4 for x in cands):
            held += 1.0
        elif any(x.sent.start == pt.sent.start for x in cands):
            held += 0.5
    return held / len(args)


def _clause_heads(side: Side) -> list[Token]:
    """Main predicates of a (short) hypothesis: sentence roots and their conjoined verbs."""
    heads = []
    for sent in side.doc.sents:
        root = sent.root
        heads.append(root)
        heads += [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ")]
    return heads[:4]


def _role_args(v: Token) -> dict[str, list[Token]]:
    """Semantic-ish roles of a predicate: A0 (doer), A1 (thing done to), PRED (copula complement), P:prep.

    Passive is undone ("Texaco was bought by Chevron": A0 Chevron, A1 Texaco); a verb in a relative or
    participle clause takes the noun it modifies ("Chevron, which owns Texaco"; "the jets made by GD");
    a conjoined verb without a subject borrows the first verb's.
    """
    roles: dict[str, list[Token]] = {}
    for c in v.children:
        dep = c.dep_
        if dep == "nsubj" and c.lower_ not in ("who", "which", "that"):
            roles.setdefault("A0", []).append(c)
        elif (dep == "nsubjpass" and c.lower_ not in ("who", "which", "that")) or dep in ("dobj", "dative"):
            roles.setdefault("A1", []).append(c)
        elif dep in ("attr", "acomp", "oprd"):
            roles.setdefault("PRED", []).append(c)
        elif dep == "agent":
            roles.setdefault("A0", []).extend(g for g in c.children if g.dep_ == "pobj")
        elif dep == "prep":
            roles.setdefault(f"P:{c.lower_}", []).extend(g for g in c.children if g.dep_ == "pobj")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or v.tag_ == "VBN" and v.dep_ == "acl"
    if v.dep_ in ("relcl", "acl") and v.head is not v:
        roles.setdefault("A1" if passive else "A0", []).append(v.head)
    if v.dep_ == "conj" and "A0" not in roles:
        first = v.head
        for _ in range(4):
            if first.dep_ != "conj" or first.head is first:
                break
            first = first.head
        inherited = _role_args(first) if first is not v and first.dep_ != "conj" else {}
        key = "A1" if passive else "A0"
        if key in inherited and key not in roles:
            roles[key] = inherited[key]
    return roles


def _phrase(t: Token) -> set[int]:
    """Token ids of a noun phrase without its clauses (compounds, appositions, conjuncts, 'of' phrases)."""
    ids, stack = set(), [t]
    while stack:
        x = stack.pop()
        ids.add(x.i)
        stack.extend(
            c for c in x.children if c.dep_ in ("compound", "appos", "conj", "amod", "poss", "prep", "pobj", "nmod")
        )
    return ids


def _copula_subjects(pt: Token) -> set[int]:
    """Token ids a premise word is said of: "X is a Y and Z" (Y, Z -> X), "X, a Y" / "Y X" (apposition,
    compound), "X, who is a Y"."""
    cur = pt
    for _ in range(4):  # "musician and artist": climb the conjunction to the complement
        if cur.dep_ != "conj" or cur.head is cur:
            break
        cur = cur.head
    ids: set[int] = set()
    if cur.dep_ in ("attr", "acomp", "oprd"):
        verb = cur.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                ids |= _phrase(c) if c.lower_ not in ("who", "which", "that") else _phrase(verb.head)
    if cur.dep_ == "appos" or (cur.dep_ == "compound" and cur.head.pos_ == "PROPN"):
        ids |= _phrase(cur.head)
    ids |= {c.i for x in (cur, pt) for c in x.children if c.dep_ in ("appos", "compound")}
    for c in [c for x in (cur, pt) for c in x.children if c.dep_ in ("appos", "compound")]:
        ids |= _phrase(c)
    return ids


def _role_support(hw: Token, head: Token, pt: Token, other: Side) -> float:
    """Share of the hypothesis predicate's core arguments that fill the same role around the premise word.

    A copula ("X is not a Y") aligns on Y and asks for X right next to it (apposition, compound, "X is Y");
    a possessive ("X's lawyer") does not make X a lawyer.
    """
    if hw is not head:  # copula/light verb: the complement is the predicate, the subject must sit next to it
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if not subj:
            return 0.0
        held = 0.0
        linked = _copula_subjects(pt)
        for s in subj:
            cands = _aligned(s, other)
            near = [x for x in cands if _tree_distance(pt, x) <= 2 and not (x.dep_ == "poss" and x.head.i == pt.i)]
            held += bool(near) or any(x.i in linked for x in cands)
        return held / len(subj)
    h_roles = _role_args(head)
    p_roles = _role_args(pt) if pt.pos_ in ("VERB", "AUX", "ADJ") else {}
    core = [(r, a) for r, args in h_roles.items() for a in args if r in ("A0", "A1") or r.startswith("P:")]
    if not core:
        return 0.0
    held = 0.0
    for r, a in core:
        aligned = {x.i for x in _aligned(a, other)}
        if not aligned:
            continue
        same = any(aligned & _phrase(x) for x in p_roles.get(r, ()))
        if same:
            held += 1.0
        elif r.startswith("P:") and any(
            aligned & _phrase(x) for key, xs in p_roles.items() if key.startswith("P:") or key == "A1" for x in xs
        ):
            held += 0.75
    return held / len(core)


def _alignment_signals(p: Side, h: Side) -> list[Signal]:
    """Align each hypothesis predicate to the premise and compare polarity on the aligned pair.

    High support (the hypothesis' arguments sit next to the aligned premise word) with a polarity mismatch
    is a contradiction ("Chevron does not own Texaco" / "Chevron, which owns Texaco, ..."); the same support
    with equal polarity is agreement; no aligned predicate leaves it open.
    """
    best: tuple[float, Token, Token, bool, bool, bool, float] | None = None  # support, h/p word, flip, hyp, h_neg, role
    found = 0.0
    for head in _clause_heads(h):
        preds = _predicate_words(head)
        if not preds:
            continue
        args = _arguments(head, preds)
        h_neg, h_hyp = _polarity(preds[0])
        for hw in preds:
            for pt in _aligned(hw, p):
                found = 1.0
                sup = _support(pt, args, p)
                p_neg, p_hyp = _polarity(pt)
                role = _role_support(hw, head, pt, p)
                cand = (sup, hw, pt, p_neg != h_neg, p_hyp or h_hyp, h_neg, role)
                if best is None or (role, sup, cand[3]) > (best[6], best[0], best[3]):
                    best = cand
    if best is None:
        return [
            Signal("polarity_flip", 0.0, "negation"),
            Signal("polarity_flip_full", 0.0, "negation"),
            Signal("align_found", 0.0),
            Signal("align_support", 0.0),
            Signal("align_modal", 0.0),
            Signal("align_same_polarity", 0.0),
            Signal("align_roles", 0.0),
            Signal("polarity_flip_roles", 0.0, "negation"),
        ]
    sup, hw, pt, flip, hyp, h_neg, role = best
    neg_side, pos_side = ("hypothesis", "premise") if h_neg else ("premise", "hypothesis")
    expl = (
        f"negation mismatch on the aligned predicate: '{hw.text}' (hypothesis) ~ '{pt.text}' (premise); the "
        f"{neg_side} negates it, the {pos_side} asserts it ({sup:.0%} of the other words align around it)"
    )
    flip_v = sup if flip and not hyp else 0.0
    return [
        Signal("polarity_flip", flip_v, "negation", expl if flip_v else ""),
        Signal("polarity_flip_full", float(flip_v >= 0.99), "negation", expl if flip_v >= 0.99 else ""),
        Signal("align_found", found),
        Signal("align_support", sup),
        Signal("align_modal", float(hyp)),
        Signal("align_same_polarity", sup if not flip and not hyp else 0.0),
        Signal("align_roles", role),
        Signal("polarity_flip_roles", role if flip and not hyp else 0.0, "negation", expl if flip and role else ""),
    ]


def _coverage_signals(p: Side, h: Side) -> list[Signal]:
    """Coverage of the hypothesis by the premise with derivational matching, overall and in the best sentence."""
    words = [t for t in h.doc if _is_content(t)]
    if not words:
        return [Signal("cov_h", 0.0), Signal("cov_sent", 0.0), Signal("cov_names", 0.0), Signal("new_numbers_h", 0.0)]
    known = p.all_lemmas | p.general
    hits_by_sent: dict[int, int] = {}
    covered = 0
    names_total, names_hit = 0, 0
    for t in words:
        cands = _aligned(t, p) + _event_kin(t, p)
        hit = bool(cands) or _lemma(t) in known
        covered += hit
        for s_start in {x.sent.start for x in cands}:
            hits_by_sent[s_start] = hits_by_sent.get(s_start, 0) + 1
        if t.pos_ == "PROPN":
            names_total += 1
            names_hit += hit or t.lower_ in p.lower
    best_sent = max(hits_by_sent.values(), default=0) / len(words)
    new_numbers = sum(1 for n in h.number_texts if n not in p.number_texts and not _YEAR.match(n))
    return [
        Signal("cov_h", covered / len(words)),
        Signal("cov_sent", best_sent),
        Signal("cov_names", names_hit / names_total if names_total else 1.0),
        Signal("new_numbers_h", min(new_numbers, 2) / 2.0),
    ]


def _value_tokens(side: Side) -> dict[str, list[Token]]:
    """Numbers and dates written with digits ("1799", "10", "14"): the values a claim pins to its predicate."""
    out: dict[str, list[Token]] = {}
    for t in side.doc:
        if any(c.isdigit() for c in t.text):  # "one man" / "a man" is not a value pinned to a predicate
            out.setdefault(t.lower_.replace(",", ""), []).append(t)
    return out


def _governor(t: Token) -> Token:
    """The predicate a value is attached to: the nearest verb above it (or the root)."""
    cur = t.head
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _event_kin(t: Token, other: Side) -> list[Token]:
    """Tokens of ``other`` naming the same event in another form ("died" / "death", "left" / "departing")."""
    lem = _lemma(t)
    return [x for w in lx.EVENT_FAMILY.get(lem, ()) for x in other.by_lemma.get(lx.SYNONYMS.get(w, w), ())][
        :_MAX_OCCURRENCES
    ]


def _misattached_signals(p: Side, h: Side) -> list[Signal]:
    """A number or date the premise also gives, but to another predicate: "X died in 1799" against
    "in 1799 ... X captured Rome" (the year belongs to the capture). Strong when the hypothesis' predicate
    occurs in the premise elsewhere, weaker when the premise never states it."""
    found = {"date_time": (0.0, ""), "quantity": (0.0, "")}
    if not h.number_texts:
        return [Signal("date_misattached", 0.0, "date_time"), Signal("quantity_misattached", 0.0, "quantity")]
    pv = _value_tokens(p)
    for text, h_toks in _value_tokens(h).items():
        p_toks = pv.get(text)
        if not p_toks:
            continue
        for th in h_toks[:2]:
            gh = _governor(th)
            preds = _predicate_words(gh) or [gh]
            aligned = [x for w in preds for x in _aligned(w, p) + _event_kin(w, p)]
            if any(_tree_distance(x, tp) <= 3 for x in aligned for tp in p_toks):
                break  # the premise pins the value to the same predicate
            value = 1.0 if aligned else 0.5
            kind = "date_time" if th.ent_type_ in ("DATE", "TIME") or _YEAR.match(th.text) else "quantity"
            if value > found[kind][0]:
                gp = _governor(p_toks[0])
                found[kind] = (
                    value,
                    f"'{th.text}' belongs to '{gp.text}' in the premise, not to '{gh.text}' as the hypothesis says",
                )
    return [
        Signal("date_misattached", found["date_time"][0], "date_time", found["date_time"][1]),
        Signal("quantity_misattached", found["quantity"][0], "quantity", found["quantity"][1]),
    ]


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
    out += _alignment_signals(p, h)
    out += _coverage_signals(p, h)
    out += _misattached_signals(p, h)
    out.append(Signal("neg_h_only", float(bool(h.negated) and not p.negated)))
    by_name = {s.name: s for s in out}
    return [by_name[name] for name in FEATURES]
