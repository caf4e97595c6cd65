"""Word lists the pair judge reads: negation, cues, antonyms and mutually exclusive groups.

Everything here is general English, written by hand from common usage (not mined from the
evaluation sets). Entries are spaCy lemmas in lower case, so "rose" is found as "rise" and
"fell" as "fall".
"""

from __future__ import annotations

__all__ = [
    "ACTIVITY_OPPOSITES",
    "ANTONYMS",
    "DENIAL_LEMMAS",
    "DENIAL_PHRASES",
    "EXCLUSIVE_GROUPS",
    "GROUPED",
    "HYPERNYMS",
    "MODAL_LEMMAS",
    "NEGATIVE_IMPLICATIVES",
    "NONFACTIVE_LEMMAS",
    "NEGATION_LEMMAS",
    "NUMBER_WORDS",
    "RETRACTION_LEMMAS",
    "RETRACTION_PHRASES",
    "SYNONYMS",
    "UNCONFIRMED_PHRASES",
    "antonym_of",
    "exclusive_group",
    "weak_opposites",
]

# Words that negate the clause they attach to. "no" / "none" / "nobody" negate a noun phrase;
# the judge climbs to the governing verb to find what is negated.
NEGATION_LEMMAS: frozenset[str] = frozenset(
    {"not", "n't", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "noone", "cannot"}
)

# Modal, conditional and future markers: a claim under them is not a stated fact.
MODAL_LEMMAS: frozenset[str] = frozenset(
    {"could", "may", "might", "would", "should", "if", "plan", "intend", "expect", "possibly", "perhaps", "probably",
     "likely", "unlikely", "allegedly", "reportedly", "rumor", "rumour", "speculate", "consider", "propose", "hope",
     "want", "seek", "aim", "threaten", "ask", "urge", "suggest", "whether"}
)  # fmt: skip

# Verbs that assert the opposite of their complement: "failed to win" says it was not won.
NEGATIVE_IMPLICATIVES: frozenset[str] = frozenset(
    {"fail", "refuse", "decline", "deny", "reject", "prevent", "avoid", "stop", "cease", "lack", "neglect",
     "forget", "abandon", "scuttle", "block", "halt", "ban", "forbid", "oppose", "veto"}
)  # fmt: skip

# Verbs under which a clause is not asserted as fact: "plans to build", "was accused of spying".
NONFACTIVE_LEMMAS: frozenset[str] = frozenset(
    {"plan", "intend", "expect", "hope", "want", "wish", "seek", "aim", "try", "attempt", "propose", "consider",
     "threaten", "ask", "urge", "suggest", "demand", "request", "call", "accuse", "allege", "suspect", "claim",
     "rumor", "rumour", "speculate", "believe", "fear", "predict", "offer", "promise", "vow", "pledge", "need",
     "require", "order", "encourage", "allow", "permit", "able", "likely", "unlikely", "possible", "whether"}
)  # fmt: skip

# A speaker rejecting a claim.
DENIAL_LEMMAS: frozenset[str] = frozenset(
    {"deny", "refute", "debunk", "dismiss", "disavow", "dispute", "contradict", "rebut", "hoax", "fake", "fabricate",
     "fabrication", "untrue", "baseless", "unfounded", "groundless", "false", "falsely", "bogus", "myth",
     "nonsense", "rubbish", "denial", "misinformation", "disinformation", "satire", "satirical", "lied"}
)  # fmt: skip
DENIAL_PHRASES: tuple[str, ...] = (
    "not true", "no truth", "is false", "was false", "are false", "no basis", "not real", "did not happen",
    "didn't happen", "never happened", "not happen", "no evidence", "is a hoax", "was a hoax", "not the case",
)  # fmt: skip

# A speaker taking back or correcting an earlier statement.
RETRACTION_LEMMAS: frozenset[str] = frozenset(
    {"retract", "recant", "rescind", "withdraw", "correction", "erroneous", "erroneously", "mistakenly", "incorrectly",
     "misreport", "apologise", "apologize", "revise", "backtrack", "disown"}
)  # fmt: skip
RETRACTION_PHRASES: tuple[str, ...] = (
    "walked back", "walk back", "took back", "take back", "in error", "was wrong", "were wrong", "had been wrong",
    "an earlier version", "corrected", "correcting", "no longer stands",
)  # fmt: skip

