"""The render bench's reference jobs in the Python stack agents use, on the inputs
bench/RenderTool left in a directory: the same 14-category Korean bar chart drawn by matplotlib
(1200 x 800 px PNG, value labels, tilted category labels), and the same Markdown report (its
charts as the same SVG files) typeset by WeasyPrint from pandoc's HTML. Prints the medians of
warm runs in this process, and the executor's time as a share of each.

Usage: python3 bench/render_reference.py WORK_DIR   (run by bench/render-bench.sh)
"""
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import weasyprint  # noqa: E402

CHART_RUNS, REPORT_RUNS, WARMUPS = 15, 5, 2

# A4 with the executor's margins and type sizes, NanumGothic throughout.
REPORT_CSS = """
@page { size: A4; margin: 56pt 56pt 64pt 56pt;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt; } }
body { font-family: NanumGothic; font-size: 10.5pt; line-height: 1.45; color: #1F2328; }
h1 { font-size: 22pt; } h2 { font-size: 15pt; } code, pre { font-family: NanumGothicCoding; font-size: 9pt; }
pre { background: #F3F4F6; padding: 7pt; } img { width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th { background: #E9EEF4; } th, td { padding: 5pt; border-bottom: 0.5pt solid #D0D7DE; }
blockquote { border-left: 3pt solid #C5CDD6; margin-left: 0; padding-left: 11pt; }
"""


def median_ms(job, runs):
    for _ in range(WARMUPS):
        job()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bar_chart(spec, path):
    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    bars = ax.bar(spec["categories"], spec["values"], color="#0072B2")
    ax.set_title(spec["title"], fontsize=20)
    ax.set_xlabel(spec["x_label"])
    ax.set_ylabel(spec["y_label"])
    ax.bar_label(bars, labels=[f"{v / 1e4:,.0f}만" for v in spec["values"]], fontsize=10)
    plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main():
    work = Path(sys.argv[1])
    bench = json.loads((work / "bench.json").read_text())
    chart = median_ms(lambda: bar_chart(bench["chart"], work / "bar-matplotlib.png"), CHART_RUNS)

    body = subprocess.run(["pandoc", "--from", "gfm", "--to", "html5", str(work / "report.md")],
                          check=True, capture_output=True, text=True).stdout
    html = f"<html><head><meta charset='utf-8'><style>{REPORT_CSS}</style></head><body>{body}</body></html>"
    output = work / "report-weasyprint.pdf"

    def report():
        weasyprint.HTML(string=html, base_url=str(work)).write_pdf(output)

    typeset = median_ms(report, REPORT_RUNS)
    pages = len(weasyprint.HTML(string=html, base_url=str(work)).render().pages)

    ours_chart, ours_report = bench["chart"]["median_ms"], bench["report"]["median_ms"]
    print(f"matplotlib, the same bar chart as PNG: median {chart:.1f} ms ({CHART_RUNS} warm runs); "
          f"executor {ours_chart:.1f} ms = {ours_chart / chart:.3f}x (target <= 0.1x)")
    print(f"WeasyPrint, the same report ({pages} pages, SVG charts): median {typeset:.1f} ms ({REPORT_RUNS} warm runs); "
          f"executor {ours_report:.1f} ms = {ours_report / typeset:.3f}x (target <= 0.1x)")


if __name__ == "__main__":
    main()
