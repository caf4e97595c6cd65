"""Word lists the engine relies on, in one place so they can be read, reviewed and extended.

Each list names a linguistic phenomenon (attribution verbs, negators, modal markers, synonyms),
never particular sentences.
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT_NOUNS",
    "ATTRIBUTION_VERBS",
    "DENY_PHRASES",
    "FUTURE_MARKERS",
    "MODAL_POSSIBLE",
    "NEGATORS",
    "NOT_CONFIRMED_RE",
    "NO_COMMENT_RE",
    "OPPOSITES",
    "DENY_EVIDENCE_RE",
    "RETRACT_EVIDENCE_RE",
    "OUTLET_WORDS",
    "PRONOUNS",
    "REPORT_NOUNS",
    "SAID_NOUNS",
    "RETRACT_RE",
    "ASKED_WHETHER_RE",
    "STOP_LEMMAS",
    "SYNONYMS",
    "PHRASAL",
    "VALUE_UPDATE_RE",
]

# Verbs that introduce what someone said, with the cue they carry.
ATTRIBUTION_VERBS: dict[str, str] = {
    **{
        v: "assert"
        for v in (
            "say",
            "tell",
            "write",
            "add",
            "claim",
            "state",
            "announce",
            "insist",
            "argue",
            "note",
            "explain",
            "emphasize",
            "emphasise",
            "stress",
            "warn",
            "declare",
            "assert",
            "maintain",
            "allege",
            "estimate",
            "conclude",
            "find",
            "show",
            "testify",
            "tweet",
            "post",
            "reveal",
            "disclose",
            "acknowledge",
            "admit",
            "suggest",
            "predict",
            "accuse",
            "blame",
            "mention",
            "comment",
            "reply",
            "respond",
            "remark",
            "observe",
            "point",
            "brief",
            "inform",
            "publish",
            "cite",
            "quote",
            "believe",
            "think",
            "describe",
            "concede",
            "caution",
            "assure",
            "contend",
            "complain",
            "recount",
            "promise",
            "pledge",
            "vow",
        )
    },
    # "put the death toll at 32": a figure given, below only with such an object (analysis.attribution)
    "put": "assert",
    **{v: "report" for v in ("report", "reports")},
    **{v: "confirm" for v in ("confirm", "verify")},
    **{
        v: "deny"
        for v in (
            "deny",
            "dismiss",
            "refute",
            "reject",
            "dispute",
            "rebut",
            "contest",
            "call",
            "contradict",
            "brand",
            "brush",
            "push",
            "rule",
        )
    },
    **{v: "retract" for v in ("retract", "withdraw", "correct", "misspeak", "clarify", "revise", "backtrack")},
}
_QUOTE = "[\"'\u201c\u2018]?"
_INTENSIFIER = r"(?:simply|entirely|completely|totally|wholly|utterly|absolutely|categorically|plainly|just)"
# Content that negates a report: "reports that X were not true", "X had nothing to do with".
DENY_PHRASES = (
    # an intensifier may stand in between: "is simply not true", "were wholly untrue", "no truth whatsoever in" (not
    # any adverb: "time is actually fake" denies nobody's claim)
    # the words may be quoted: were "completely untrue", was 'not true'
    r"\b(?:was|were|is|are|been)\s+"
    + _QUOTE
    + r"(?:"
    + _INTENSIFIER
    + r"\s+)?(?:not|n't)\s+(?:true|accurate|correct)\b",
    r"\b(?:was|were|is|are)\s+" + _QUOTE + r"(?:" + _INTENSIFIER + r"\s+)?(?:untrue|false|baseless|groundless|"
    r"fabricated|fake|"
    r"unfounded|lies|a lie|nonsense)\b",
    r"\bhad\s+nothing\s+to\s+do\s+with\b|\bhas\s+nothing\s+to\s+do\s+with\b",
    r"\bno\s+truth\s+(?:whatsoever\s+|at\s+all\s+)?(?:to|in)\b",
    # "calling the police account 'wholly untrue'"
    r"\bcall(?:ed|ing|s)?\s+(?:\w+\s+){1,4}?[\"'\u201c\u2018]?(?:" + _INTENSIFIER + r"\s+)?"
    r"(?:untrue|false|baseless|groundless|fabricated|unfounded|a\s+lie|lies|nonsense|a\s+fabrication)\b",
    # "there is no link whatsoever between X and Y", "dismissed as pure invention", "that never happened"
    r"\bno\s+(?:link|connection)\s+(?:\w+\s+)?between\b",
    r"\b(?:pure|complete|total|an?)\s+(?:invention|fiction|fabrication)\b",
    r"\bnever\s+(?:happened|took\s+place)\b",
    # "brushed aside reports that P", "pushed back on claims that P", "ruled out any link"
    r"\b(?:brush(?:ed|es|ing)?\s+(?:aside|off)|push(?:ed|es|ing)?\s+back\s+(?:on|against)|rul(?:ed|es|ing|e)\s+out)\b",
    # "described the reports as false"
    r"\b(?:describ(?:ed|es|ing|e)|labell?(?:ed|ing|s)?)\s+(?:\S+\s+){1,20}?as\s+[\"'\u201c\u2018]?(?:"
    + _INTENSIFIER
    + r"\s+)?(?:untrue|false|baseless|groundless|unfounded|fabricated|a\s+fabrication|a\s+lie|lies|nonsense|"
    r"pure\s+invention|inaccurate|misleading)\b",
)
# One lexicon of non-confirmations, for the statement's cue (extraction) and the unconfirmed kind's evidence
# (analysis.kinds.view): "could not (independently) confirm", "declined to confirm", "would neither confirm nor
# deny", "had not yet been able to establish", "yet to see any evidence", "awaiting confirmation".
# Who does not, cannot, declines or has yet to (confirm / comment): the lead of both patterns below.
_DOES_NOT = (
    r"(?:could|can|would|did|does|do|has|have|had|was|were|is|are)(?:\s*not|n't)|cannot|unable\s+to|"
    r"declined\s+to|refused\s+to|yet\s+to|neither"
)
NOT_CONFIRMED_RE = (
    r"\bneither\s+(?:confirm|verif)\w*\s+nor\s+den(?:y|ied|ies)\b|"
    r"\b(?:" + _DOES_NOT + r"|(?:not\s+in\s+a|in\s+no)\s+position\s+to|no\s+way\s+to|"
    r"not\s+been\s+able\s+to|not\s+independently|(?:still\s+)?(?:trying|working|seeking|attempting)\s+to)\s+"
    r"(?:\w+\s+){0,4}?(?:confirm|verif|corroborat|establish|substantiat|say\s+whether)\w*"
    r"|\byet\s+to\s+see\s+(?:any\s+|the\s+)?(?:evidence|proof)"
    r"|\b(?:unconfirmed|unverified|no\s+(?:official\s+|independent\s+|immediate\s+)?(?:evidence|confirmation)|"
    r"not\s+confirmed|(?:unaware|not\s+aware)\s+of\s+(?:any|such|reports?|claims?)|"
    r"no\s+(?:information|knowledge|record)\s+(?:of|about|on)\s+(?:any|such|reports?|claims?)|"
    r"not\s+verified|no\s+proof|"
    r"seen\s+no\s+evidence|nothing\s+to\s+confirm|not\s+been\s+confirmed|"
    r"(?:awaiting|pending|waiting\s+for)\s+(?:\w+\s+)?(?:confirmation|verification))\b"
)
# Declining to comment or disclose is weaker: evidence of the unconfirmed kind, not a cue of its own.
NO_COMMENT_RE = r"\b(?:" + _DOES_NOT + r")\s+(?:\w+\s+){0,4}?(?:comment|disclose)\w*"
# Wider than the cues above: words that are evidence of a denial or a retraction for the kind modules
# (analysis.kinds.view) but too loose to make a statement's cue ("lies", "wrong", "amended", "mistaken").
DENY_EVIDENCE_RE = (
    r"\b(?:den(?:y|ied|ies|ial|ying)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:e|ed|es|ing)|"
    r"rebut(?:s|ted|ting)?|disput(?:e|ed|es|ing)|contest(?:ed|s|ing)?|no (?:link|connection|basis)|untrue|"
    r"false(?:ly)?|baseless|groundless|unfounded|fabricat\w*|fiction|nonsense|"
    r"inaccurate|misleading|incorrect|(?<!go )(?<!goes )(?<!went )(?<!gone )(?<!going )"
    r"wrong(?=\s*(?:[.,;:!?\"'\u201d\u2019)]|$|\s+(?:about|to|on|in|and|but)\b))|"
    r"not true|no truth|lies?\b|rubbish|categorically|never (?:happened|"
    r"took place)|no such)\b"
)
# "withdrew its statement that P" takes back what was said; "withdrew from the race", "has withdrawn its prize from X"
# and "withdrew its troops" take back nothing said
_WITHDRAWN_SAID = (
    r"withdr(?:ew|awn)(?=\s+(?:\S+\s+){0,3}?(?:statement|claim|report|figure|estimate|remark|comment|allegation|"
    r"accusation|story|article|account|assertion|version|tweet|post|announcement|number|toll|count|data)s?\b)"
)
RETRACT_EVIDENCE_RE = (
    r"\b(?:correct(?:ed|ion|s)|erratum|retract(?:ed|ion|s)?|" + _WITHDRAWN_SAID + r"|backtrack\w*|misspok\w*|"
    r"earlier (?:version|entry|report|statement|figure|account)|mistaken(?:ly)?|in error|wrongly|erroneous(?:ly)?|"
    r"amended|walked back|took back|got (?:it|this|that) wrong|"
    r"regret(?:s|ted|ting)?\s+(?:(?:saying|calling|describing|suggesting|claiming|using|making|writing|posting|"
    r"not\s+being|not\s+having)\b|"
    r"(?:his|her|their|my|our|the|those|these)\s+(?:\w+\s+)?(?:remarks?|comments?|words|statement|tweet|post|"
    r"language)|(?:that\s+)?(?:I|he|she|we|they)\s+(?:had\s+)?(?:said|called|was\s+not|wasn't|were\s+not|"
    r"weren't))|"
    r"(?:was|were|had been) (?:wrong(?!\s+with)|incorrect|inaccurate|a mistake|an error))\b"
)
# Someone changed a figure of their own ("raised its offer for X to $82", "cut its forecast to 2%"): the new value
# updates the old one, it does not contradict a report of the old one. ("fell to 14, down from 17" is no such
# change: it reports a measure, which another report of the same period may contradict.)
# "piled into one another", "blamed each other": a reciprocal pronoun names no other instance of anything.
RECIPROCAL_RE = r"\b(?:one another|each other)\b"
VALUE_UPDATE_RE = (
    r"\b(?:raised|lowered|increased|reduced|cut|revised|sweetened|trimmed|boosted)\s+"
    r"(?:its|their|his|her|the)\s+(?:\S+\s+){0,8}?to\b"
)
# What precedes a retraction's wording when it is a question put to the speaker ("asked whether it was a mistake
# not to ..."), which takes nothing back.
ASKED_WHETHER_RE = r"\b(?:whether|if)\s+(?:\S+\s+){0,3}$"
RETRACT_RE = (
    # "something was wrong with the pitcher" says nothing was retracted
    r"\b(?:was|were|had\s+been|is)\s+(?:wrong(?!\s+with)|a\s+mistake|an\s+error|incorrect|inaccurate|mistaken|"
    r"in\s+error)\b"
    # "We got this wrong earlier: our 08:12 post said ..."
    r"|\b(?:got|get)\s+(?:it|this|that)\s+wrong\b"
    rf"|\b(?:retracted|retract|misspoke|misspoken|rectified)\b|\b{_WITHDRAWN_SAID}"
    r"|\bcorrected\s+(?:its|his|her|their|the|an|that)\s+(?:\w+\s+)?(?:statement|figure|report|claim|account|number|toll)\b"
    r"|\bhad\s+(?:wrongly|incorrectly|mistakenly|erroneously)\b|\bcorrection\b"
    # a walk-back, a regretted remark, a story that corrects an earlier one, something issued in error
    r"|\b(?:backtracked|walked\s+back|took\s+back|rowed\s+back)\b"
    r"|\bregret(?:s|ted)?\s+(?:saying|calling|describing|suggesting|claiming)\b"
    r"|\bcorrects\s+(?:an?|the|its|his|her|their)\s+(?:\S+\s+){0,3}?(?:report|story|article|version|statement)\b"
    r"|\b(?:issued|published|reported|sent|stated|made|announced|released|posted|given)\s+in\s+error\b|\berratum\b"
    r"|\bwrongly\s+(?:said|reported|stated|identified|described|named|gave)\b"
)
NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "none", "nobody", "neither", "nor", "cannot"})
MODAL_POSSIBLE = frozenset(
    {
        "could",
        "may",
        "might",
        "can",
        "should",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "potentially",
        "reportedly",
        "allegedly",
        "alleged",
        "suspected",
        "unlikely",
    }
)
FUTURE_MARKERS = frozenset(
    {
        "will",
        "'ll",
        "shall",
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "expect",
        "expects",
        "expected",
        "hope",
        "hopes",
        "aim",
        "aims",
        "going",
        "due",
        "set",
        "scheduled",
        "would",
        "propose",
        "proposes",
        "proposed",
        "seek",
        "seeks",
        "want",
        "wants",
    }
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
REPORT_NOUNS = frozenset(
    {
        "figure",
        "figures",
        "report",
        "reports",
        "claim",
        "claims",
        "allegation",
        "allegations",
        "suggestion",
        "suggestions",
        "rumour",
        "rumours",
        "rumor",
        "rumors",
        "speculation",
        "information",
        "assertion",
        "assertions",
        "statement",
        "talk",
        "story",
        "stories",
        "accusation",
        "accusations",
    }
)
# Nouns that name what someone said only next to a denial, a doubt or a content clause ("rejected the captain's
# account", "could not verify accounts that P"); elsewhere they are things ("6.2 million accounts", "a new version").
ACCOUNT_NOUNS = frozenset(["account", "accounts", "version", "versions", "estimate", "estimates", "findings"])
# Every noun that names what someone said ("reports that P", "rejected the captain's account")
SAID_NOUNS = REPORT_NOUNS | ACCOUNT_NOUNS
OUTLET_WORDS = frozenset(
    {
        "post",
        "times",
        "journal",
        "news",
        "tribune",
        "herald",
        "guardian",
        "telegraph",
        "reuters",
        "bloomberg",
        "agency",
        "press",
        "broadcaster",
        "newspaper",
        "daily",
        "gazette",
        "media",
        "tv",
        "television",
        "radio",
        "cnn",
        "bbc",
        "ap",
        "afp",
        "channel",
        "wire",
        "magazine",
        "outlet",
        "ledger",
        "today",
        "net",
        "observer",
        "chronicle",
        "express",
        "mirror",
        "star",
    }
)
# Lemmas that carry no claim content of their own (attribution, light verbs, function words).
STOP_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "write",
        "add",
        "claim",
        "state",
        "announce",
        "report",
        "accord",
        "be",
        "have",
        "do",
        "get",
        "make",
        "go",
        "take",
        "give",
        "also",
        "would",
        "could",
        "may",
        "might",
        "will",
        "shall",
        "can",
        "should",
        "must",
        "not",
        "n't",
        "no",
        "yet",
        "still",
        "just",
        "only",
        "even",
        "so",
        "then",
        "there",
        "here",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "us",
        "i",
        "me",
        "my",
        "you",
        "your",
        "one",
        "some",
        "any",
        "all",
        "each",
        "other",
        "such",
        "own",
        "same",
        "about",
        "after",
        "before",
        "since",
        "until",
        "while",
        "as",
        "than",
        "very",
        "more",
        "most",
        "much",
        "many",
        "few",
        "less",
        "least",
        "mr",
        "mrs",
        "ms",
        "dr",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "statement",
        "reporter",
        "reporters",
        "people",
        "percent",
        "per",
        "cent",
        "time",
        "day",
        "week",
        "month",
        "year",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "night",
        "earlier",
        "later",
        "last",
        "first",
        "next",
        "new",
    ]
)
# Words that name the same thing in news copy (lemma -> canonical lemma); kept small and general.
SYNONYMS: dict[str, str] = {
    # direction of change
    **dict.fromkeys(
        ("increase", "raise", "hike", "climb", "jump", "soar", "surge", "grow", "gain", "boost", "rise", "up"), "rise"
    ),
    **dict.fromkeys(
        (
            "decrease",
            "drop",
            "decline",
            "plunge",
            "slump",
            "tumble",
            "shrink",
            "fall",
            "lower",
            "reduce",
            "cut",
            "slip",
            "slide",
            "dip",
        ),
        "fall",
    ),
    # acceptance
    **dict.fromkeys(("approve", "accept", "grant", "adopt", "ratify", "endorse", "pass", "allow", "permit"), "approve"),
    **dict.fromkeys(
        ("reject", "refuse", "defeat", "veto", "block", "ban", "overturn", "forbid", "prohibit", "dismiss"), "reject"
    ),
    # same event, other words
    **dict.fromkeys(("kill", "dead", "death", "die"), "die"),
    **dict.fromkeys(("hurt", "injury", "wound", "injure"), "injure"),
    **dict.fromkeys(("derail", "derailment"), "derail"),
    **dict.fromkeys(("ship", "shipment", "supply", "deliver", "delivery", "send", "deploy", "dispatch"), "send"),
    **dict.fromkeys(("troops", "troop", "military", "soldier"), "soldier"),
    **dict.fromkeys(("infect", "infection"), "infect"),
    **dict.fromkeys(("escapee", "escape", "flee"), "escape"),
    **dict.fromkeys(("inmate", "prisoner"), "prisoner"),
    **dict.fromkeys(("suv", "vehicle"), "vehicle"),
    **dict.fromkeys(("recapture", "capture", "catch"), "capture"),
    **dict.fromkeys(("sink", "capsize"), "sink"),
    **dict.fromkeys(("negotiator", "negotiate", "negotiation"), "negotiate"),
    **dict.fromkeys(("vat", "tax"), "tax"),
    **dict.fromkeys(("waiting", "wait"), "wait"),
    **dict.fromkeys(("collapse", "crumble"), "collapse"),
    # when an event started, happened, was found: the words reports of one event's time use in turn
    **dict.fromkeys(("begin", "start", "erupt", "commence"), "begin"),
    **dict.fromkeys(("occur", "happen"), "occur"),
    **dict.fromkeys(("find", "discover", "detect", "spot", "uncover"), "find"),
    **dict.fromkeys(("strike", "hit"), "strike"),
    **dict.fromkeys(("quake", "earthquake", "tremor"), "earthquake"),
    **dict.fromkeys(("fighting", "clash", "skirmish", "battle"), "clash"),
    **dict.fromkeys(("unrest", "riot", "rioting"), "riot"),
    # the same acts and things under the names news copy gives them in turn
    **dict.fromkeys(("arrest", "detain", "apprehend", "custody", "detention"), "detain"),
    **dict.fromkeys(("release", "free", "liberate"), "release"),
    **dict.fromkeys(("resign", "quit"), "resign"),
    **dict.fromkeys(("sign", "ink"), "sign"),
    **dict.fromkeys(("cancel", "scrap", "axe", "cancellation"), "cancel"),
    **dict.fromkeys(("postpone", "delay", "defer", "postponement"), "postpone"),
    **dict.fromkeys(("buy", "acquire", "purchase", "acquisition"), "buy"),
    **dict.fromkeys(("launch", "liftoff"), "launch"),
    **dict.fromkeys(("crash", "collide", "collision"), "crash"),
    **dict.fromkeys(("explode", "explosion", "blast"), "explode"),
    **dict.fromkeys(("deal", "accord", "pact", "agreement"), "deal"),
    **dict.fromkeys(("vessel", "boat"), "vessel"),
    **dict.fromkeys(("aircraft", "plane", "airliner", "jet"), "aircraft"),
    **dict.fromkeys(("firm", "company"), "company"),
    **dict.fromkeys(("shut",), "close"),
}
# Two-word verbs folded to one lemma before comparison ("came down" = collapsed, "went up" = rose).
PHRASAL: dict[tuple[str, str], str] = {
    ("go", "up"): "rise", ("go", "down"): "fall", ("come", "down"): "collapse", ("turn", "down"): "reject",
    ("shoot", "down"): "reject", ("vote", "down"): "reject", ("push", "up"): "rise", ("put", "up"): "rise",
    ("step", "down"): "resign", ("take", "effect"): "apply", ("break", "out"): "begin", ("set", "up"): "create",
    ("call", "off"): "cancel", ("take", "place"): "occur", ("run", "aground"): "ground",
    ("take", "part"): "participate", ("pull", "out"): "withdraw", ("sign", "off"): "approve", ("call", "in"): "summon",
    ("lay", "off"): "layoff", ("break", "down"): "collapse", ("carry", "out"): "conduct", ("wipe", "out"): "destroy",
    ("back", "down"): "retreat", ("hand", "over"): "transfer",
    # "were taken to hospital", "taken aboard the Tidewarden": moved somewhere, not the light verb
    ("take", "to"): "convey", ("take", "aboard"): "convey",
    ("lift", "off"): "launch", ("blow", "up"): "explode", ("shut", "down"): "close", ("set", "free"): "release",
    # "pass" alone folds to "approve" (a bill passed); with these particles it is something else
    ("pass", "away"): "die", ("pass", "on"): "pass_on", ("pass", "out"): "pass_out", ("pass", "by"): "pass_by",
}  # fmt: skip

# General English opposites, each axis a positive and a negative side (words as written and their lemmas), read in a
# sentence's words by the antonym kind (analysis.kinds.antonym). The hand rule keeps its own few axes of canonical
# lemmas (analysis.judge): matched against a claim's lemmas, these wider ones added wrong pairs and no right one.
OPPOSITES: tuple[tuple[str, str], ...] = (
    ("rise rose risen rising increase increased higher raise raised grew grow growth gain gained climb climbed "
     "jump jumped surge surged expand expanded more above added", "fall fell fallen falling decrease decreased "
     "lower cut cuts reduced reduce reduction drop dropped decline declined shrink shrank lose lost loss "
     "below fewer less slump slumped plunge plunged contract contracted"),
    ("approve approved approval accept accepted agree agreed grant granted endorse endorsed back backed pass "
     "passed allow allowed permit permitted lift lifted", "reject rejected rejection refuse refused "
     "veto vetoed oppose opposed block blocked ban banned forbid forbade prohibit prohibited impose imposed"),
    ("open opened reopen reopened resume resumed start started begin began", "close closed shut suspend "
     "suspended halt halted stop stopped end ended"),
    ("guilty convicted conviction", "innocent acquitted acquittal cleared"),
    ("alive survived survive rescued", "dead died killed death deaths"),
    ("legal lawful", "illegal unlawful"),
    ("win won victory winner", "lose lost defeat defeated loser"),
    ("profit surplus", "loss deficit"),
    ("include included", "exclude excluded"),
    ("success succeeded successful successfully", "fail failed failure unsuccessful unsuccessfully"),
    ("support supported", "oppose opposed"),
    ("hire hired hiring recruit", "fire fired layoffs laid dismissed sacked"),
    ("voluntary voluntarily willingly resigned resign resignation quit stepped", "forced seized seize removed "
     "ousted dismissed sacked fired confiscated expelled"),
    ("increase increased higher", "lower"),
    ("present attended", "absent"),
    ("safe", "unsafe dangerous"),
    ("full", "empty"),
    ("public", "private secret"),
    ("arrive arrived", "depart departed left"),
    ("domestic local", "foreign imported"),
    ("calm peaceful", "violent"),
    ("pass passed adopted carried", "defeated defeat failed fail rejected"),
    ("uphold upheld upholds confirmed endorsed", "overturn overturned overturns struck quashed annulled reversed"),
    ("continue continued continues continuing uninterrupted normal normally", "halt halted halts stopped "
     "suspended interrupted disrupted stoppage"),
    ("permanent permanently indefinite", "temporary temporarily"),
    ("strong stronger strengthen strengthened firmer", "weak weaker weaken weakened softer"),
    ("sale sold available", "withdrawn recalled unavailable suspended"),
    ("north northward northern", "south southward southern"),
    ("east eastward eastern", "west westward western"),
    ("arrested detained jailed", "released freed"),
    ("found located recovered", "missing lost"),
    ("complete completed finished", "incomplete unfinished"),
    ("true accurate", "false inaccurate"),
    ("intact undamaged", "damaged destroyed collapsed"),
    ("agree agreed", "disagree disagreed"),
    ("ahead", "behind"),
    ("maximum highest", "minimum lowest"),
    ("export exported exports", "import imported imports"),
    ("buy bought", "sell sold"),
    ("entered enter", "left exit exited"),
)  # fmt: skip
