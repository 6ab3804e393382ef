"""Constructed parquet files of ``lmarena-ai/leaderboard-dataset`` (no real bytes exist offline).

No copy of the dataset's parquet files could be stored (SOURCES.md §8a), so these files are
*built* here with pyarrow from the published schema, the rows quoted verbatim in SOURCES.md
§8a (``vicuna-13b`` 2023-05-08, ``gpt-4-0314`` 2024-01-09, ``claude-fable-5.1-max`` and
``muse-spark-1.2 (xHigh)`` 2026-10-02, the agent row ``Claude Fable 5 (High)``) and, for
2026-04-19, the arena.ai capture in ``tests/fixtures/arena_ai_scraped`` (score, ±CI and votes
of its first twelve models). Every other value is invented, and says so here.

Every quirk §8a lists is in them:
- ``latest`` mixes dates per category (``text``: ``korean`` is 2026-09-30 while the rest is
  2026-10-02; ``webdev``: ``html`` is 2026-09-28);
- ``rank`` and ``vote_count`` are doubles in ``text``, ``rank`` int64 with ``vote_count``
  double in ``text_style_control``, both int64 in the image/video subsets;
- ``falcon-180b-chat`` has a NaN rating and rank in the ``korean`` category;
- the Elo era (2023) has null CIs, variance and votes;
- ``claude-opus-4-6-thinking`` becomes ``claude-opus-4-6-high`` on 2026-08-12 with the same
  rating and votes;
- agent subsets have their own columns (IPS ``score`` around 0, negative values, null CIs and
  counts in the earliest snapshot);
- legacy models have an empty ``organization`` (and one an empty ``license``);
- ``webdev`` lists ``gpt-5.3-codex (codex-harness)`` twice in one publication, with different
  figures (a third-party recon saw this from 2026-05-05 on).

Run ``python -m tests.lmarena_dataset`` to (re)write the files into
``tests/fixtures/lmarena_dataset/``; ``tests/sources/test_lmarena_dataset.py`` checks the
committed files still hold exactly what this module builds.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FOLDER = Path(__file__).parent / "fixtures" / "lmarena_dataset"

#: (model_name, organization, license, rating, half CI, votes); the CI is ``rating ± half``.
Model = tuple[str, str, str, float, float, int]

_NAN = float("nan")


def bt_schema(*, rank: pa.DataType, votes: pa.DataType) -> pa.Schema:
    """The Bradley-Terry subsets' columns, in file order, with one subset's numeric types."""
    return pa.schema(
        [
            ("model_name", pa.string()),
            ("organization", pa.string()),
            ("license", pa.string()),
            ("rating", pa.float64()),
            ("rating_lower", pa.float64()),
            ("rating_upper", pa.float64()),
            ("variance", pa.float64()),
            ("vote_count", votes),
            ("rank", rank),
            ("category", pa.string()),
            ("leaderboard_publish_date", pa.string()),
        ]
    )


AGENT_SCHEMA = pa.schema(
    [
        ("model_name", pa.string()),
        ("organization", pa.string()),
        ("license", pa.string()),
        ("score", pa.float64()),
        ("score_ci_lower", pa.float64()),
        ("score_ci_upper", pa.float64()),
        ("observation_count", pa.float64()),
        ("session_count", pa.float64()),
        ("rank", pa.int64()),
        ("category", pa.string()),
        ("leaderboard_publish_date", pa.string()),
    ]
)

TEXT_TYPES = {"rank": pa.float64(), "votes": pa.float64()}
STYLE_TYPES = {"rank": pa.int64(), "votes": pa.float64()}
MEDIA_TYPES = {"rank": pa.int64(), "votes": pa.int64()}


def bt_rows(models: Sequence[Model], category: str, day: str) -> list[dict[str, object]]:
    """Rows of one (category, date): ``rank`` is the plain 1..N ordinal by rating, as published
    (NaN ratings get a NaN rank and come last)."""
    scored = sorted((m for m in models if not math.isnan(m[3])), key=lambda m: m[3], reverse=True)
    ordinal = {(m[0], m[3]): place for place, m in enumerate(scored, start=1)}
    rows = []
    for name, org, licence, rating, half, votes in models:
        nan = math.isnan(rating)
        rows.append(
            {
                "model_name": name,
                "organization": org,
                "license": licence,
                "rating": rating,
                "rating_lower": _NAN if nan else rating - half,
                "rating_upper": _NAN if nan else rating + half,
                "variance": _NAN if nan else round((half / 1.96) ** 2, 6),
                "vote_count": votes,
                "rank": _NAN if nan else ordinal[(name, rating)],
                "category": category,
                "leaderboard_publish_date": day,
            }
        )
    return rows


# --- text ---------------------------------------------------------------------------------------

#: 2026-10-02 overall. Verbatim (§8a): claude-fable-5.1-max (rank 3) and muse-spark-1.2 (xHigh)
#: (rank 15); gemini-4-argon-high leads at 1533.46 per the recon note. The rest is invented.
TEXT_2026_10_02: list[Model] = [
    ("gemini-4-argon-high", "google", "Proprietary", 1533.4612, 6.2, 9120),
    ("gpt-5.5-high", "openai", "Proprietary", 1514.2043, 5.4, 15230),
    ("claude-fable-5.1-max", "anthropic", "Proprietary", 1510.6237393441697, 0.0, 11800),
    ("claude-fable-5-high", "anthropic", "Proprietary", 1506.8810, 4.9, 20417),
    ("gemini-4-pro", "google", "Proprietary", 1503.1195, 4.1, 33002),
    ("claude-opus-4-6-high", "anthropic", "Proprietary", 1498.8731, 3.6, 30412),
    ("grok-5", "xai", "Proprietary", 1497.0020, 6.8, 7405),
    ("gpt-5.5", "openai", "Proprietary", 1495.5117, 5.0, 14120),
    ("deepseek-v4-pro-high-preview", "deepseek", "MIT", 1493.2704, 7.3, 6011),
    ("qwen4-max", "alibaba", "Proprietary", 1491.0468, 6.0, 8870),
    ("glm-6", "zai", "MIT", 1489.9025, 6.6, 7710),
    ("kimi-k3", "moonshot", "Modified MIT", 1488.3120, 7.9, 5204),
    ("gemini-4-flash", "google", "Proprietary", 1486.0451, 4.4, 21050),
    ("mistral-large-4", "mistral", "Apache 2.0", 1484.9107, 8.8, 3990),
    ("muse-spark-1.2 (xHigh)", "meta", "Proprietary", 1483.1567926352852, 0.0, 4356),
    ("llama-5-maverick", "meta", "Llama 5 Community", 1470.5033, 6.1, 9902),
    ("vicuna-13b", "", "Llama 2 Community", 1031.2284, 5.2, 7204),
    ("koala-13b", "", "", 1008.7761, 6.0, 5120),
]
_VERBATIM_CI = {
    "claude-fable-5.1-max": (1504.2310787630254, 1517.0163999253143, 10.638174509530135),
    "muse-spark-1.2 (xHigh)": (1474.053885342294, 1492.2596999282764, 21.57069099332926),
}

TEXT_CODING_2026_10_02: list[Model] = [
    ("gpt-5.5-high", "openai", "Proprietary", 1541.0930, 6.9, 6011),
    ("gemini-4-argon-high", "google", "Proprietary", 1538.2202, 7.7, 3990),
    ("claude-fable-5-high", "anthropic", "Proprietary", 1530.5516, 6.0, 8120),
    ("claude-opus-4-6-high", "anthropic", "Proprietary", 1522.7310, 4.2, 12077),
    ("deepseek-v4-pro-high-preview", "deepseek", "MIT", 1509.4410, 9.9, 2210),
    ("qwen4-max", "alibaba", "Proprietary", 1497.6108, 8.1, 3301),
    ("vicuna-13b", "", "Llama 2 Community", 1003.9120, 9.0, 1190),
]

#: ``korean`` was last published on 2026-09-30 (mixed dates in ``latest``); falcon-180b-chat
#: has a NaN rating and rank there (§8a: 26 such rows).
TEXT_KOREAN_2026_09_30: list[Model] = [
    ("gemini-4-pro", "google", "Proprietary", 1520.1180, 12.5, 1402),
    ("claude-opus-4-6-high", "anthropic", "Proprietary", 1511.3407, 10.2, 1633),
    ("gpt-5.5", "openai", "Proprietary", 1508.9930, 13.1, 1120),
    ("qwen4-max", "alibaba", "Proprietary", 1480.4471, 15.0, 744),
    ("glm-6", "zai", "MIT", 1452.0062, 17.7, 602),
    ("falcon-180b-chat", "TII", "Falcon-180B TII License", _NAN, 0.0, 31),
]

#: 2026-08-11 and 2026-08-12 overall: on 08-12 ``claude-opus-4-6-thinking`` is renamed
#: ``claude-opus-4-6-high`` with the same rating and votes, and gpt-5.5-high arrives on top.
TEXT_2026_08_11: list[Model] = [
    ("gemini-4-pro", "google", "Proprietary", 1505.9120, 4.8, 22008),
    ("claude-fable-5", "anthropic", "Proprietary", 1502.7704, 5.9, 12230),
    ("claude-opus-4-6-thinking", "anthropic", "Proprietary", 1498.8731, 3.6, 30412),
    ("grok-5", "xai", "Proprietary", 1494.1200, 8.0, 3802),
    ("gpt-5.5", "openai", "Proprietary", 1493.0051, 6.2, 8804),
    ("deepseek-v4-pro-thinking", "deepseek", "MIT", 1490.4430, 8.4, 3917),
    ("qwen4-max", "alibaba", "Proprietary", 1488.6617, 7.0, 5402),
    ("glm-6", "zai", "MIT", 1486.1029, 7.5, 4810),
    ("kimi-k3", "moonshot", "Modified MIT", 1484.0090, 9.1, 3011),
    ("gemini-4-flash", "google", "Proprietary", 1481.5530, 5.3, 14062),
    ("llama-5-maverick", "meta", "Llama 5 Community", 1467.9902, 6.6, 7310),
    ("vicuna-13b", "", "Llama 2 Community", 1029.8802, 5.4, 7101),
]
TEXT_2026_08_12: list[Model] = [
    ("gpt-5.5-high", "openai", "Proprietary", 1511.0380, 9.6, 2104),
    *[
        ("claude-opus-4-6-high", *model[1:]) if model[0] == "claude-opus-4-6-thinking" else model
        for model in TEXT_2026_08_11
    ],
]

#: 2026-04-19 overall: the first twelve models of the arena.ai capture of that day
#: (tests/fixtures/arena_ai_scraped/oolong_arena-ai_text_2026-04-19.json) with rating = its
#: integer score, CI = score ± its ``ci`` and its votes; organisations as the dataset's slugs.
TEXT_2026_04_19: list[Model] = [
    ("claude-opus-4-7-thinking", "anthropic", "Proprietary", 1505.0, 11.0, 2618),
    ("claude-opus-4-6-thinking", "anthropic", "Proprietary", 1503.0, 5.0, 18144),
    ("claude-opus-4-7", "anthropic", "Proprietary", 1498.0, 10.0, 3485),
    ("claude-opus-4-6", "anthropic", "Proprietary", 1497.0, 5.0, 19373),
    ("muse-spark", "meta", "Proprietary", 1496.0, 8.0, 5155),
    ("gemini-3.1-pro-preview", "google", "Proprietary", 1492.0, 5.0, 22905),
    ("gemini-3-pro", "google", "Proprietary", 1486.0, 4.0, 41404),
    ("grok-4.20-beta1", "xai", "Proprietary", 1485.0, 6.0, 12069),
    ("gpt-5.4-high", "openai", "Proprietary", 1482.0, 6.0, 11568),
    ("grok-4.20-beta-0309-reasoning", "xai", "Proprietary", 1480.0, 6.0, 11661),
    ("gpt-5.2-chat-latest-20260210", "openai", "Proprietary", 1477.0, 5.0, 17827),
    ("grok-4.20-multi-agent-beta-0309", "xai", "Proprietary", 1476.0, 6.0, 12049),
]

#: 2024-01-09 overall: gpt-4-0314 verbatim (§8a), the others invented. No Claude before
#: 2024-03-07 (survivorship, §8a).
TEXT_2024_01_09: list[Model] = [
    ("gpt-4-0314", "openai", "Proprietary", 1190.498739179503, 0.0, 16237),
    ("mixtral-8x7b-instruct-v0.1", "mistral", "Apache 2.0", 1121.3310, 6.9, 9012),
    ("gpt-3.5-turbo-0613", "openai", "Proprietary", 1117.6402, 5.2, 30110),
    ("vicuna-13b", "LMSYS", "Llama 2 Community", 1041.2087, 6.3, 11804),
    ("koala-13b", "UC Berkeley", "Non-commercial", 964.5020, 8.8, 6901),
]
_VERBATIM_CI["gpt-4-0314"] = (1176.584615104072, 1204.909426512514, 46.84329785462377)

#: 2023-05-08 overall (Elo era): vicuna-13b verbatim; no CI, variance or votes for anyone.
ELO_2023_05_08: list[tuple[str, str, str, float]] = [
    ("vicuna-13b", "LMSYS", "Llama 2 Community", 1094.0),
    ("koala-13b", "UC Berkeley", "Non-commercial", 1010.0),
    ("oasst-pythia-12b", "OpenAssistant", "Apache 2.0", 1003.0),
    ("fastchat-t5-3b", "LMSYS", "Apache 2.0", 951.0),
    ("chatglm-6b", "Tsinghua", "Non-commercial", 880.0),
    ("stablelm-tuned-alpha-7b", "Stability AI", "CC-BY-NC-SA-4.0", 871.0),
]


def _text_rows(models: Sequence[Model], category: str, day: str) -> list[dict[str, object]]:
    rows = bt_rows(models, category, day)
    for row in rows:
        if row["model_name"] in _VERBATIM_CI:
            row["rating_lower"], row["rating_upper"], row["variance"] = _VERBATIM_CI[
                str(row["model_name"])
            ]
    return rows


def _elo_rows(day: str) -> list[dict[str, object]]:
    return [
        {
            "model_name": name,
            "organization": org,
            "license": licence,
            "rating": rating,
            "rating_lower": None,
            "rating_upper": None,
            "variance": None,
            "vote_count": None,
            "rank": float(place),
            "category": "overall",
            "leaderboard_publish_date": day,
        }
        for place, (name, org, licence, rating) in enumerate(ELO_2023_05_08, start=1)
    ]


def text_latest() -> list[dict[str, object]]:
    """``text/latest`` of 2026-10-02: overall and coding of that day, korean of 2026-09-30."""
    return [
        *_text_rows(TEXT_2026_10_02, "overall", "2026-10-02"),
        *_text_rows(TEXT_CODING_2026_10_02, "coding", "2026-10-02"),
        *_text_rows(TEXT_KOREAN_2026_09_30, "korean", "2026-09-30"),
    ]


def text_full() -> list[dict[str, object]]:
    """``text/full``: six publication dates from the Elo era to the current ``latest``."""
    return [
        *_elo_rows("2023-05-08"),
        *_text_rows(TEXT_2024_01_09, "overall", "2024-01-09"),
        *_text_rows(TEXT_2026_04_19, "overall", "2026-04-19"),
        *_text_rows(TEXT_2026_08_11, "overall", "2026-08-11"),
        *_text_rows(TEXT_2026_08_12, "overall", "2026-08-12"),
        *text_latest(),
    ]


# --- the other Bradley-Terry subsets (all values invented) --------------------------------------


def _shifted(models: Sequence[Model], delta: float) -> list[Model]:
    """The same models with every rating moved by ``delta`` (a style-controlled twin)."""
    return [
        (n, o, li, r + delta * (i % 3 - 1), h, v) for i, (n, o, li, r, h, v) in enumerate(models)
    ]


STYLE_2026_10_02 = _shifted(TEXT_2026_10_02[:12], 3.25)

VISION: list[Model] = [
    ("gemini-4-pro", "google", "Proprietary", 1301.5522, 7.1, 8120),
    ("gpt-5.5-high", "openai", "Proprietary", 1290.0481, 8.0, 5210),
    ("claude-fable-5-high", "anthropic", "Proprietary", 1262.9140, 9.4, 3120),
    ("qwen4-vl-max", "alibaba", "Proprietary", 1255.0027, 10.3, 2201),
    ("llama-5-maverick", "meta", "Llama 5 Community", 1201.4018, 11.0, 1830),
    ("pixtral-large-2", "mistral", "Apache 2.0", 1188.3391, 12.6, 1402),
]
WEBDEV: list[Model] = [
    ("claude-fable-5-high", "anthropic", "Proprietary", 1598.4407, 9.8, 4102),
    ("gpt-5.5-high", "openai", "Proprietary", 1571.0029, 10.5, 3390),
    ("gemini-4-pro", "google", "Proprietary", 1566.7712, 9.9, 3551),
    ("deepseek-v4-pro-high-preview", "deepseek", "MIT", 1490.1206, 14.2, 1602),
    ("glm-6", "zai", "MIT", 1471.5530, 15.0, 1288),
    ("qwen4-coder", "alibaba", "Apache 2.0", 1440.8801, 16.3, 1011),
    # one name listed twice with different figures (third-party recon of webdev, 2026-05-05)
    ("gpt-5.3-codex (codex-harness)", "openai", "Proprietary", 1406.4, 9.0, 2962),
    ("gpt-5.3-codex (codex-harness)", "openai", "Proprietary", 1372.8, 10.1, 3540),
]
WEBDEV_HTML: list[Model] = [
    ("claude-fable-5-high", "anthropic", "Proprietary", 1610.2236, 14.0, 1310),
    ("gemini-4-pro", "google", "Proprietary", 1580.0090, 15.2, 1122),
    ("gpt-5.5-high", "openai", "Proprietary", 1577.6441, 16.0, 1090),
    ("glm-6", "zai", "MIT", 1460.3318, 21.8, 402),
    ("qwen4-coder", "alibaba", "Apache 2.0", 1431.1109, 23.4, 377),
]
SEARCH: list[Model] = [
    ("gemini-4-pro-grounding", "google", "Proprietary", 1221.8004, 9.2, 2810),
    ("gpt-5.5-search", "openai", "Proprietary", 1210.4470, 9.0, 3004),
    ("sonar-pro-2", "perplexity", "Proprietary", 1190.5533, 10.9, 2207),
    ("grok-5-search", "xai", "Proprietary", 1185.0219, 12.2, 1596),
    ("claude-fable-5-search", "anthropic", "Proprietary", 1171.7720, 13.0, 1404),
]
DOCUMENT: list[Model] = [
    ("gemini-4-pro", "google", "Proprietary", 1340.3002, 11.4, 1650),
    ("claude-fable-5-high", "anthropic", "Proprietary", 1331.0081, 12.0, 1488),
    ("gpt-5.5-high", "openai", "Proprietary", 1318.9926, 12.9, 1302),
    ("qwen4-max", "alibaba", "Proprietary", 1270.4413, 16.6, 760),
    ("kimi-k3", "moonshot", "Modified MIT", 1251.2009, 18.0, 640),
]
TEXT_TO_IMAGE: list[Model] = [
    ("gpt-image-2", "openai", "Proprietary", 1188.6610, 6.4, 40210),
    ("imagen-5-ultra", "google", "Proprietary", 1180.0932, 6.0, 38840),
    ("seedream-5", "bytedance", "Proprietary", 1164.4407, 7.7, 21006),
    ("flux-2-pro", "black-forest-labs", "Proprietary", 1150.2518, 8.1, 19920),
    ("hunyuan-image-4", "tencent", "Tencent Hunyuan Community", 1102.9904, 11.5, 8830),
    ("stable-diffusion-4-large", "stability", "Stability Community", 1040.3306, 13.0, 6102),
]
IMAGE_EDIT: list[Model] = [
    ("gemini-4-flash-image", "google", "Proprietary", 1250.7705, 8.8, 12003),
    ("gpt-image-2", "openai", "Proprietary", 1241.0023, 9.1, 11530),
    ("seededit-4", "bytedance", "Proprietary", 1210.6608, 11.2, 6620),
    ("flux-2-kontext-pro", "black-forest-labs", "Proprietary", 1193.5519, 12.0, 5880),
    ("qwen-image-edit-2", "alibaba", "Apache 2.0", 1160.0412, 14.4, 4021),
]
TEXT_TO_VIDEO: list[Model] = [
    ("veo-4", "google", "Proprietary", 1290.3317, 10.0, 9020),
    ("sora-3", "openai", "Proprietary", 1271.9905, 11.2, 7410),
    ("kling-3.0", "kuaishou", "Proprietary", 1255.1208, 12.0, 6033),
    ("hailuo-03", "minimax", "Proprietary", 1230.5561, 13.9, 4410),
    ("wan-3.0", "alibaba", "Apache 2.0", 1190.7742, 16.1, 3109),
]
IMAGE_TO_VIDEO: list[Model] = [
    ("veo-4", "google", "Proprietary", 1283.0018, 11.0, 8120),
    ("kling-3.0", "kuaishou", "Proprietary", 1270.6653, 11.9, 6990),
    ("sora-3", "openai", "Proprietary", 1262.4420, 12.5, 6210),
    ("seedance-2-pro", "bytedance", "Proprietary", 1244.9307, 13.3, 5022),
    ("wan-3.0", "alibaba", "Apache 2.0", 1181.2285, 17.0, 2880),
]
VIDEO_EDIT: list[Model] = [
    ("veo-4-edit", "google", "Proprietary", 1177.4409, 18.0, 1203),
    ("runway-aleph-2", "runway", "Proprietary", 1160.0327, 19.5, 1044),
    ("kling-3.0-edit", "kuaishou", "Proprietary", 1121.8816, 22.3, 701),
    ("luma-ray-4-modify", "luma", "Proprietary", 1098.5502, 24.0, 612),
    ("wan-3.0-vace", "alibaba", "Apache 2.0", 1050.1109, 27.7, 388),
]

DAY = "2026-10-02"


def _one(models: Sequence[Model], category: str = "overall", day: str = DAY) -> list[dict]:
    return bt_rows(models, category, day)


#: subset -> (latest rows, numeric types). ``text_factuality`` is a subset added after launch:
#: nothing in Podium names it, it must still become a board.
BT_LATEST: dict[str, tuple[list[dict[str, object]], dict[str, pa.DataType]]] = {
    "text": (text_latest(), TEXT_TYPES),
    "text_style_control": (_one(STYLE_2026_10_02), STYLE_TYPES),
    "text_factuality": (_one(_shifted(TEXT_2026_10_02[:8], -11.5)), TEXT_TYPES),
    "vision": (_one(VISION), TEXT_TYPES),
    "vision_style_control": (_one(_shifted(VISION, 4.5)), STYLE_TYPES),
    "webdev": (
        [*_one(WEBDEV), *_one(WEBDEV_HTML, "html", "2026-09-28")],
        MEDIA_TYPES,
    ),
    "search": (_one(SEARCH), MEDIA_TYPES),
    "search_style_control": (_one(_shifted(SEARCH, 2.0)), MEDIA_TYPES),
    "document": (_one(DOCUMENT), MEDIA_TYPES),
    "document_style_control": (_one(_shifted(DOCUMENT, 6.0)), MEDIA_TYPES),
    "text_to_image": (_one(TEXT_TO_IMAGE), MEDIA_TYPES),
    "image_edit": (_one(IMAGE_EDIT), MEDIA_TYPES),
    "text_to_video": (_one(TEXT_TO_VIDEO), MEDIA_TYPES),
    "image_to_video": (_one(IMAGE_TO_VIDEO), MEDIA_TYPES),
    "video_edit": (_one(VIDEO_EDIT), MEDIA_TYPES),
}

# --- agent arena ----------------------------------------------------------------------------------

#: (model_name, organization, license, score, half CI, observations, sessions) of 2026-07-06;
#: ``Claude Fable 5 (High)`` is verbatim (§8a), the others invented (negative scores occur).
AGENT_2026_07_06: list[tuple[str, str, str, float, float, float, float]] = [
    ("Claude Fable 5 (High)", "anthropic", "Proprietary", 0.14065709251398342, 0.0, 457949, 16059),
    ("GPT-5.5 Codex (High)", "openai", "Proprietary", 0.1102356610, 0.0161, 401220, 14002),
    ("Gemini 4 Pro", "google", "Proprietary", 0.0520031147, 0.0188, 298004, 10390),
    ("GLM-6", "zai", "MIT", -0.0120573310, 0.0233, 120449, 4410),
    ("Qwen4 Coder", "alibaba", "Apache 2.0", -0.0890442281, 0.0301, 98006, 3304),
    ("Kimi K3", "moonshot", "Modified MIT", -0.1433002157, 0.0352, 70551, 2406),
]
_AGENT_VERBATIM_CI = (0.12505071607655782, 0.15626346895140902)


def agent_rows(day: str, *, with_ci: bool = True) -> list[dict[str, object]]:
    """One date of the agent board; the earliest snapshots have no CI and no counts."""
    rows = []
    ordered = sorted(AGENT_2026_07_06, key=lambda m: m[3], reverse=True)
    for place, (name, org, licence, score, half, observations, sessions) in enumerate(
        ordered, start=1
    ):
        lower, upper = (
            _AGENT_VERBATIM_CI if name == "Claude Fable 5 (High)" else (score - half, score + half)
        )
        rows.append(
            {
                "model_name": name,
                "organization": org,
                "license": licence,
                "score": score,
                "score_ci_lower": lower if with_ci else None,
                "score_ci_upper": upper if with_ci else None,
                "observation_count": float(observations) if with_ci else None,
                "session_count": float(sessions) if with_ci else None,
                "rank": place,
                "category": "overall",
                "leaderboard_publish_date": day,
            }
        )
    return rows


# --- files --------------------------------------------------------------------------------------


def table(rows: list[dict[str, object]], schema: pa.Schema) -> pa.Table:
    """An Arrow table of ``rows`` with ``schema``."""
    return pa.Table.from_pylist(rows, schema=schema)


def tables() -> dict[str, pa.Table]:
    """Every constructed file by its fixture name (``<subset>_<split>.parquet``)."""
    built = {
        f"{subset}_latest.parquet": table(rows, bt_schema(**types))
        for subset, (rows, types) in BT_LATEST.items()
    }
    built["text_full.parquet"] = table(text_full(), bt_schema(**TEXT_TYPES))
    built["text_latest_2026-08-11.parquet"] = table(
        _text_rows(TEXT_2026_08_11, "overall", "2026-08-11"), bt_schema(**TEXT_TYPES)
    )
    built["text_latest_2026-08-12.parquet"] = table(
        _text_rows(TEXT_2026_08_12, "overall", "2026-08-12"), bt_schema(**TEXT_TYPES)
    )
    built["webdev_full.parquet"] = table(
        [*_one(WEBDEV, day="2026-09-28"), *BT_LATEST["webdev"][0]], bt_schema(**MEDIA_TYPES)
    )
    built["agent_latest.parquet"] = table(agent_rows("2026-07-06"), AGENT_SCHEMA)
    built["agent_full.parquet"] = table(
        [*agent_rows("2026-06-04", with_ci=False), *agent_rows("2026-07-06")], AGENT_SCHEMA
    )
    return built


def parquet_bytes(data: pa.Table) -> bytes:
    """``data`` as parquet file bytes (snappy, like the Hub's files)."""
    sink = io.BytesIO()
    pq.write_table(data, sink, compression="snappy")
    return sink.getvalue()


def main() -> None:
    """Write every constructed file into ``FOLDER``."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, data in tables().items():
        (FOLDER / name).write_bytes(parquet_bytes(data))


if __name__ == "__main__":
    main()
