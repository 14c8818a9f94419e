"""Sentiment stage: context, the supervised model, metrics, aggregates, figures, the whole run."""

from __future__ import annotations

import csv
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import sentiment as S
from pipeline.docstore import document_to_dict
from pipeline.io import write_json
from pipeline.tone_lexicon import Context, Evidence, load_tone_lexicon
from pipeline.types import Document, Section, Sentence, Span

# ---------------------------------------------------------------- tiny reports

REVIEW = [
    "地区生产总值增长7.5%，规模以上工业增加值增长12.1%。",
    "获评全国文明城市。",
    "完成103个老旧小区改造。",
    "加强生态环保督察执法。",
]
PROBLEMS = [
    "我们也清醒地认识到，政府工作中还存在许多不足。",
    "产业链供应链还不稳固。",
    "资源要素约束趋紧，储备不足。",
    "对这些问题，我们将采取有力措施加以解决。",
]
PLAN = [
    "今年预期目标是：地区生产总值增长6%左右。",
    "防范化解重大风险。",
    "强化安全生产监管。",
    "确保粮食产量稳定在合理水平。",
]


def make_doc(doc_id: str, level: str, parts: list[tuple[str | None, list[list[str]]]]) -> Document:
    """A Document whose level-1 sections hold paragraphs of sentences (headings are sentences)."""
    text, sentences, sections, paragraphs = "", [], [], []
    for heading, paras in parts:
        sid = f"s{len(sections) + 1:02d}" if heading else ""
        span_start = len(text)
        if heading:
            start = len(text)
            text += heading
            sentences.append(
                Sentence(len(sentences) + 1, sid, len(paragraphs) + 1, start, len(text), heading)
            )
            paragraphs.append(Span(start, len(text)))
            text += "\n"
        for para in paras:
            p_start = len(text)
            for s in para:
                start = len(text)
                text += s
                sentences.append(
                    Sentence(len(sentences) + 1, sid, len(paragraphs) + 1, start, len(text), s)
                )
            paragraphs.append(Span(p_start, len(text)))
            text += "\n"
        if heading:
            sections.append(
                Section(
                    sid, 1, heading, span_start, span_start + len(heading), span_start, len(text)
                )
            )
    return Document(
        doc_id=doc_id, place=doc_id.split("_")[1], level=level, year=2022, title="政府工作报告",
        date="", speaker="", office="", session="", encoding="utf-8",
        converted_to_simplified=False, sha256="", text=text, body_start=0,
        paragraphs=paragraphs, sections=sections, sentences=sentences,
    )  # fmt: skip


def report(doc_id: str, level: str) -> Document:
    return make_doc(
        doc_id,
        level,
        [
            (None, [["各位代表："]]),
            ("一、2021年工作回顾", [REVIEW, PROBLEMS]),
            ("二、2022年工作安排", [PLAN]),
        ],
    )


DOCS = [report("city_alpha_2022", "city"), report("province_beta_2022", "province"),
        report("province_gamma_2022", "province")]  # fmt: skip
GOLD_LABELS = ["positive", "positive", "positive", "neutral",
               "negative", "negative", "negative", "neutral",
               "neutral", "neutral", "neutral", "neutral"]  # fmt: skip


def write_corpus(root: Path, docs: list[Document] = DOCS) -> dict[str, Path]:
    docs_dir = root / "docs"
    for doc in docs:
        write_json(docs_dir / f"{doc.doc_id}.json", document_to_dict(doc))
    labels = root / "labels.csv"
    with open(labels, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "sentence_id", "text", "label", "note"])
        for doc in docs:
            body = [
                s
                for s in doc.sentences
                if s.section_id and s.text not in ("一、2021年工作回顾", "二、2022年工作安排")
            ]
            for s, lab in zip(body, GOLD_LABELS, strict=True):
                w.writerow([doc.doc_id, s.sentence_id, s.text, lab, ""])
    split = root / "split.csv"
    split.write_text(
        "doc_id,split\ncity_alpha_2022,train\nprovince_beta_2022,train\nprovince_gamma_2022,test\n",
        encoding="utf-8",
    )
    return {"docs": docs_dir, "labels": labels, "split": split}


