"""Writes end2end/bench/results.json and results.md from what .ci/bench measured.

Usage: report.py FIGURES.json LIGHTHOUSE_DIR
FIGURES.json is what the script gathered (wasm sizes, page bytes, wrk runs,
sync); LIGHTHOUSE_DIR holds one Lighthouse JSON report per page. Figures
measured by hand live under "notes" in results.json and after
"<!-- timings -->" in results.md, and are kept from one run to the next.
"""

import datetime
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS_JSON = os.path.join(HERE, "results.json")
RESULTS_MD = os.path.join(HERE, "results.md")

PERSON_PAGES = ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share", "/me/who-has-looked"]
# Lighthouse report file names (.ci/bench) for each page.
LIGHTHOUSE_NAMES = {"peer /licence-conditions": "peer", "/": "home", "/hope": "hope",
                    **{p: p[1:].replace("/", "-") for p in PERSON_PAGES}}
# Issue 14's goals for every person page.
GOAL = {"perf": 100, "a11y": 100, "lcp_ms": 1000, "tbt_ms": 50, "first_kb": 80, "wasm_br_kb": 60}


def lighthouse(directory, name):
    """The scores and timings of one report, or None when Lighthouse failed."""
    path = os.path.join(directory, name + ".json")
    if not os.path.exists(path):
        return None
    report = json.load(open(path))
    audit = lambda key: report["audits"].get(key, {}).get("numericValue")
    score = lambda key: report["categories"].get(key, {}).get("score")
    return {
        "perf": None if score("performance") is None else round(score("performance") * 100),
        "a11y": None if score("accessibility") is None else round(score("accessibility") * 100),
        "fcp_ms": audit("first-contentful-paint"),
        "lcp_ms": audit("largest-contentful-paint"),
        "tbt_ms": audit("total-blocking-time"),
        "bytes": audit("total-byte-weight"),
        "lighthouse": report.get("lighthouseVersion"),
    }


def kb(b):
    return f"{b / 1024:.1f} KB"


def fmt_ms(v):
    return "—" if v is None else f"{v:.0f} ms"