# An authority that has not (yet) confirmed what another asserts: weaker than a denial.
UNCONFIRMED_PHRASES: tuple[str, ...] = (
    "not confirmed", "not yet confirmed", "not been confirmed", "not confirm", "could not confirm", "cannot confirm",
    "can't confirm", "couldn't confirm", "unable to confirm", "unconfirmed", "not verified", "not been verified",
    "could not verify", "unable to verify", "cannot verify", "not independently", "no confirmation",
    "not corroborated", "uncorroborated", "not be confirmed", "has not confirmed", "have not confirmed",
)  # fmt: skip

# Pairs of opposite lemmas (verbs, adjectives, adverbs, nouns, particles). Symmetric.
_ANTONYM_PAIRS: tuple[tuple[str, ...], ...] = (
    # change and direction
    ("rise", "fall"), ("rise", "drop"), ("rise", "decline"), ("rise", "decrease"), ("increase", "decrease"),
    ("increase", "fall"), ("increase", "drop"), ("increase", "decline"), ("increase", "reduce"), ("increase", "cut"),
    ("grow", "shrink"), ("grow", "decline"), ("gain", "lose"), ("gain", "loss"), ("profit", "loss"),
    ("up", "down"), ("upward", "downward"), ("high", "low"), ("higher", "lower"), ("raise", "lower"),
    ("raise", "cut"), ("expand", "contract"), ("expand", "shrink"), ("climb", "fall"), ("climb", "drop"),
    ("surge", "plunge"), ("soar", "plunge"), ("soar", "slump"), ("accelerate", "decelerate"), ("accelerate", "slow"),
    ("improve", "worsen"), ("improve", "deteriorate"), ("strengthen", "weaken"), ("boost", "cut"),
    ("inflate", "deflate"), ("appreciate", "depreciate"), ("ascend", "descend"), ("rising", "falling"),
    # decisions and outcomes
    ("approve", "reject"), ("approve", "veto"), ("approve", "deny"), ("accept", "reject"), ("accept", "refuse"),
    ("accept", "decline"), ("admit", "deny"), ("confirm", "deny"), ("pass", "fail"), ("succeed", "fail"),
    ("success", "failure"), ("successful", "unsuccessful"), ("win", "lose"), ("victory", "defeat"), ("winner", "loser"),
    ("allow", "forbid"), ("allow", "ban"), ("allow", "prohibit"), ("permit", "forbid"), ("permit", "prohibit"),
    ("permit", "ban"), ("legal", "illegal"), ("lawful", "unlawful"), ("legalize", "ban"), ("support", "oppose"),
    ("agree", "disagree"), ("for", "against"), ("pro", "anti"), ("favor", "oppose"), ("favour", "oppose"),
    ("acquit", "convict"), ("guilty", "innocent"), ("include", "exclude"), ("join", "leave"), ("join", "quit"),
    ("enter", "exit"), ("enter", "leave"), ("arrive", "depart"), ("arrive", "leave"), ("attack", "defend"),
    ("hire", "fire"), ("employ", "dismiss"), ("appoint", "dismiss"), ("appoint", "sack"), ("elect", "defeat"),
    ("resign", "stay"), ("start", "stop"), ("start", "end"), ("start", "finish"), ("begin", "end"),
    ("begin", "finish"), ("begin", "stop"), ("open", "close"), ("open", "closed"), ("open", "shut"),
    ("launch", "cancel"), ("resume", "suspend"), ("continue", "stop"), ("continue", "halt"), ("continue", "end"),
    ("lift", "impose"), ("impose", "remove"), ("build", "destroy"), ("build", "demolish"), ("create", "destroy"),
    ("buy", "sell"), ("purchase", "sell"), ("import", "export"), ("borrow", "lend"), ("give", "take"),
    ("give", "receive"), ("send", "receive"), ("push", "pull"), ("add", "remove"), ("add", "subtract"),
    ("put", "remove"), ("attach", "detach"), ("connect", "disconnect"), ("lock", "unlock"), ("load", "unload"),
    ("pack", "unpack"), ("fold", "unfold"), ("tie", "untie"), ("dress", "undress"), ("cover", "uncover"),
    ("wrap", "unwrap"), ("plug", "unplug"), ("fill", "empty"), ("catch", "miss"), ("catch", "drop"), ("hit", "miss"),
    ("find", "lose"), ("remember", "forget"), ("love", "hate"), ("like", "dislike"), ("praise", "criticize"),
    ("praise", "criticise"), ("praise", "condemn"), ("reward", "punish"), ("release", "arrest"), ("release", "detain"),
    ("release", "capture"), ("free", "imprison"), ("free", "captive"), ("survive", "die"), ("survive", "perish"),
    ("live", "die"), ("alive", "dead"), ("birth", "death"), ("born", "dead"), ("wake", "sleep"), ("awake", "asleep"),
    ("sink", "float"), ("sink", "swim"), ("ascend", "sink"), ("inhale", "exhale"), ("laugh", "cry"),
    ("smile", "frown"), ("obey", "disobey"), ("honest", "dishonest"), ("comply", "violate"), ("respect", "violate"),
    ("ratify", "reject"), ("sign", "reject"), ("pass", "reject"), ("sign", "veto"), ("earn", "lose"),
    ("acquire", "sell"), ("hire", "lay"), ("win", "concede"), ("confirm", "refute"),
    ("adopt", "reject"), ("adopt", "abandon"), ("keep", "abandon"),
    ("keep", "lose"), ("maintain", "abandon"), ("save", "waste"), ("save", "spend"), ("spend", "earn"),
    ("dirty", "clean"),
    # states and properties
    ("true", "false"), ("right", "wrong"), ("correct", "incorrect"), ("good", "bad"), ("better", "worse"),
    ("best", "worst"), ("positive", "negative"), ("safe", "dangerous"), ("safe", "unsafe"), ("healthy", "sick"),
    ("healthy", "ill"), ("well", "sick"), ("happy", "sad"), ("happy", "unhappy"), ("rich", "poor"),
    ("wealthy", "poor"), ("strong", "weak"), ("large", "small"), ("big", "small"), ("big", "little"),
    ("large", "little"), ("huge", "tiny"), ("huge", "small"), ("giant", "tiny"), ("tall", "short"), ("long", "short"),
    ("wide", "narrow"), ("thick", "thin"), ("fat", "thin"), ("fat", "skinny"), ("heavy", "light"), ("deep", "shallow"),
    ("full", "empty"), ("crowded", "empty"), ("crowded", "deserted"), ("busy", "idle"), ("hot", "cold"),
    ("warm", "cool"), ("warm", "cold"), ("wet", "dry"), ("old", "new"), ("old", "young"), ("young", "elderly"),
    ("ancient", "modern"), ("early", "late"), ("first", "last"), ("fast", "slow"), ("quick", "slow"),
    ("quickly", "slowly"), ("loud", "quiet"), ("loud", "silent"), ("noisy", "quiet"), ("noisy", "silent"),
    ("bright", "dark"), ("light", "dark"), ("sunny", "cloudy"), ("day", "night"), ("hard", "soft"),
    ("easy", "difficult"), ("easy", "hard"), ("simple", "complex"), ("simple", "complicated"), ("cheap", "expensive"),
    ("public", "private"), ("domestic", "foreign"), ("internal", "external"), ("inside", "outside"),
    ("indoor", "outdoor"), ("indoors", "outdoors"), ("interior", "exterior"), ("near", "far"), ("close", "far"),
    ("present", "absent"), ("visible", "invisible"), ("known", "unknown"), ("possible", "impossible"),
    ("likely", "unlikely"), ("legal", "criminal"), ("married", "single"), ("married", "divorced"), ("male", "female"),
    ("same", "different"), ("similar", "different"), ("equal", "unequal"), ("fair", "unfair"), ("just", "unjust"),
    ("friend", "enemy"), ("ally", "enemy"), ("ally", "rival"), ("peace", "war"), ("peaceful", "violent"),
    ("calm", "agitated"), ("calm", "angry"), ("majority", "minority"), ("maximum", "minimum"), ("most", "least"),
    ("more", "less"), ("more", "fewer"), ("many", "few"), ("always", "never"), ("everyone", "nobody"),
    ("all", "none"), ("everything", "nothing"), ("sober", "drunk"), ("armed", "unarmed"), ("employed", "unemployed"),
    ("victorious", "defeated"), ("innocent", "guilty"), ("top", "bottom"), ("north", "south"), ("east", "west"),
    ("northern", "southern"), ("eastern", "western"), ("left", "right"), ("front", "back"), ("before", "after"),
    ("above", "below"), ("over", "under"), ("ahead", "behind"), ("upstairs", "downstairs"), ("uphill", "downhill"),
    ("on", "off"), ("into", "out"), ("onto", "off"), ("in", "out"), ("toward", "away"), ("towards", "away"),
    ("win", "defeat"), ("beat", "lose"), ("home", "away"), ("up", "off"),
    # up to here: opposites proper
)  # fmt: skip