PARAMS = S.SentimentParams(
    method="supervised", generic_lexicon="none", generic_weight=0.0, ngram_max=2, c=3.0,
    baseline="none", cross_validation="both",
)  # fmt: skip


def outputs(root: Path) -> S.SentimentOutputs:
    t = root / "tables"
    return S.SentimentOutputs(
        t / "sentiment.csv", t / "by_report.csv", t / "by_section.csv", t / "problems.csv",
        root / "metrics" / "sentiment.json", root / "figures",
    )  # fmt: skip


@pytest.fixture(scope="module")
def lexicon():
    return load_tone_lexicon()


@pytest.fixture(scope="module")
def stage_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("sentiment")
    paths = write_corpus(root)
    out = outputs(root / "out")
    lexicon_path = Path(S.__file__).parent / "resources" / "tone_lexicon.tsv"
    metrics = S.run(
        paths["docs"], root / "seg", lexicon_path, paths["labels"], paths["split"], PARAMS, out
    )
    return root, paths, out, metrics, lexicon_path


# ---------------------------------------------------------------- context


def test_section_kinds_and_problem_paragraph(lexicon) -> None:
    doc = DOCS[0]
    assert S.section_kinds(doc) == {
        "s01": ("一、2021年工作回顾", "review"),
        "s02": ("二、2022年工作安排", "plan"),
    }
    items = {it.text: it for it in S.document_items(doc, lexicon)}
    assert items["各位代表："].context.section == "other"
    assert items[REVIEW[0]].context == Context("review", problem_paragraph=False)
    # the marker sentence opens the problem paragraph; the sentences after it are inside
    assert items[PROBLEMS[0]].evidence.marker and not items[PROBLEMS[0]].context.problem_paragraph
    assert items[PROBLEMS[1]].context.problem_paragraph
    assert items[PLAN[1]].context == Context("plan", problem_paragraph=False)


def test_lexicon_method_on_the_tiny_report(lexicon) -> None:
    items = S.document_items(DOCS[0], lexicon)
    labels = {
        it.text: lab for it, (lab, _) in zip(items, S.lexicon_predict(items, 0.0), strict=True)
    }
    assert [labels[t] for t in REVIEW + PROBLEMS + PLAN] == GOLD_LABELS


# ---------------------------------------------------------------- metrics


def test_confusion_and_scores_against_a_hand_made_matrix() -> None:
    gold = [
        "negative",
        "negative",
        "neutral",
        "neutral",
        "neutral",
        "positive",
        "positive",
        "positive",
    ]
    pred = [
        "negative",
        "neutral",
        "neutral",
        "neutral",
        "positive",
        "positive",
        "positive",
        "negative",
    ]
    m = S.confusion(gold, pred)
    assert m == [[1, 1, 0], [0, 2, 1], [1, 0, 2]]
    scores = S.scores_from_confusion(m)
    # negative: P 1/2, R 1/2; neutral: P 2/3, R 2/3; positive: P 2/3, R 2/3
    assert scores["per_class"]["negative"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "support": 2,
    }
    assert scores["per_class"]["neutral"]["f1"] == 0.6667
    assert scores["macro_f1"] == round((0.5 + 0.6667 + 0.6667) / 3, 4)
    assert scores["accuracy"] == 0.625
    assert scores["confusion"]["rows_gold_cols_predicted"] == m


def test_scores_with_an_empty_class_are_zero_not_errors() -> None:
    scores = S.scores_from_confusion([[0, 0, 0], [0, 3, 0], [0, 1, 0]])
    assert scores["per_class"]["negative"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
    }
    assert scores["per_class"]["positive"]["recall"] == 0.0
    assert S.scores_from_confusion([[0] * 3 for _ in range(3)])["accuracy"] == 0.0


