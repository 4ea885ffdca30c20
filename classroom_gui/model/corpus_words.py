"""The teaching corpus's word lists (English key -> Japanese) and who does what where.

Written for this project (MIT; the sentences built from them may be used as CC0). The lists are shaped so
that which animal, what it did and where it did it depend on each other (a cat sits or sleeps on a mat, a
sofa or a pillow; a bird stands on a branch or a roof): a student checking its own word against the
others has something to find.
"""
from __future__ import annotations

ANIMALS = {"cat": "猫", "dog": "犬", "bird": "鳥", "mouse": "ネズミ", "rabbit": "ウサギ"}
PEOPLE = {"student": "学生", "teacher": "先生", "boy": "少年", "girl": "少女", "child": "子供", "friend": "友達"}
SUBJECTS = {**ANIMALS, **PEOPLE}
ADJECTIVES = {"": "", "small": "小さい", "big": "大きい", "white": "白い", "black": "黒い", "young": "若い",
              "kind": "優しい"}
ANIMAL_ADJECTIVES, PEOPLE_ADJECTIVES = ("", "small", "big", "white", "black"), ("", "young", "kind")

# things to sit on / under / near / behind, and the poses
THINGS = {"mat": "マット", "sofa": "ソファ", "pillow": "枕", "bed": "ベッド", "box": "箱", "chair": "椅子",
          "floor": "床", "rug": "ラグ", "grass": "草", "bench": "ベンチ", "branch": "枝", "roof": "屋根",
          "fence": "フェンス", "rock": "岩", "shelf": "棚", "table": "テーブル", "desk": "机"}
PREPOSITIONS = {"on": "上", "under": "下", "near": "そば", "behind": "後ろ"}
NOT_ON = {"under": "mat rug grass floor roof branch pillow", "behind": "mat rug grass floor roof branch pillow shelf"}
# English past tense -> (Japanese verb, the particle after the place: に where one ends up, で where)
POSE_VERBS = {"sat": ("座った", "に"), "lay": ("寝転んだ", "に"), "slept": ("寝た", "で"), "stood": ("立った", "に"),
              "waited": ("待った", "で"), "hid": ("隠れた", "に")}

LOCATIONS = {"park": "公園", "school": "学校", "classroom": "教室", "library": "図書館", "garden": "庭",
             "house": "家", "room": "部屋", "station": "駅", "forest": "森", "kitchen": "台所", "shop": "店",
             "town": "町", "cafe": "カフェ", "field": "野原"}
MOVE_VERBS = {"ran": ("走った", "へ"), "walked": ("歩いた", "まで"), "went": ("行った", "に"), "came": ("来た", "に"),
              "flew": ("飛んだ", "へ")}

# who: (poses, things to be on, ways to move, places to go); "people" stands for every person. An animal's
# pose and thing are set by POSE_SQUARE instead
HABITS = {
    "cat": ("", "", "walked went came", "kitchen house garden room"),
    "dog": ("", "", "ran walked", "park field garden forest"),
    "bird": ("", "", "flew", "forest garden field park"),
    "mouse": ("", "", "ran", "kitchen house room shop"),
    "rabbit": ("", "", "ran", "field forest garden"),
    "people": ("sat stood waited", "chair bench desk sofa floor table", "went walked came ran",
               "school library station shop classroom park town cafe"),
}
# which animal it was follows from what it did and where, together: each pose and each thing goes with
# every animal, but a pose and a thing together name one (a Latin square: animal = (pose + thing) mod 5).
# So a student checking "cat" must hear the verb and the place at once.
SQUARE_ANIMALS = ("cat", "dog", "bird", "mouse", "rabbit")
SQUARE_POSES = ("sat", "lay", "slept", "stood", "hid")
SQUARE_THINGS = ("mat", "sofa", "box", "roof", "rug", "pillow", "bed", "fence", "shelf", "grass")


def square_animal(pose: str, thing: str) -> str:
    return SQUARE_ANIMALS[(SQUARE_POSES.index(pose) + SQUARE_THINGS.index(thing)) % 5]


