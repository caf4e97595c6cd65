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

# Measure, container and group nouns: in "a bowl of soup", "a group of boys" the noun after "of" is what is spoken of.
PARTITIVE_NOUNS: frozenset[str] = frozenset(
    {"bowl", "cup", "glass", "mug", "plate", "piece", "slice", "bit", "bunch", "group", "pair", "couple", "bottle",
     "can", "jar", "box", "bag", "basket", "bucket", "handful", "lot", "kind", "type", "sort", "number", "set", "stack",
     "pile", "heap", "herd", "flock", "pack", "crowd", "team", "row", "line", "sheet", "loaf", "bundle", "spoonful",
     "amount", "variety", "collection", "series", "portion", "serving", "chunk", "strip", "drop", "pinch", "dozen"}
)  # fmt: skip

# Cardinal number words a tokenizer leaves as words.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "dozen": 12, "single": 1, "couple": 2, "pair": 2, "both": 2,
}  # fmt: skip


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


def _merge_synonyms(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Word -> canonical form; groups sharing a word merge ("talk" is in two), the earliest form wins."""
    canon: dict[str, str] = {}
    for group in groups:
        heads = [canon[w] for w in group if w in canon]
        head = heads[0] if heads else group[0]
        for w in [*group, *(k for k, v in canon.items() if v in heads)]:
            canon[w] = head
    return canon


SYNONYMS: dict[str, str] = _merge_synonyms(_SYNONYM_GROUPS)


def _build(pairs: tuple[tuple[str, ...], ...]) -> dict[str, frozenset[str]]:
    """Symmetric table, keyed by the plain lemma and by its folded synonym (the signals look words up folded)."""
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            for key in {x, SYNONYMS.get(x, x)}:
                table.setdefault(key, set()).update({y, SYNONYMS.get(y, y)})
    return {k: frozenset(v - {k}) for k, v in table.items()}


ANTONYMS: dict[str, frozenset[str]] = _build(_ANTONYM_PAIRS + _ACTIVITY_PAIRS)
ACTIVITY_OPPOSITES: dict[str, frozenset[str]] = _build(_ACTIVITY_PAIRS)
_PROPER_OPPOSITES: frozenset[frozenset[str]] = frozenset(
    frozenset({x, y}) for a, b in _ANTONYM_PAIRS for x in {a, SYNONYMS.get(a, a)} for y in {b, SYNONYMS.get(b, b)}
)


# Every word of some exclusive group (a quick filter before the pairwise check).
GROUPED: frozenset[str] = frozenset(w for members in EXCLUSIVE_GROUPS.values() for w in members)


def weak_opposites(a: str, b: str) -> bool:
    """True when ``a``/``b`` are only incompatible activities or postures ("sit"/"run"), not opposites proper."""
    return b in ACTIVITY_OPPOSITES.get(a, ()) and frozenset({a, b}) not in _PROPER_OPPOSITES


def exclusive_group(a: str, b: str) -> str | None:
    """Name of a group in which ``a`` and ``b`` are different, mutually exclusive members, else None."""
    if a == b:
        return None
    for name, members in EXCLUSIVE_GROUPS.items():
        if a in members and b in members:
            return name
    return None


# A general word that a more specific one falls under ("no person is ..." is about "a woman" too).
_HYPERNYM_OF_GROUP = {"gender": "person", "age": "person", "animal": "animal", "food": "food",
                      "instrument": "instrument", "vehicle": "vehicle", "sport": "sport"}  # fmt: skip

# A small general-English taxonomy: (general word, words for kinds of it). Read transitively ("poodle" is a
# dog, so an animal). Nouns and verbs alike ("slice" is a way to cut, "sprinkle" a way to put).
_TAXONOMY: tuple[tuple[str, tuple[str, ...]], ...] = (
    # people
    ("child", ("boy", "girl", "baby", "toddler", "infant", "son", "daughter", "schoolboy", "schoolgirl")),
    ("adult", ("man", "woman", "husband", "wife", "father", "mother")),
    ("person", ("child", "adult", "teenager", "player", "athlete", "worker", "chef", "doctor", "nurse",
                "teacher", "student", "pupil", "soldier", "officer", "policeman", "musician", "guitarist", "pianist",
                "drummer", "violinist", "singer", "dancer", "performer", "artist", "painter", "actor", "actress",
                "rider", "cyclist", "bicyclist", "biker", "motorcyclist", "skier", "snowboarder", "surfer", "swimmer",
                "diver", "climber", "skateboarder", "skater", "hiker", "runner", "jogger", "driver", "pilot",
                "farmer", "fisherman", "clown", "tourist", "spectator", "customer", "shopper", "waiter",
                "waitress", "boxer", "wrestler", "goalkeeper", "goalie", "referee", "bride", "groom", "guy",
                "gentleman", "lady", "kid", "teen", "youngster", "man", "woman")),
    ("player", ("goalkeeper", "goalie", "footballer", "pitcher", "batter", "quarterback")),
    ("musician", ("guitarist", "pianist", "drummer", "violinist", "singer", "cellist", "flutist")),
    ("cyclist", ("bicyclist", "biker")),
    ("people", ("crowd", "family", "couple", "team", "audience", "group")),
    # animals
    ("dog", ("puppy", "poodle", "terrier", "retriever", "collie", "labrador", "beagle", "bulldog", "husky",
             "dachshund", "greyhound", "chihuahua", "pug", "spaniel", "dalmatian", "rottweiler", "sheepdog",
             "hound", "mutt")),
    ("cat", ("kitten", "kitty")),
    ("bird", ("parrot", "eagle", "owl", "duck", "chicken", "hen", "rooster", "pigeon", "dove", "seagull", "gull",
              "swan", "goose", "penguin", "crow", "sparrow", "hawk", "falcon", "flamingo", "ostrich", "robin")),
    ("fish", ("salmon", "trout", "goldfish", "tuna", "cod")),
    ("animal", ("dog", "cat", "bird", "fish", "horse", "pony", "donkey", "cow", "bull", "ox", "calf", "sheep", "lamb",
                "goat", "pig", "monkey", "ape", "gorilla", "chimpanzee", "elephant", "lion", "tiger", "bear", "panda",
                "deer", "rabbit", "bunny", "mouse", "rat", "hamster", "snake", "lizard", "turtle", "tortoise", "frog",
                "squirrel", "camel", "giraffe", "zebra", "rhino", "rhinoceros", "hippo", "hippopotamus", "kangaroo",
                "koala", "wolf", "fox", "cheetah", "leopard", "jaguar", "badger", "raccoon", "otter",
                "dolphin", "whale", "shark", "octopus", "crab", "insect", "spider", "butterfly", "bee")),
    # food
    ("vegetable", ("potato", "onion", "carrot", "tomato", "cucumber", "pepper", "garlic", "mushroom", "zucchini",
                   "cabbage", "lettuce", "eggplant", "broccoli", "spinach", "bean", "pea", "celery", "corn",
                   "pumpkin", "squash", "leek", "radish", "cauliflower", "asparagus")),
    ("fruit", ("apple", "banana", "lemon", "lime", "orange", "strawberry", "grape", "pear", "peach", "cherry",
               "melon", "watermelon", "pineapple", "mango", "plum", "berry", "coconut", "kiwi", "apricot")),
    ("meat", ("beef", "pork", "steak", "bacon", "sausage", "ham", "chicken", "lamb", "veal", "turkey", "meatball")),
    ("food", ("vegetable", "fruit", "meat", "meal", "bread", "cheese", "rice", "pasta", "noodle", "spaghetti",
              "pizza", "cake", "egg", "soup", "salad", "sandwich", "cereal", "dish", "snack", "dessert", "cookie",
              "biscuit", "burger", "hamburger", "pie", "fish", "shrimp", "seafood", "butter", "dough", "tortilla",
              "breakfast", "lunch", "dinner", "popcorn", "candy", "chocolate", "ingredient", "flour", "sugar")),
    ("drink", ("milk", "juice", "coffee", "tea", "beer", "wine", "soda", "beverage", "cocktail")),
    # objects
    ("gun", ("pistol", "rifle", "shotgun", "revolver", "handgun")),
    ("weapon", ("gun", "sword", "spear", "dagger")),
    ("keyboard", ("piano", "organ", "synthesizer")),
    ("instrument", ("guitar", "piano", "keyboard", "violin", "drum", "flute", "trumpet", "cello", "harp",
                    "saxophone", "clarinet", "banjo", "harmonica", "ukulele", "trombone", "accordion")),
    ("vehicle", ("car", "truck", "bus", "van", "bicycle", "motorcycle", "scooter", "tractor", "train", "boat", "jeep",
                 "taxi", "ambulance", "tram", "lorry", "cart", "wagon", "plane", "helicopter", "ship")),
    ("boat", ("canoe", "kayak", "raft", "sailboat", "yacht", "ship", "ferry", "speedboat")),
    ("clothing", ("shirt", "jacket", "coat", "dress", "skirt", "pants", "trousers", "jeans", "shorts", "hat", "cap",
                  "shoe", "boot", "sweater", "uniform", "costume", "jersey", "suit", "bikini", "swimsuit", "scarf",
                  "glove", "sock", "t-shirt", "hoodie", "vest", "helmet", "outfit", "gown", "robe")),
    ("water", ("sea", "ocean", "lake", "river", "pool", "pond", "stream", "creek")),
    ("fire", ("bonfire", "campfire", "flame")),
    ("ground", ("grass", "lawn", "sand", "dirt", "mud", "soil", "field", "floor")),
    ("container", ("bowl", "cup", "glass", "mug", "jar", "bottle", "box", "basket", "bucket", "pot", "pan", "bag")),
    ("building", ("house", "home", "church", "school", "hospital", "tower", "skyscraper", "barn", "cabin")),
    ("toy", ("doll", "teddy", "puzzle", "kite", "frisbee", "balloon")),
    # verbs: a way of doing the general thing
    ("cut", ("slice", "chop", "dice", "carve", "trim", "mince", "saw", "shred", "grate")),
    ("put", ("place", "sprinkle", "pour", "set", "lay", "load", "insert", "add", "spread", "stuff")),
    ("cook", ("fry", "boil", "bake", "grill", "roast", "saute", "barbecue", "simmer", "heat")),
    ("clean", ("wash", "rinse", "wipe", "scrub", "mop", "sweep", "brush", "vacuum", "dust")),
    ("eat", ("munch", "chew", "devour", "nibble", "bite", "swallow", "dine")),
    ("drink", ("sip", "gulp", "slurp")),
    ("look", ("watch", "stare", "gaze", "peer", "glance", "check", "examine", "inspect", "observe", "view", "peek")),
    ("jump", ("leap", "hop", "bounce", "vault", "skip", "dive")),
    ("run", ("jog", "sprint", "race", "dash", "rush", "chase")),
    ("walk", ("stroll", "hike", "march", "stride", "wander", "stomp", "tiptoe", "limp", "trek")),
    ("ride", ("trot", "gallop", "pedal", "cycle", "drive")),
    ("hit", ("strike", "punch", "kick", "slap", "smack", "knock", "bang", "hammer", "tap", "pound")),
    ("hold", ("grip", "grasp", "clutch", "carry", "clasp", "cradle", "hug")),
    ("throw", ("toss", "fling", "hurl", "pitch", "lob")),
    ("spray", ("squirt", "sprinkle", "splash", "hose")),
    ("mix", ("stir", "whisk", "blend", "beat", "whip")),
    ("talk", ("speak", "chat", "whisper", "shout", "yell", "converse")),
    ("play", ("strum", "pluck")),
    ("make", ("build", "create", "construct", "prepare", "produce", "assemble", "craft", "bake", "cook")),
    ("move", ("walk", "run", "ride", "swim", "crawl", "climb", "fly", "drive", "travel", "roll", "slide", "jump")),
    ("fix", ("repair", "mend")),
    ("sit", ("squat", "kneel", "crouch")),
    ("lie", ("sprawl", "recline")),
    ("kill", ("murder", "assassinate", "slay", "execute", "slaughter")),
    ("injure", ("wound", "hurt", "maim")),
    ("buy", ("purchase", "acquire")),
    ("leave", ("depart", "exit", "quit")),
    ("win", ("clinch",)),
    ("die", ("perish", "drown", "starve")),
)  # fmt: skip


def _fold(w: str) -> str:
    return SYNONYMS.get(w, w)


def _hypernyms() -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = {}
    for group, general in _HYPERNYM_OF_GROUP.items():
        for word in EXCLUSIVE_GROUPS[group]:
            parents.setdefault(_fold(word), set()).update({general, "thing" if general != "person" else "people"})
    for general, specifics in _TAXONOMY:
        for word in specifics:
            if _fold(word) != _fold(general):
                parents.setdefault(_fold(word), set()).add(_fold(general))
    closed: dict[str, frozenset[str]] = {}
    for word in parents:
        seen, stack = set(), list(parents[word])
        while stack:
            x = stack.pop()
            if x not in seen and x != word:
                seen.add(x)
                stack.extend(parents.get(x, ()))
        closed[word] = frozenset(seen)
    return closed


HYPERNYMS: dict[str, frozenset[str]] = _hypernyms()

# Words for one event across parts of speech ("died" / "death"), where a suffix strip does not meet: used to
# find the premise word a hypothesis predicate speaks of.
_EVENT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("die", "death", "dead"), ("bear", "born", "birth"), ("arrive", "arrival", "reach"),
    ("depart", "departure", "leave"),
    ("marry", "marriage", "wed", "wedding"), ("win", "victory", "winner"), ("lose", "loss", "defeat"),
    ("invade", "invasion"), ("acquire", "acquisition", "buy", "purchase", "takeover"), ("decide", "decision"),
    ("explode", "explosion", "blast"), ("collide", "collision", "crash"), ("resign", "resignation", "quit"),
    ("appoint", "appointment", "name"), ("sell", "sale"), ("pay", "payment"), ("grow", "growth"),
    ("injure", "injury", "wound"), ("discover", "discovery", "find"), ("invent", "invention"),
    ("build", "construction", "construct"), ("produce", "production"), ("publish", "publication"),
    ("begin", "beginning", "start"), ("retire", "retirement"), ("announce", "announcement"),
    ("agree", "agreement"), ("meet", "meeting"), ("occupy", "occupation"), ("found", "foundation", "establish"),
    ("elect", "election", "vote"), ("kill", "killing", "murder"), ("attack", "assault"), ("sink", "sinking"),
    ("close", "closure"), ("open", "opening"), ("sign", "signature", "signing"), ("release", "free"),
    ("arrest", "detain", "detention", "imprison", "jail"), ("flee", "escape"), ("visit", "trip"),
    ("launch", "introduce", "introduction"), ("merge", "merger"), ("employ", "employment", "hire"),
    ("destroy", "destruction"), ("capture", "seize", "seizure"), ("convict", "conviction", "sentence"),
)  # fmt: skip
EVENT_FAMILY: dict[str, frozenset[str]] = {}
for _family in _EVENT_FAMILIES:
    for _w in _family:
        EVENT_FAMILY[_w] = EVENT_FAMILY.get(_w, frozenset()) | (frozenset(_family) - {_w})
del _family, _w
