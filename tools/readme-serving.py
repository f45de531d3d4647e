#!/usr/bin/env python3
"""The README's serving tables, generated from `ascendsim serve --json`:
  cost per token:  V4-Flash on 910C CloudMatrix384 and on the 950DT Atlas 950 SuperPoD at the 50 ms
                   and 15 ms TPOT limits (REFERENCE.md section 5), prices from platforms/prices.toml;
  long context:    tokens/s/chip against context length (8k, 128k, 1M) for V4-Flash and V4-Pro.

  tools/readme-serving.py                      print both tables
  tools/readme-serving.py --write README.md    replace them between their markers
  tools/readme-serving.py --check README.md    exit 1 when the README's tables differ (a ctest runs this)
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLATFORMS = [("CloudMatrix384 (910C)", "platforms/cloudmatrix384.xml"),
             ("Atlas 950 SuperPoD (950DT)", "platforms/atlas950-superpod.xml")]
MODELS = [("V4-Flash", "workloads/deepseek-v4-flash.toml"), ("V4-Pro", "workloads/deepseek-v4-pro.toml")]
CONTEXTS = [("8k", 8192), ("128k", 131072), ("1M", 1048576)]


def serve(binary, platform, workload, tpot, context=None):
    args = [binary, "serve", "--platform", platform, "--workload", workload, "--tpot-limit", tpot, "--json",
            "--progress", "never"]
    if context:
        args += ["--context", str(context)]
    r = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"readme-serving: {' '.join(args[1:])} failed ({r.returncode}):\n{r.stderr}")
    return json.loads(r.stdout)


def cost_table(binary):
    rows = ["| platform (chip) | TPOT limit | batch/NPU | TPOT (ms) | output tok/s/chip | input tok/s/chip | "
            "US$/M output | US$/M input | kWh/M output | kWh/M input |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, xml in PLATFORMS:
        for tpot in ("50ms", "15ms"):
            j = serve(binary, xml, MODELS[0][1], tpot)
            e = j["economics"]
            rows.append(f"| {name} | {tpot[:-2]} ms | {j['decode_batch']['per_npu']} | {1000 * j['tpot_s']['p50']:.2f} | "
                        f"{j['output_tokens_per_s_per_chip']:,.0f} | {j['input_tokens_per_s_per_chip']:,.0f} | "
                        f"{e['output']['usd_per_million_tokens']:.3f} | {e['input']['usd_per_million_tokens']:.4f} | "
                        f"{e['output']['kWh_per_million_tokens']:.3f} | {e['input']['kWh_per_million_tokens']:.4f} |")
    return "\n".join(rows)


def context_table(binary):
    rows = ["| model | platform (chip) | context | KV-limited batch/NPU | batch at 50 ms | output tok/s/chip | "
            "prefill tok/s/chip | dies for one prompt's prefill |",
            "|---|---|---|---:|---:|---:|---:|---:|"]
    for mname, workload in MODELS:
        for pname, xml in PLATFORMS:
            for cname, tokens in CONTEXTS:
                j = serve(binary, xml, workload, "50ms", tokens)
                c = j["context"]
                split = c["prefill_split"]
                dies = f"{split['context_parallel_dies']}"
                if split["instances_spanned"] > 1:
                    dies += f" ({split['instances_spanned']} instances)"
                rows.append(f"| {mname} | {pname} | {cname} | {j['decode_batch']['max_per_npu_hbm']:,} | "
                            f"{j['decode_batch']['per_npu']:,} | {j['output_tokens_per_s_per_chip']:,.0f} | "
                            f"{j['input_tokens_per_s_per_chip']:,.0f} | {dies} |")
    return "\n".join(rows)


def replace(text, marker, block):
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    if begin not in text or end not in text:
        sys.exit(f"readme-serving: no {begin} ... {end} markers")
    head, rest = text.split(begin, 1)
    old, tail = rest.split(end, 1)
    return f"{head}{begin}\n{block}\n{end}{tail}", old.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ascendsim", default=str(ROOT / "build" / "ascendsim"))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write")
    g.add_argument("--check")
    a = ap.parse_args()
    blocks = {"serving-cost": cost_table(a.ascendsim), "serving-context": context_table(a.ascendsim)}
    if not a.write and not a.check:
        print("\n\n".join(blocks.values()))
        return
    path = pathlib.Path(a.write or a.check)
    text = path.read_text()
    stale = []
    for marker, block in blocks.items():
        text, old = replace(text, marker, block)
        if old != block.strip():
            stale.append(f"--- {marker} in README\n{old}\n--- computed\n{block}")
    if a.write:
        path.write_text(text)
    elif stale:
        sys.exit("readme-serving: the README's serving tables are out of date: run tools/readme-serving.py --write " +
                 f"{path}\n" + "\n".join(stale))


if __name__ == "__main__":
    main()