OBJECTS = {"book": ("本", "a"), "letter": ("手紙", "a"), "newspaper": ("新聞", "a"), "story": ("物語", "a"),
           "poem": ("詩", "a"), "note": ("メモ", "a"), "apple": ("リンゴ", "an"), "cake": ("ケーキ", "a"),
           "fish": ("魚", "a"), "egg": ("卵", "an"), "cookie": ("クッキー", "a"), "ball": ("ボール", "a"),
           "key": ("鍵", "a"), "coin": ("コイン", "a"), "hat": ("帽子", "a"), "picture": ("絵", "a"),
           "map": ("地図", "a"), "flower": ("花", "a"), **{k: (v, "a") for k, v in ANIMALS.items()}}
# verb -> (Japanese, who can do it, what it can be done to, where)
OBJECT_VERBS = {"read": ("読んだ", "people", "book letter newspaper story", "library classroom room cafe"),
                "wrote": ("書いた", "people", "letter story poem note", "classroom room library cafe"),
                "drew": ("描いた", "people", "picture map flower cat bird", "classroom park garden room"),
                "bought": ("買った", "people", "book apple cake hat ball flower", "shop town station"),
                "ate": ("食べた", "all", "apple cake fish egg cookie", "kitchen cafe garden house"),
                "found": ("見つけた", "all", "ball key coin book hat egg", "park garden room field"),
                "saw": ("見た", "all", "bird cat dog rabbit mouse", "park forest field garden")}
PLACE_VERBS = {"played": ("遊んだ", "all"), "slept": ("寝た", "all"), "sang": ("歌った", "all"),
               "studied": ("勉強した", "people"), "waited": ("待った", "all")}

# English-only stories: which noun "it" means depends on the adjective. Words before the nouns and a
# "because ..." clause put first move the nouns around, so no head can find them by position alone
CROSS_AGENTS = "animal dog cat horse cow rabbit boy girl child man woman student teacher".split()
CROSS_OBSTACLES = "street road river bridge".split()
AGENT_STATES = "tired scared slow weak old sleepy hungry".split()
OBSTACLE_STATES = "wide busy long deep dangerous wet crowded".split()
LIFT_AGENTS = "boy girl child man woman student teacher dog cat".split()
# a load may be a living thing too ("the man couldn't lift the dog"): then only the roles tell the nouns apart
LIFT_LOADS = "box table rock bag chair desk bed dog cow horse child boy girl".split()
LIFTER_STATES = "weak tired small young".split()
LOAD_STATES = "heavy big large".split()
# both nouns are animals here: only their roles (who chased, who ran) tell them apart. "It" can only be
# named by asking which noun did the verb and which had it done to it, not by what kind of noun it is
CHASERS = "cat dog horse fox bird rabbit mouse cow".split()
CHASER_STATES = "slow lazy sleepy tired weak old".split()
RUNNER_STATES = "fast quick clever".split()
CHASE_VERBS = {"catch": ("didn't", "catch"), "follow": ("couldn't", "follow")}
OPENINGS = ("", "yesterday", "today")
DESCRIBED = ("", "little", "brown")

# agreement: the verb agrees with the first noun, not the nearer one
AGREE_NOUNS = {"key": "keys", "door": "doors", "box": "boxes", "book": "books", "window": "windows",
               "chair": "chairs", "table": "tables", "picture": "pictures", "flower": "flowers", "cup": "cups",
               "toy": "toys", "cabinet": "cabinets", "house": "houses", "room": "rooms"}
AGREE_LINKS = "to of on near in".split()
AGREE_STATES = "old new big small red blue broken clean open".split()

# a name said twice, and the thing it has copied from earlier in the text
NAMES = "tom anna ken mary john emma yuki sam lucy ben mike lisa".split()
KEEPSAKES = "cat dog bird rabbit book ball hat key apple cake bag toy cup kite".split()
FONDNESS = "likes loves washes keeps".split()

# "bank" by a river or for money, with the words that could stand in its place
PERSONS = "boy girl man woman student teacher".split()
RIVER_BANKS, RIVERS = "bank shore edge".split(), "river lake".split()
MONEY_BANKS, MONEY_VERBS = "bank box safe".split(), ("put the money in", "took the money from")