def main(figures_path, lighthouse_dir):
    data = json.load(open(figures_path))
    data["date"] = datetime.date.today().isoformat()
    data["lighthouse"] = {page: lighthouse(lighthouse_dir, name) for page, name in LIGHTHOUSE_NAMES.items()}
    rounds = data["side_by_side"]
    ratios = [r["waymark"]["rps"] / r["peer"]["rps"] for r in rounds if r["peer"]["rps"]]
    data["ratios"] = {"licence_rps_waymark_over_peer": ratios,
                      "median": statistics.median(ratios) if ratios else None}
    if os.path.exists(RESULTS_JSON):
        data["notes"] = json.load(open(RESULTS_JSON)).get("notes", {})
    json.dump(data, open(RESULTS_JSON, "w"), indent=1)

    pages = {p["path"]: p for p in data["pages"]}
    lh = data["lighthouse"]
    wasm = data["wasm"]
    lines = ["# Waymark benchmark", "",
             f"{data['date']}, commit {data['commit']}, {data['machine']}. Release site (wasm), "
             f"{data.get('server', 'release')} server, loopback;",
             "the GOV.UK peer (Express + Nunjucks + GOV.UK Frontend, the same licence content) runs",
             "beside it in the same run. Lighthouse " + str(next((v['lighthouse'] for v in lh.values() if v), "?")) +
             " mobile, default throttling (simulated slow 4G, 4× CPU), Debian Chromium.", "",
             "## Side by side", "",
             "| page | Lighthouse perf | a11y | LCP | TBT | first visit | CSS/JS/wasm asked for again on a repeat visit |",
             "|---|---|---|---|---|---|---|"]
    for page in ["peer /licence-conditions", "/", "/hope"] + PERSON_PAGES:
        l, p = lh.get(page), pages.get(page)
        if p is None:
            continue
        scores = f"{l['perf']} | {l['a11y']} | {fmt_ms(l['lcp_ms'])} | {fmt_ms(l['tbt_ms'])}" if l else "— | — | — | —"
        lines.append(f"| {page} | {scores} | {kb(p['first']['bytes'])} ({p['first']['requests']} requests) | "
                     f"{p['repeat']['assets']} |")
    lines += ["", f"Goals for every person page (issue 14.1): performance {GOAL['perf']}, accessibility {GOAL['a11y']}, "
              f"LCP ≤ {GOAL['lcp_ms']} ms, TBT ≤ {GOAL['tbt_ms']} ms, first visit ≤ {GOAL['first_kb']} KB with the wasm; "
              "no CSS, JS or wasm asked for again on a repeat visit (14.3).", ""]
    misses = []
    for page in PERSON_PAGES:
        l, p = lh.get(page), pages.get(page)
        if not l or not p:
            misses.append(f"{page}: not measured")
            continue
        at_least = lambda v, goal: v is not None and v >= goal
        at_most = lambda v, goal: v is not None and v <= goal
        for what, ok in [("performance", at_least(l["perf"], GOAL["perf"])),
                         ("accessibility", at_least(l["a11y"], GOAL["a11y"])),
                         ("LCP", at_most(l["lcp_ms"], GOAL["lcp_ms"])), ("TBT", at_most(l["tbt_ms"], GOAL["tbt_ms"])),
                         ("first visit", p["first"]["bytes"] <= GOAL["first_kb"] * 1024),
                         ("repeat visit", p["repeat"]["assets"] == 0)]:
            if not ok:
                misses.append(f"{page}: {what}")
    lines.append("Missed: " + "; ".join(misses) + "." if misses else "Every person page meets every goal.")
    lines += ["", "First visits count everything, the wasm included (the figures wait for the islands to wake)",
              "and what the service worker fetches as it installs. A repeat visit is the same page again,",
              "now under the service worker; its HTML is always fetched (network first).", "",
              "When the person's app is asked for, in ms from the start of the page (Chromium, no throttling):", "",
              "| page | first paint | load event | wasm asked for |", "|---|---|---|---|"]
    for page in PERSON_PAGES:
        p = pages.get(page)
        if p:
            lines.append(f"| {page} | {p['first_paint']} | {p['load']} | {p['wasm_asked']} |")

    lines += ["", "## Requests per second, side by side (wrk -t2 -c64 -d10s, alternated)", "",
              "| round | Waymark /me/licence | p99 | peer /licence-conditions | p99 | ratio |", "|---|---|---|---|---|---|"]
    for i, r in enumerate(rounds, 1):
        ratio = r["waymark"]["rps"] / r["peer"]["rps"] if r["peer"]["rps"] else float("nan")
        lines.append(f"| {i} | {r['waymark']['rps']:.0f} | {r['waymark']['p99']} | {r['peer']['rps']:.0f} | "
                     f"{r['peer']['p99']} | {ratio:.2f}× |")
    if data["ratios"]["median"] is not None:
        lines += ["", f"Median ratio: {data['ratios']['median']:.2f}× the peer's requests per second (goal, issue 14.4: ≥ 10×; "
                  "p99 ≤ 20 ms)."]
    lines += ["", "| Waymark page | requests/s | p99 |", "|---|---|---|"]
    for path, r in data["load"].items():
        lines.append(f"| {path} | {r['rps']:.0f} | {r['p99']} |")
    lines += ["", "wrk runs on the same cores as the servers, so every figure is pessimistic."]
    if data.get("server") == "debug":
        lines += ["**This run's Waymark server is a debug build** (no release build could be made in time):",
                  "its requests per second and p99 are not Waymark's; page bytes, wasm and Lighthouse are."]

    lines += ["", "## Wasm (islands)", "",
              "| build | wasm raw | gzip -9 | brotli -q 11 | JS glue brotli |", "|---|---|---|---|---|"]
    for name, label in [("person", "the person's (and visitors' on /hope/near)"), ("desk", "the desk's (practitioners)")]:
        w, j = wasm[name]["wasm"], wasm[name]["js"]
        lines.append(f"| {label} | {kb(w[0])} | {kb(w[1])} | {kb(w[2])} | {kb(j[2])} |")
    lines += ["", f"Goal (issue 14.2): the person's wasm ≤ {GOAL['wasm_br_kb']} KB brotli, with no practitioner-only code."]

    sl = data["sign_in_load"]
    lines += ["", "## /health while sign-ins are hammered", "",
              "| load | /health requests/s | /health p99 |", "|---|---|---|",
              f"| /health alone (wrk -c8 10 s) | {sl['health_alone']['rps']:.0f} | {sl['health_alone']['p99']} |",
              f"| while 40 clients post wrong PINs ({sl['wrong_pins_per_s']} a second, each one argon2 run) | "
              f"{sl['health_while_hammered']['rps']:.0f} | {sl['health_while_hammered']['p99']} |", "",
              "Sign-ins hash in a bounded pool (`WAYMARK_HASHING_THREADS`, default half the cores) off the",
              "async worker threads, so guessing PINs queues there and /health stays quick (budget: p99 < 20 ms)."]
    sy = data["sync"]
    b, t = sy["bytes"], sy["times"]
    lines += ["", "## Sync (POST /api/v1/sync)", "",
              "| load | requests/s | p99 |", "|---|---|---|",
              f"| quiet sync (nothing new), wrk -c64 10 s | {sy['quiet']['rps']:.0f} | {sy['quiet']['p99']} |",
              f"| one new op per request (one writer), wrk -c64 5 s | {sy['one_op']['rps']:.0f} | {sy['one_op']['p99']} |", "",
              f"Server time, in process: 500 changes made offline sent in {t['send_500_requests']} requests of at most "
              f"{t['max_ops']}: {t['send_500_ms']} ms in all; the whole case afterwards to a fresh phone: "
              f"{t['fresh_after_500_ms']} ms.", ""]
    d = t["durability"]
    lines += ["Durability (issue 15.12), in process: one new op per sync, one after another, "
              f"{d['syncs_each']} syncs with each setting in alternate rounds:", "",
              "| SQLite writer | median per sync | p99 |", "|---|---|---|",
              f"| `synchronous = FULL` (as shipped: every acknowledged op fsynced) | {d['full'][0]} ms | {d['full'][1]} ms |",
              f"| `synchronous = NORMAL` (before: a power cut could lose an acknowledged op) | {d['normal'][0]} ms | {d['normal'][1]} ms |", "",
              f"What being durable costs each acknowledged sync here: {d['full'][0] - d['normal'][0]:.3f} ms at the median.", ""]
    lines += ["| exchange | request (raw / gzip) | response (raw / gzip) |", "|---|---|---|",
              f"| quiet day: nothing new | {b['quiet-request'][0]} B / {b['quiet-request'][1]} B | "
              f"{b['quiet-response'][0]} B / {b['quiet-response'][1]} B |",
              f"| typical day: a step and an answer sent, the case back | {b['daily-request'][0]} B / {b['daily-request'][1]} B | "
              f"{b['daily-response'][0]} B / {b['daily-response'][1]} B |",
              f"| fresh phone after 500 changes | — | {b['fresh-response'][0]} B / {b['fresh-response'][1]} B |", "",
              "Responses are compressed on the wire (gzip or brotli), so the gzip column is what a phone pays.",
              "The one-op load grows the case with every request (each op adds history), so its responses",
              "grow during the run; quiet syncs are what most app starts cost."]

    old = open(RESULTS_MD).read() if os.path.exists(RESULTS_MD) else ""
    marker = "<!-- timings -->"
    kept = old[old.find(marker):] if marker in old else marker + "\n## README commands\n\nNot measured yet.\n"
    open(RESULTS_MD, "w").write("\n".join(lines) + "\n\n" + kept)
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