def test_confusion_errors() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        S.confusion(["neutral", "neutral"], ["neutral"])
    with pytest.raises(ValueError, match="unknown label 'happy'"):
        S.confusion(["happy"], ["neutral"])


def test_cross_validation_pools_the_folds() -> None:
    items = list("abcd")
    labels = ["positive", "negative", "neutral", "positive"]
    groups = ["r1", "r1", "r2", "r2"]
    calls = []

    def predict(train, train_labels, test):
        calls.append((tuple(train), tuple(test)))
        return ["positive"] * len(test)

    out = S.cross_validate(items, labels, groups, {"const": predict})
    assert calls == [(("c", "d"), ("a", "b")), (("a", "b"), ("c", "d"))]  # never tested on train
    assert out["folds"] == ["r1", "r2"]
    assert out["const"]["confusion"]["rows_gold_cols_predicted"] == [
        [0, 0, 1],
        [0, 0, 1],
        [0, 0, 2],
    ]


# ---------------------------------------------------------------- supervised model


def _train_items(lexicon):
    items = [it for doc in DOCS[:2] for it in S.document_items(doc, lexicon) if it.section_id]
    items = [it for it in items if not it.text.startswith(("一、", "二、"))]
    return items, GOLD_LABELS * 2


def test_supervised_model_is_deterministic(lexicon) -> None:
    items, labels = _train_items(lexicon)
    test = S.document_items(DOCS[2], lexicon)
    a = S.SupervisedModel(ngram_max=2, c=3.0, generic_weight=0.0).fit(items, labels).predict(test)
    b = S.SupervisedModel(ngram_max=2, c=3.0, generic_weight=0.0).fit(items, labels).predict(test)
    assert a == b
    assert all(lab in S.LABELS and -1.0 <= score <= 1.0 for lab, score in a)
    assert {lab for lab, _ in a} == set(S.LABELS)


def test_supervised_model_predicts_as_scikit_learn_without_it(lexicon) -> None:
    import pickle

    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    items, labels = _train_items(lexicon)
    test = S.document_items(DOCS[2], lexicon)
    model = S.SupervisedModel(ngram_max=3, c=3.0, generic_weight=0.0).fit(items, labels)
    # the same fit, in scikit-learn alone
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)

    def matrix(its, fit=False):
        texts = [it.text for it in its]
        grams = vec.fit_transform(texts) if fit else vec.transform(texts)
        dense = np.array([S.dense_features(it, 0.0) for it in its], dtype=float)
        return sparse.hstack([grams, sparse.csr_matrix(dense)], format="csr")

    lr = LogisticRegression(C=3.0, class_weight="balanced", max_iter=5000)
    lr.fit(matrix(items, fit=True), labels)
    proba = lr.predict_proba(matrix(test))
    ipos, ineg = list(lr.classes_).index("positive"), list(lr.classes_).index("negative")
    got = model.predict(test)
    assert [lab for lab, _ in got] == [lr.classes_[int(r.argmax())] for r in proba]
    assert [s for _, s in got] == pytest.approx([r[ipos] - r[ineg] for r in proba], abs=1e-4)
    # the fitted model holds no scikit-learn object: labelling needs no scikit-learn import
    assert b"sklearn" not in pickle.dumps(model)


def test_supervised_model_errors(lexicon) -> None:
    items, labels = _train_items(lexicon)
    with pytest.raises(ValueError, match="ngram_max"):
        S.SupervisedModel(ngram_max=0, c=1.0, generic_weight=0.0)
    with pytest.raises(ValueError, match=r"sentiment\.c"):
        S.SupervisedModel(ngram_max=2, c=0.0, generic_weight=0.0)
    model = S.SupervisedModel(ngram_max=2, c=1.0, generic_weight=0.0)
    with pytest.raises(RuntimeError, match="before fit"):
        model.predict(items)
    with pytest.raises(ValueError, match="no negative label"):
        model.fit(items, ["positive" if lab == "negative" else lab for lab in labels])
    with pytest.raises(ValueError, match="none matched"):
        model.fit([], [])


