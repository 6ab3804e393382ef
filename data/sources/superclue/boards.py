"""The boards SuperCLUE publishes: overall, OPEN, OPT, open-source, and one per ability."""

from __future__ import annotations

from dataclasses import dataclass

from data.domain import labels
from data.domain.types import BoardInfo

SOURCE_ID = "superclue"
SITE = "https://www.superclueai.com/"


#: The benchmark's own Chinese name (its site and announcements: "SuperCLUE中文大模型测评基准").
NAME_ZH = "SuperCLUE中文大模型测评基准"


def _board(
    board_id: str, title: str, title_zh: str, description: str, category: str | None = None
) -> BoardInfo:
    return BoardInfo(
        board_id=board_id,
        source_id=SOURCE_ID,
        title=title,
        description=description,
        score_label=labels.SCORE,
        url=SITE,
        category=category,
        title_zh=title_zh,
    )


# Chinese titles are SuperCLUE's own board headings ("SuperCLUE总排行榜（2023年12月）").
OVERALL_BOARD = _board(
    "superclue",
    "SuperCLUE 总排行榜 (overall)",
    f"{NAME_ZH}：总排行榜",
    "Chinese general-purpose LLM benchmark by CLUE: overall score of the round.",
)
OPEN_BOARD = _board(
    "superclue_open",
    "SuperCLUE-OPEN 多轮开放问题 (open-ended questions)",
    "SuperCLUE-OPEN多轮开放问题排行榜",
    "Multi-turn open-ended questions judged against a reference model.",
)
OPT_BOARD = _board(
    "superclue_opt",
    "SuperCLUE-OPT 三大能力客观题 (objective questions)",
    "SuperCLUE-OPT三大能力客观题排行榜",
    "Objective questions on basic abilities, Chinese specifics and academic knowledge.",
)
OPEN_SOURCE_BOARD = _board(
    "superclue_open_source",
    "SuperCLUE 开源模型排行榜 (open-source models)",
    "SuperCLUE开源模型排行榜",
    "The overall SuperCLUE score, open-source models only.",
)


@dataclass(frozen=True, slots=True)
class Dimension:
    """A per-ability board: English slug, SuperCLUE's name, and the spellings rounds used."""

    slug: str
    chinese: str
    english: str
    spellings: tuple[str, ...]

    @property
    def board(self) -> BoardInfo:
        """The board of this ability."""
        return _board(
            f"superclue_{self.slug}",
            f"SuperCLUE {self.chinese} ({self.english})",
            f"SuperCLUE {self.chinese}",
            f"SuperCLUE's per-ability score for {self.english} ({self.chinese}).",
            category=self.chinese,
        )


DIMENSIONS = (
    Dimension("calc", "计算", "computation", ("计算", "计算能力")),
    Dimension("logic", "逻辑推理", "logic and reasoning", ("逻辑推理", "逻辑与推理")),
    Dimension("code", "代码", "coding", ("代码",)),
    Dimension("knowledge", "知识百科", "knowledge", ("知识百科", "百科与知识", "知识与百科")),
    Dimension("language", "语言理解", "language understanding", ("语言理解", "语义理解")),
    Dimension("writing", "生成创作", "generation and writing", ("生成创作", "生成与创作")),
    Dimension("dialogue", "对话", "dialogue", ("对话", "上下文对话")),
    Dimension("roleplay", "角色扮演", "role play", ("角色扮演", "角色模拟")),
    Dimension("tools", "工具使用", "tool use", ("工具使用",)),
    Dimension("safety", "传统安全", "safety", ("传统安全", "安全")),
    Dimension("chitchat", "闲聊", "chit-chat", ("闲聊",)),
    Dimension("agent", "AI Agent", "AI agents", ("AIAgent",)),
    Dimension("math", "数学推理", "mathematical reasoning", ("数学推理",)),
    Dimension("science", "科学推理", "scientific reasoning", ("科学推理",)),
    Dimension("hallucination", "幻觉控制", "hallucination control", ("幻觉控制",)),
    Dimension(
        "instruction_following", "精确指令遵循", "precise instruction following", ("精确指令遵循",)
    ),
    Dimension("agentic_coding", "智能体编程", "agentic coding", ("智能体编程",)),
    Dimension("agent_planning", "智能体任务规划", "agent task planning", ("智能体任务规划",)),
)
#: A column header (any round's spelling) -> the ability it scores.
DIMENSION_BY_HEADER = {spelling: dim for dim in DIMENSIONS for spelling in dim.spellings}