# Activities and postures that cannot hold at once for the same agent: weaker than opposites,
# because a picture or a report can describe two moments.
_ACTIVITY_PAIRS: tuple[tuple[str, ...], ...] = (
    ("sit", "stand"), ("sleep", "run"), ("rest", "run"), ("stand", "lie"), ("sit", "lie"), ("stand", "run"),
    ("sit", "run"), ("lie", "run"), ("sit", "walk"), ("stand", "jump"), ("rest", "play"), ("sleep", "play"),
    ("stop", "run"), ("stop", "go"), ("come", "go"), ("walk", "run"), ("swim", "drown"), ("ride", "fall"),
    ("laugh", "weep"), ("talk", "silent"), ("dead", "living"), ("moving", "still"),
    ("mobile", "immobile"),
)  # fmt: skip


def _build(pairs: tuple[tuple[str, ...], ...]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


ANTONYMS: dict[str, frozenset[str]] = _build(_ANTONYM_PAIRS + _ACTIVITY_PAIRS)
ACTIVITY_OPPOSITES: dict[str, frozenset[str]] = _build(_ACTIVITY_PAIRS)

# Groups whose members exclude each other when they fill the same role of the same event
# ("a man" / "a woman" as the one who is cooking). Named so the explanation can say why.
EXCLUSIVE_GROUPS: dict[str, frozenset[str]] = {
    "gender": frozenset({"man", "woman", "boy", "girl", "gentleman", "lady", "male", "female", "husband", "wife",
                         "father", "mother", "son", "daughter", "brother", "sister", "king", "queen", "he", "she",
                         "mr.", "mrs.", "ms."}),
    "age": frozenset({"child", "adult", "baby", "kid", "toddler", "teenager", "elderly"}),
    "animal": frozenset({"dog", "cat", "horse", "cow", "sheep", "goat", "pig", "bird", "fish", "monkey", "elephant",
                         "lion", "tiger", "bear", "deer", "rabbit", "mouse", "snake", "duck", "chicken", "camel",
                         "giraffe", "zebra", "dolphin", "shark", "whale", "turtle", "frog", "squirrel", "panda",
                         "kangaroo", "wolf", "fox", "puppy", "kitten", "parrot", "eagle", "owl", "cheetah", "leopard"}),
    "colour": frozenset({"black", "white", "red", "blue", "green", "yellow", "brown", "pink", "purple", "orange",
                         "grey", "gray", "golden", "silver"}),
    "instrument": frozenset({"guitar", "piano", "violin", "drum", "flute", "trumpet", "keyboard", "cello", "harp",
                             "saxophone", "clarinet", "banjo", "harmonica", "ukulele"}),
    "vehicle": frozenset({"car", "bicycle", "bike", "motorcycle", "truck", "bus", "train", "boat", "plane",
                          "airplane", "helicopter", "scooter", "ship", "tractor", "van"}),
    "food": frozenset({"potato", "onion", "carrot", "tomato", "egg", "meat", "fish", "chicken", "rice", "bread",
                       "cheese", "apple", "banana", "lemon", "orange", "cucumber", "pepper", "garlic", "mushroom",
                       "pasta", "noodle", "pizza", "cake", "shrimp", "pork", "beef", "zucchini", "cabbage", "lettuce"}),
    "weekday": frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}),
    "month": frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december"}),
    "season": frozenset({"spring", "summer", "autumn", "fall", "winter"}),
    "sport": frozenset({"football", "soccer", "basketball", "baseball", "tennis", "golf", "hockey", "rugby",
                        "cricket", "volleyball", "badminton", "boxing", "wrestling", "chess"}),
}  # fmt: skip