def test_snownlp_baseline_bands_probabilities(monkeypatch) -> None:
    fake = types.ModuleType("snownlp")

    class SnowNLP:
        def __init__(self, text: str) -> None:
            self.sentiments = {"好": 0.99, "坏": 0.01}.get(text, 0.5)

    fake.SnowNLP = SnowNLP
    monkeypatch.setitem(sys.modules, "snownlp", fake)
    assert S.snownlp_predict(["好", "坏", "中"]) == [
        ("positive", 0.98),
        ("negative", -0.98),
        ("neutral", 0.0),
    ]


def test_snownlp_missing_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "snownlp", None)  # import raises ImportError
    with pytest.raises(RuntimeError, match="pip install snownlp"):
        S.snownlp_predict(["好"])


# ---------------------------------------------------------------- gold


def test_gold_matches_by_id_then_by_text(lexicon) -> None:
    items = S.document_items(DOCS[0], lexicon)
    by_text = {it.text: it for it in items}
    gold = [
        S.GoldRow(
            "city_alpha_2022", by_text[REVIEW[1]].sentence_id, REVIEW[1], "positive", "train"
        ),
        S.GoldRow("city_alpha_2022", 999, REVIEW[2], "positive", "train"),  # renumbered
        S.GoldRow("city_alpha_2022", 2, "不在报告里的句子。", "neutral", "train"),
    ]
    pairs, unmatched = S.match_gold(gold, items)
    assert [it.text for _, it in pairs] == [REVIEW[1], REVIEW[2]]
    assert unmatched == 1


def test_read_gold_errors(tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    split = tmp_path / "split.csv"
    labels.write_text("doc_id,sentence_id,text,label,note\nd,1,句子。,happy,\n", encoding="utf-8")
    split.write_text("doc_id,split\nd,train\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad label 'happy'"):
        S.read_gold(labels, split)
    labels.write_text("doc_id,sentence_id,text,label,note\ne,1,句子。,neutral,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no split for report 'e'"):
        S.read_gold(labels, split)


# ---------------------------------------------------------------- aggregates and figures


def _rows():
    return [
        S.SentimentRow("city_alpha_2022", s.sentence_id, lab, score)
        for s, (lab, score) in zip(
            DOCS[0].sentences,
            [("neutral", 0.0), ("neutral", 0.0), ("positive", 1.0), ("positive", 0.5), ("positive", 0.5),
             ("neutral", 0.0), ("negative", -1.0), ("negative", -0.5), ("negative", -0.5), ("neutral", 0.0),
             ("neutral", 0.0), ("neutral", 0.0), ("neutral", 0.0), ("neutral", 0.0), ("neutral", 0.0)],
            strict=True,
        )
    ]  # fmt: skip


def test_report_and_section_tone() -> None:
    rows = _rows()
    (rep,) = S.report_tone(DOCS[:1], rows)
    assert (rep.sentences, rep.positive, rep.negative, rep.neutral) == (15, 0.2, 0.2, 0.6)
    assert rep.mean_score == 0.0
    sections = S.section_tone(DOCS[:1], rows)
    assert [(s.section_id, s.kind, s.sentences) for s in sections] == [
        ("", "other", 1),
        ("s01", "review", 9),
        ("s02", "plan", 5),
    ]
    review = sections[1]
    assert (review.positive, review.negative) == (round(3 / 9, 4), round(3 / 9, 4))
    # a report with no rows has zero shares rather than a division error
    (empty,) = S.report_tone(DOCS[1:2], rows)
    assert empty.sentences == 0 and empty.mean_score == 0.0


def test_problem_rows_are_the_negative_sentences(lexicon) -> None:
    items = S.document_items(DOCS[0], lexicon)
    problems = S.problem_rows(items, _rows())
    assert [p.text for p in problems] == PROBLEMS[:3]
    assert all(p.section_id == "s01" for p in problems)


def test_figures_are_written_without_missing_glyphs(tmp_path: Path) -> None:
    rows = _rows()
    stale = tmp_path / "tone_by_section_old_report.png"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"old")
    written = S.write_figures(
        S.report_tone(DOCS[:1], rows), S.section_tone(DOCS[:1], rows), tmp_path
    )
    names = sorted(p.name for p in written)
    assert names == ["tone_across_reports.png", "tone_by_section_city_alpha_2022.png"]
    assert sorted(p.name for p in tmp_path.glob("*.png")) == names  # stale figure removed
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)


