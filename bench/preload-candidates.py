#!/usr/bin/env python3
"""Measures what each module agents import would cost the fork server to preload, and what it
costs a fresh interpreter to import, so the preload list is chosen by numbers.

    /usr/bin/python3 bench/preload-candidates.py [--runs 5]

For each candidate, in a fresh interpreter that has already imported what the fork server
preloads today (numpy, pandas, matplotlib with Agg), prints the median time of importing it
and the growth of the process's resident and private memory (what every forked child shares
copy-on-write, and what the fork server itself carries).
"""
import argparse
import json
import statistics
import subprocess
import sys

BASELINE = "import numpy, pandas, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot"
CANDIDATES = ["scipy.stats", "sklearn", "sklearn.cluster", "sklearn.linear_model", "seaborn",
              "docx", "lxml.etree", "weasyprint", "plotly.express", "PIL.Image", "openpyxl",
              "boto3", "adjustText", "lovelyplots", "mlxtend.frequent_patterns"]
PROBE = """
import json, sys, time
def memory():
    fields = {}
    with open('/proc/self/smaps_rollup') as f:
        for line in f:
            parts = line.split()
            if parts[0] in ('Rss:', 'Private_Clean:', 'Private_Dirty:'):
                fields[parts[0]] = int(parts[1])
    return fields['Rss:'], fields['Private_Clean:'] + fields['Private_Dirty:']
%s
rss0, private0 = memory()
start = time.perf_counter()
import importlib
importlib.import_module(sys.argv[1])
elapsed = (time.perf_counter() - start) * 1000
rss1, private1 = memory()
print(json.dumps({"ms": elapsed, "rss_kb": rss1 - rss0, "private_kb": private1 - private0}))
""" % BASELINE


def measure(module, runs):
    samples = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", PROBE, module], capture_output=True, text=True)
        if result.returncode != 0:
            return None, result.stderr.strip().splitlines()[-1]
        samples.append(json.loads(result.stdout))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'module':28} {'import ms':>10} {'RSS +MB':>9} {'private +MB':>12}   (after numpy, pandas, matplotlib; median of {args.runs})")
    for module in CANDIDATES:
        numbers, error = measure(module, args.runs)
        if numbers is None:
            print(f"{module:28} failed: {error}")
            continue
        print(f"{module:28} {numbers['ms']:10.1f} {numbers['rss_kb'] / 1024:9.1f} {numbers['private_kb'] / 1024:12.1f}")


if __name__ == "__main__":
    main()
