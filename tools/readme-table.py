#!/usr/bin/env python3
"""The README's answer table: one row per shipped scenario (timelines/*.toml, kind = "scenario"),
built from `ascendsim run SCENARIO --json` so that it can be regenerated whenever the model moves.

  tools/readme-table.py                      print the table (runs every scenario)
  tools/readme-table.py --write README.md    replace the table between the answer-table markers
  tools/readme-table.py --check README.md    exit 1 when the README's table differs (a ctest runs this)
  --ascendsim PATH   the binary (default build/ascendsim);  --from DIR  read DIR/NAME.json instead of running

Columns: the verdict of the deterministic run (every input at its nominal value, the scenario's
seed), the slack of the milestone that decides it (negative = late), where pretraining starts and
ends and on how many chips, and P(fit) when the scenario asks for Monte Carlo draws.
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- answer-table:begin -->", "<!-- answer-table:end -->"


def scenarios():
    out = []
    for f in sorted((ROOT / "timelines").glob("*.toml")):
        if re.search(r'^kind\s*=\s*"scenario"', f.read_text(), re.M):
            out.append(f)
    return out


def report(f, binary, from_dir):
    if from_dir:
        return json.loads((pathlib.Path(from_dir) / (f.stem + ".json")).read_text())
    # Inverse questions are not part of the table: skip their bisection.
    r = subprocess.run([binary, "run", str(f.relative_to(ROOT)), "--json", "--set", "inverse=[]"], cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"readme-table: {f.name}: ascendsim exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def num(x):
    return x if isinstance(x, (int, float)) else float(x)


def row(f, j):
    v = j["verdict"]
    fits = v["fits"] in (True, "true")
    margin = v.get("margin_days")
    worst = v.get("worst", "")
    verdict = "**fits**" if fits else "**does not fit**"
    slack = "" if margin is None else f"{num(margin):+.1f} d ({worst})"
    p = j.get("pretraining") or {}
    if p.get("never_finishes") in (True, "true"):
        pre = "never finishes"
    elif p:
        chips = f"{int(num(p['chips'])):,}"
        if int(num(p.get("final_chips", p["chips"]))) != int(num(p["chips"])):
            chips += f" → {int(num(p['final_chips'])):,}"
        wait = num(p.get("wait_days", 0))
        pre = (f"{p['start']} → {p['end']}, {chips} chips, {num(p['wait_and_training_days']):.1f} d"
               + (f" ({wait:.0f} d waiting for chips)" if wait >= 0.5 else ""))
    else:
        pre = ""
    mc = j.get("montecarlo")
    pfit = f"{num(mc['p_fit']):.2f} ({mc.get('draws', '?')} draws)" if mc else "—"
    title = j.get("scenario", {}).get("title", f.stem)
    return f"| [`{f.name}`](timelines/{f.name}) | {title} | {verdict} | {slack} | {pre} | {pfit} |"


def table(binary, from_dir):
    lines = ["| scenario | question | verdict | slack of the deciding milestone | pretraining | P(fit) |",
             "|---|---|---|---|---|---|"]
    lines += [row(f, report(f, binary, from_dir)) for f in scenarios()]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ascendsim", default=str(ROOT / "build" / "ascendsim"))
    ap.add_argument("--from", dest="from_dir")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write")
    g.add_argument("--check")
    a = ap.parse_args()
    t = table(a.ascendsim, a.from_dir)
    target = a.write or a.check
    if not target:
        sys.stdout.write(t)
        return 0
    text = pathlib.Path(target).read_text()
    m = re.search(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), text, re.S)
    if not m:
        sys.exit(f"readme-table: {target} has no {BEGIN} ... {END} markers")
    if a.check:
        if m.group(1) != t:
            sys.stderr.write("README answer table is out of date: run tools/readme-table.py --write README.md\n"
                             f"--- README\n{m.group(1)}--- computed\n{t}")
            return 1
        return 0
    pathlib.Path(target).write_text(text[:m.start(1)] + t + text[m.end(1):])
    return 0


if __name__ == "__main__":
    sys.exit(main())