# Cardinal number words a tokenizer leaves as words.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "dozen": 12, "single": 1, "couple": 2, "pair": 2, "both": 2,
}  # fmt: skip


# Every word of some exclusive group (a quick filter before the pairwise check).
GROUPED: frozenset[str] = frozenset(w for members in EXCLUSIVE_GROUPS.values() for w in members)


def antonym_of(a: str, b: str) -> bool:
    """True when lemmas ``a`` and ``b`` are listed as opposites."""
    return b in ANTONYMS.get(a, ())


def weak_opposites(a: str, b: str) -> bool:
    """True when ``a``/``b`` are only incompatible activities or postures ("sit"/"run"), not opposites proper."""
    return b in ACTIVITY_OPPOSITES.get(a, ()) and not any({a, b} == set(pair) for pair in _ANTONYM_PAIRS)


def exclusive_group(a: str, b: str) -> str | None:
    """Name of a group in which ``a`` and ``b`` are different, mutually exclusive members, else None."""
    if a == b:
        return None
    for name, members in EXCLUSIVE_GROUPS.items():
        if a in members and b in members:
            return name
    return None


# Words used for the same thing in plain English (the first is the canonical form). Used only to align
# the two sides ("no lady is slicing" / "a woman is cutting"), never as a signal on their own.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("woman", "lady"), ("man", "guy", "gentleman"), ("child", "kid"), ("mother", "mom", "mum"),
    ("father", "dad"), ("person", "someone", "somebody", "individual"), ("people", "persons", "folks"),
    ("cat", "kitten", "kitty"), ("dog", "puppy", "pup"), ("cut", "slice", "chop"), ("talk", "speak", "chat"),
    ("look", "watch", "gaze", "stare"), ("shout", "yell", "scream"), ("jump", "leap", "hop"), ("run", "jog", "sprint"),
    ("walk", "stroll"), ("big", "large"), ("small", "little", "tiny"), ("fast", "quick", "rapid"),
    ("start", "begin"), ("end", "finish"), ("buy", "purchase"), ("photo", "picture", "photograph"),
    ("car", "automobile", "vehicle"), ("rock", "stone"), ("street", "road"), ("hit", "strike"), ("put", "place"),
    ("throw", "toss"), ("pull", "drag", "tug"), ("sea", "ocean"), ("beach", "shore", "seashore"),
    ("lawn", "grass"), ("sofa", "couch"), ("film", "movie"), ("bicycle", "bike"), ("motorcycle", "motorbike"),
    ("plane", "airplane", "aircraft"), ("injure", "wound", "hurt"), ("help", "assist"), ("try", "attempt"),
    ("reveal", "disclose"), ("kill", "slay"), ("shop", "store"), ("home", "house"), ("wed", "marry"),
    ("sick", "ill"), ("rich", "wealthy"), ("begin", "commence"), ("quit", "resign"),
    ("cop", "police"), ("burn", "set fire"), ("fix", "repair"), ("hat", "cap"), ("river", "stream"),
    ("phone", "telephone", "cellphone"), ("stir", "mix"), ("toss", "fling"), ("discussion", "talk", "negotiation"),
    ("finish", "complete"), ("die", "perish"), ("illness", "disease"),
)  # fmt: skip
SYNONYMS: dict[str, str] = {w: group[0] for group in _SYNONYM_GROUPS for w in group}


# A general word that a more specific one falls under ("no person is ..." is about "a woman" too).
_HYPERNYM_OF_GROUP = {"gender": "person", "age": "person", "animal": "animal", "food": "food",
                      "instrument": "instrument", "vehicle": "vehicle", "sport": "sport"}  # fmt: skip
HYPERNYMS: dict[str, frozenset[str]] = {}
for _group, _general in _HYPERNYM_OF_GROUP.items():
    for _word in EXCLUSIVE_GROUPS[_group]:
        HYPERNYMS[_word] = HYPERNYMS.get(_word, frozenset()) | {_general, "thing" if _general != "person" else "people"}
del _group, _general, _word
