#!/usr/bin/env python3
"""Runs the README's "How to ask a what-if" commands from the README's own text.

Each task is a fenced ```sh block right after a marker line:
    <!-- whatif: NAME -->            a runnable block (it must exit 0)
    <!-- whatif: NAME pending -->    written but waiting for a feature: listed, not run
A block may hold several lines (a heredoc writing the one new file, then the command). It runs
with bash in a scratch directory whose build/, platforms/, workloads/, timelines/, tools/ and docs/
are links to the repository's, so new files land in the scratch directory and the repository
stays untouched. The rules of the issue are checked on the text: at most two `--set`s per
ascendsim command, at most one new file per block.

  tools/readme-whatifs.py [--readme README.md] [--ascendsim PATH] [--fast] [--only NAME]
--fast substitutes smaller work for the test (`--draws N` -> `--draws 20`, and inverse questions
off for `run`); the commands are otherwise the README's text.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARK = re.compile(r"^<!-- whatif: ([A-Za-z0-9_-]+)( pending)? -->\s*$")


def blocks(readme):
    lines = readme.read_text().splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        i += 1
        if not m:
            continue
        name, pending = m.group(1), bool(m.group(2))
        while i < len(lines) and not lines[i].startswith("```"):
            i += 1
        if i >= len(lines):
            sys.exit(f"readme-whatifs: {name}: no ```sh block after the marker")
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        out.append((name, pending, "\n".join(body) + "\n"))
    return out


def commands(body):
    """The ascendsim command lines of a block (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", body)
    return [l for l in text.splitlines() if "build/ascendsim" in l]


def check_rules(name, body):
    problems = []
    for c in commands(body):
        n = len(re.findall(r"(^|\s)--set[\s=]", c))
        if n > 2:
            problems.append(f"{name}: {n} --set in one command (at most two): {c}")
    new_files = len(re.findall(r"cat\s+>\s*\S+\s*<<", body))
    if new_files > 1:
        problems.append(f"{name}: {new_files} new files (at most one)")
    if not commands(body):
        problems.append(f"{name}: no build/ascendsim command")
    return problems


def fast(body):
    body = re.sub(r"--draws[ =]\d+", "--draws 20", body)
    return re.sub(r"(build/ascendsim run \S+)", r"\1 --set 'inverse=[]'", body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--readme", default=str(ROOT / "README.md"))
    ap.add_argument("--ascendsim", default=str(ROOT / "build" / "ascendsim"))
    ap.add_argument("--fast", action="store_true")
    ap.add_argument("--only")
    a = ap.parse_args()
    found = blocks(pathlib.Path(a.readme))
    if not found:
        sys.exit("readme-whatifs: no <!-- whatif: NAME --> blocks in " + a.readme)
    failed = []
    for name, pending, body in found:
        if a.only and name != a.only:
            continue
        if pending:
            print(f"PENDING {name} (marked pending in the README: not run)")
            continue
        problems = check_rules(name, body)
        if problems:
            failed += problems
            continue
        with tempfile.TemporaryDirectory(prefix="whatif-") as scratch:
            build = pathlib.Path(a.ascendsim).resolve().parent
            os.symlink(build, pathlib.Path(scratch) / "build")
            for d in ("platforms", "workloads", "timelines", "tools", "docs"):
                os.symlink(ROOT / d, pathlib.Path(scratch) / d)
            script = fast(body) if a.fast else body
            script = script.replace("build/ascendsim", str(pathlib.Path(a.ascendsim).resolve()))
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=scratch, capture_output=True, text=True)
            status = "ok" if r.returncode == 0 else f"FAILED (exit {r.returncode})"
            print(f"{status} {name}")
            if r.returncode != 0:
                failed.append(f"{name}: exit {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    for f in failed:
        print(f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
