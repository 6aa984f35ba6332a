#!/usr/bin/env python3
"""Runs peer extractors (trafilatura, readability-lxml) over the scrapinghub pages, one thread,
timing extraction only, and writes predictions for score.py. Part of scripts/bench-extract.

    pip install trafilatura readability-lxml
    python3 scripts/bench_peers.py HTML_DIR GOLD OUT_DIR
"""
import gzip
import json
import os
import statistics
import sys
import time


def load(html_dir):
    pages = []
    for name in sorted(os.listdir(html_dir)):
        with open(os.path.join(html_dir, name), "rb") as fh:
            raw = fh.read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        pages.append((name.split(".")[0], raw.decode("utf-8", errors="replace")))
    return pages


def peers():
    out = {}
    try:
        import trafilatura

        out["trafilatura " + trafilatura.__version__] = lambda html, url: trafilatura.extract(
            html, url=url, include_comments=False) or ""
    except ImportError:
        print("trafilatura not installed", file=sys.stderr)
    try:
        import lxml.html
        from readability import Document

        def readability(html, url):
            summary = Document(html).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

        out["readability-lxml"] = readability
    except ImportError:
        print("readability-lxml not installed", file=sys.stderr)
    return out


def main():
    html_dir, gold_path, out_dir = sys.argv[1:4]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    gold = json.load(open(gold_path, encoding="utf-8"))
    pages = load(html_dir)
    os.makedirs(out_dir, exist_ok=True)
    for name, fn in peers().items():
        cpu_runs = []
        preds = {}
        for _ in range(repeat):
            cpu = 0.0
            for pid, html in pages:
                url = gold.get(pid, {}).get("url")
                t = time.process_time()
                try:
                    text = fn(html, url)
                except Exception as exc:  # a peer failing on a page scores it empty
                    print(f"{name}: {pid}: {exc}", file=sys.stderr)
                    text = ""
                cpu += time.process_time() - t
                preds[pid] = text
            cpu_runs.append(cpu * 1000 / len(pages))
        path = os.path.join(out_dir, name.split()[0] + ".jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for pid, text in preds.items():
                fh.write(json.dumps({"id": pid, "text": text}) + "\n")
        print(f"{name}\t{statistics.median(cpu_runs):.2f} ms CPU/page (median of {repeat})\t{path}")


if __name__ == "__main__":
    main()