# ---------------------------------------------------------------- the stage


def test_run_labels_every_sentence(stage_run) -> None:
    _, _, out, metrics, _ = stage_run
    with open(out.sentiment, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["doc_id", "sentence_id", "label", "score"]
    assert len(rows) == sum(len(d.sentences) for d in DOCS)
    assert {r["label"] for r in rows} == set(S.LABELS)
    assert all(-1.0 <= float(r["score"]) <= 1.0 for r in rows)
    assert metrics["corpus"]["sentences"] == len(rows)
    assert out.by_report.is_file() and out.by_section.is_file() and out.problems.is_file()


def test_run_metrics_evaluate_on_held_out_reports_only(stage_run) -> None:
    _, _, _, metrics, _ = stage_run
    held = metrics["held_out"]
    assert held["reports"] == ["province_gamma_2022"]
    assert set(held) == {"reports", "lexicon", "supervised"}  # baseline: none
    assert held["lexicon"]["sentences"] == 12
    assert metrics["gold"] == {
        "matched": 36,
        "unmatched": 0,
        "train_sentences": 24,
        "test_sentences": 12,
    }
    assert metrics["cv_leave_one_report_out"]["folds"] == ["city_alpha_2022", "province_beta_2022"]
    assert metrics["cv_leave_one_level_out"]["folds"] == ["city", "province"]
    assert held["lexicon"]["macro_f1"] == 1.0


def test_run_is_byte_identical(stage_run, tmp_path: Path) -> None:
    root, paths, out, _, lexicon_path = stage_run
    out2 = outputs(tmp_path)
    S.run(paths["docs"], root / "seg", lexicon_path, paths["labels"], paths["split"], PARAMS, out2)
    for a, b in [(out.sentiment, out2.sentiment), (out.by_report, out2.by_report),
                 (out.by_section, out2.by_section), (out.problems, out2.problems),
                 (out.metrics, out2.metrics)]:  # fmt: skip
        assert a.read_bytes() == b.read_bytes(), a.name
    for fig in sorted(out.figures.glob("*.png")):
        assert fig.read_bytes() == (out2.figures / fig.name).read_bytes(), fig.name


def test_params_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "params.yaml"
    path.write_text(
        "sentiment:\n  method: magic\n  generic_lexicon: none\n  generic_weight: 0\n"
        "  ngram_max: 3\n  c: 1\n  baseline: none\n  cross_validation: none\n",
        encoding="utf-8",
    )
    with pytest.raises(S.config.ConfigError, match=r"sentiment\.method = 'magic'"):
        S.load_sentiment_params(path)
    path.write_text("sentiment:\n  method: lexicon\n", encoding="utf-8")
    with pytest.raises(S.config.ConfigError, match=r"sentiment\.generic_lexicon"):
        S.load_sentiment_params(path)


def test_main_reports_errors_without_a_traceback(stage_run, tmp_path: Path) -> None:
    root, paths, _, _, lexicon_path = stage_run
    params = tmp_path / "params.yaml"
    params.write_text(
        "base:\n  seed: 42\n  jobs: 1\n"
        "sentiment:\n  method: lexicon\n  generic_lexicon: none\n  generic_weight: 0\n"
        "  ngram_max: 3\n  c: 1\n  baseline: none\n  cross_validation: none\n",
        encoding="utf-8",
    )
    import typer

    app = typer.Typer()
    app.command()(S.main)
    args = ["--params", str(params), "--docs-dir", str(tmp_path / "nothing"), "--seg-dir", str(root / "seg"),
            "--lexicon", str(lexicon_path), "--gold-labels", str(paths["labels"]), "--gold-split", str(paths["split"]),
            "--sentiment", str(tmp_path / "s.csv"), "--by-report", str(tmp_path / "r.csv"),
            "--by-section", str(tmp_path / "c.csv"), "--problems", str(tmp_path / "p.csv"),
            "--metrics", str(tmp_path / "m.json")]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "sentiment: error: no ingested documents" in result.output
    # the lexicon method end to end through the CLI
    args[args.index("--docs-dir") + 1] = str(paths["docs"])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.json").is_file() and not (tmp_path / "figures").exists()


def test_run_without_gold_needs_the_lexicon_method(stage_run, tmp_path: Path) -> None:
    root, paths, _, _, lexicon_path = stage_run
    with pytest.raises(ValueError, match="trains on the tone gold"):
        S.run(paths["docs"], root / "seg", lexicon_path, None, None, PARAMS, outputs(tmp_path))
    lexicon_params = S.SentimentParams(**{**PARAMS.__dict__, "method": "lexicon"})
    m = S.run(
        paths["docs"], root / "seg", lexicon_path, None, None, lexicon_params, outputs(tmp_path)
    )
    assert m["gold"] is None and "held_out" not in m
    assert m["corpus"]["sentences"] == sum(len(d.sentences) for d in DOCS)


def test_evidence_is_hashable_and_frozen() -> None:
    ev = Evidence(achievement=1.0)
    with pytest.raises(AttributeError):
        ev.achievement = 2.0  # type: ignore[misc]


# ---------------------------------------------------------------- incremental runs


def _tables(out: S.SentimentOutputs) -> dict[str, bytes]:
    paths = (out.sentiment, out.by_report, out.by_section, out.problems, out.metrics)
    return {p.name: p.read_bytes() for p in paths}


def test_result_cache_reuses_evaluation_and_unchanged_reports(tmp_path, monkeypatch) -> None:
    paths = write_corpus(tmp_path)
    # a fourth, non-gold report: the one that changes
    extra = report("city_delta_2022", "city")
    write_json(paths["docs"] / "city_delta_2022.json", document_to_dict(extra))
    lexicon_path = Path(S.__file__).parent / "resources" / "tone_lexicon.tsv"
    cache = tmp_path / "cache"

    def run(name: str, result_cache: Path | None) -> S.SentimentOutputs:
        out = outputs(tmp_path / name)
        S.run(paths["docs"], tmp_path / "seg", lexicon_path, paths["labels"], paths["split"],
              PARAMS, out, result_cache=result_cache)  # fmt: skip
        return out

    plain = _tables(run("plain", None))
    assert _tables(run("first", cache)) == plain
    assert len(list(cache.glob("eval-*.pkl"))) == 1
    assert len(list(cache.glob("*.json"))) == 4

    labelled: list[str] = []
    real_items = S.document_items

    def counting_items(doc, *args, **kwargs):
        labelled.append(doc.doc_id)
        return real_items(doc, *args, **kwargs)

    def no_evaluation(*args, **kwargs):
        raise AssertionError("the evaluation should come from the cache")

    monkeypatch.setattr(S, "document_items", counting_items)
    monkeypatch.setattr(S, "evaluate_methods", no_evaluation)
    assert _tables(run("second", cache)) == plain
    assert labelled == []

    # one report changes: only it is labelled again, the evaluation stays cached
    changed = make_doc("city_delta_2022", "city", [("一、2021年工作回顾", [PROBLEMS])])
    write_json(paths["docs"] / "city_delta_2022.json", document_to_dict(changed))
    after = _tables(run("third", cache))
    assert labelled == ["city_delta_2022"]
    assert len(list(cache.glob("*.json"))) == 4  # the stale entry is gone
    monkeypatch.undo()
    assert after == _tables(run("fresh", None))
    assert after != plain
