#!/usr/bin/env python3
"""The README's "What the evidence implies" paragraph, generated from `ascendsim infer --json`.

  tools/readme-inference.py                      print the paragraph (runs the inference)
  tools/readme-inference.py --write README.md    replace it between the inference markers
  tools/readme-inference.py --check README.md    exit 1 when the README's paragraph differs (a ctest runs this)
  --ascendsim PATH   the binary (default build/ascendsim);  --from FILE  read the JSON instead of running

Every number is read from the JSON of one run: PRIORS, EVIDENCE and DRAWS below, seeded by the
priors file, so the paragraph is the same on every machine.
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- inference:begin -->", "<!-- inference:end -->"
PRIORS = "timelines/evidence/v4-hardware-priors.toml"
EVIDENCE = "timelines/evidence/v4.toml"
DRAWS = 2000


def pct(x):
    return f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else f"{100 * x:.1f}%"


def paragraph(j):
    alts = {c["value"]: c for c in j["choices"] if c["output"] == "alternative"}
    chips = {c["value"]: c for c in j["choices"] if c["output"] == "pretraining.chip"}
    ms = {m["name"]: m for m in j["milestones"]}
    lines = []
    cmd = f"build/ascendsim infer {PRIORS} --evidence {EVIDENCE} --draws {DRAWS}"
    lines.append(f"`{cmd}` weights {j['draws']:,} prior draws over the {len(j['alternatives'])} V4-Flash "
                 f"scenarios (equal prior weights; one pretrains on the 2,048 H800 and moves to 910C for the later phases) by the likelihood of what was observed: the four checkpoint "
                 f"sightings and the 2026-04-24 preview as \"existed by\" facts, Huawei's word that Ascend trained "
                 f"part of V4-Flash, and 950 supernodes at scale only from the second half of 2026 "
                 f"([{EVIDENCE}]({EVIDENCE}), [docs/inference.md](docs/inference.md)). "
                 f"{j['accepted']:,} draws are consistent with all of it (effective sample size "
                 f"{j['effective_sample_size']:.0f}).")
    order = sorted(chips.values(), key=lambda c: -c["posterior"])
    parts = [f"{c['value']} {pct(c['posterior'])} (prior {pct(c['prior'])})" for c in order]
    lines.append("Posterior of the pretraining chip: " + ", ".join(parts) + ".")
    used = {c["value"]: c for c in j["choices"] if c["output"] == "training.ascend_used"}
    if "yes" in used:
        lines.append(f"Some phase on Ascend (`training.ascend_used`): {pct(used['yes']['posterior'])} "
                     f"(prior {pct(used['yes']['prior'])}).")
    alt_parts = [f"{name} {pct(c['posterior'])}" for name, c in sorted(alts.items(), key=lambda kv: -kv[1]["posterior"])]
    lines.append("By scenario: " + ", ".join(alt_parts) + ".")
    pre = ms.get("milestones.pretraining")
    ck = ms.get("milestones.checkpoint-0211")
    if pre and pre.get("posterior_dates") and ck and ck.get("posterior_dates"):
        pd, cd = pre["posterior_dates"], ck["posterior_dates"]
        lines.append(f"Pretraining must then have ended around {pd['p50']} (80%: {pd['p10']} to {pd['p90']}; "
                     f"prior median {pre['prior_dates']['p50']}), and the first checkpoint been ready around "
                     f"{cd['p50']}, {ck.get('observed', '?')} being when it was seen.")
    top = [q for q in j["inputs"] if q["posterior"] is not None][:2]
    if top:
        descr = []
        for q in top:
            name = q["name"][len("inputs."):]
            if "prior_dates" in q and "posterior_dates" in q:
                descr.append(f"`{name}` (median {q['prior_dates']['p50']} -> {q['posterior_dates']['p50']}, "
                             f"KS {q['ks_distance']:.2f})")
            else:
                descr.append(f"`{name}` (median {q['prior']['p50']:.4g} -> {q['posterior']['p50']:.4g}, KS {q['ks_distance']:.2f})")
        lines.append("The inputs the evidence moves most: " + " and ".join(descr) + ".")
    return " ".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ascendsim", default=str(ROOT / "build" / "ascendsim"))
    ap.add_argument("--from", dest="from_file")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write")
    g.add_argument("--check")
    a = ap.parse_args()
    if a.from_file:
        j = json.loads(pathlib.Path(a.from_file).read_text())
    else:
        r = subprocess.run([a.ascendsim, "infer", PRIORS, "--evidence", EVIDENCE, "--draws", str(DRAWS), "--json",
                            "--progress", "never"], cwd=ROOT, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"readme-inference: infer failed ({r.returncode}):\n{r.stderr}")
        j = json.loads(r.stdout)
    text = paragraph(j)
    # Wrapped at 100 columns like the rest of the README.
    words, out, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > 100:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    block = "\n".join(out)
    if not a.write and not a.check:
        print(block)
        return
    path = pathlib.Path(a.write or a.check)
    readme = path.read_text()
    if BEGIN not in readme or END not in readme:
        sys.exit(f"readme-inference: {path} has no {BEGIN} ... {END} markers")
    head, rest = readme.split(BEGIN, 1)
    old, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{block}\n{END}{tail}"
    if a.write:
        path.write_text(new)
    elif old.strip() != block.strip():
        sys.exit(f"readme-inference: the README's paragraph is out of date: run tools/readme-inference.py --write {path}\n"
                 f"--- README\n{old.strip()}\n--- computed\n{block}")


if __name__ == "__main__":
    main()
