#!/usr/bin/env python3
"""Quality gate: the extractor against the hand-written expected records of ../shared/realdocs.

Runs ../shared/tools/score_records.py on ../shared/realdocs with the built parindex, reads
its JSON, prints the per-type table and fails (exit 1) when the records' micro-average over
scores, indices, targets, tasks and references falls below the floor main has reached
(FLOOR_*), so a regression cannot land silently. The floor only ever rises: raise it with
each extraction change that lifts the scores. The real-documents issue asks for F1 >= 0.85
and precision >= 0.92 (GOAL_*); until the floor reaches the goal, the test prints how far
main is from it. Skips (exit 0, "skipped: ...") when ../shared/realdocs or the scorer is
absent.

usage: score_gate.py --parindex BUILD/parindex [--shared ../shared] [--tmp DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

GOAL_F1 = 0.85
GOAL_PRECISION = 0.92
# Measured on main (records F1 0.973, precision 0.988 at the commit that set them), less a
# small margin for a document whose excerpt changes a record.
FLOOR_F1 = 0.955
FLOOR_PRECISION = 0.97
TYPES = ("scores", "indices", "targets", "tasks", "references", "metadata")


def fmt(x):
    return "   -" if x is None else "%.3f" % x


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_shared = os.path.normpath(os.path.join(here, "..", "..", "..", "shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parindex", required=True, help="the parindex binary to score")
    ap.add_argument("--shared", default=default_shared, help="the shared folder (default: ../shared "
                    "next to the repository)")
    ap.add_argument("--tmp", help="scratch folder for the scorer's databases (default: a fresh "
                    "temporary folder, removed afterwards)")
    args = ap.parse_args()

    realdocs = os.path.join(args.shared, "realdocs")
    scorer = os.path.join(args.shared, "tools", "score_records.py")
    if not os.path.isdir(realdocs):
        print("skipped: %s is absent" % realdocs)
        return 0
    if not os.path.isfile(scorer):
        print("skipped: %s is absent" % scorer)
        return 0

    own_tmp = args.tmp is None
    tmp = tempfile.mkdtemp(prefix="parindex-score-gate.") if own_tmp else args.tmp
    if not own_tmp:
        shutil.rmtree(tmp, ignore_errors=True)  # fresh databases every run
        os.makedirs(tmp)
    out_json = os.path.join(tmp, "score.json")
    try:
        cmd = [sys.executable, scorer, "--parindex", args.parindex, realdocs,
               "--json", out_json, "--tmp", os.path.join(tmp, "db")]
        print("running:", " ".join(cmd), flush=True)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0 or not os.path.isfile(out_json):
            # The scorer exits 0 even when it fails, so the missing JSON is the sign.
            sys.stdout.write(proc.stdout)
            sys.stderr.write(proc.stderr)
            print("FAIL: the scorer wrote no results (status %d)" % proc.returncode)
            return 1
        with open(out_json, encoding="utf-8") as fh:
            result = json.load(fh)
    finally:
        if own_tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    totals = result.get("totals", {})
    records = result.get("records", {})
    files = result.get("files", [])
    errors = [f for f in files if f.get("error")]
    print("documents: %d (%d with errors)" % (len(files), len(errors)))
    for f in errors[:10]:
        print("  %s: %s" % (f.get("name"), f.get("error")))
    print()
    print("%-11s %8s %9s %4s %4s %4s %9s %6s %6s" % ("type", "expected", "extracted", "tp", "fp",
                                                    "fn", "precision", "recall", "F1"))
    rows = [(k, totals.get(k, {})) for k in TYPES] + [("records", records),
                                                       ("overall", result.get("overall", {}))]
    for name, c in rows:
        print("%-11s %8d %9d %4d %4d %4d %9s %6s %6s" % (
            name, c.get("expected", 0), c.get("extracted", 0), c.get("tp", 0), c.get("fp", 0),
            c.get("fn", 0), fmt(c.get("precision")), fmt(c.get("recall")), fmt(c.get("f1"))))
    print("  (records = micro-average of scores, indices, targets, tasks, references)")
    print()

    precision = records.get("precision") or 0.0  # None: nothing extracted
    f1 = records.get("f1") or 0.0
    failed = []
    if f1 < FLOOR_F1:
        failed.append("records F1 %.3f < floor %.2f" % (f1, FLOOR_F1))
    if precision < FLOOR_PRECISION:
        failed.append("records precision %.3f < floor %.2f" % (precision, FLOOR_PRECISION))
    if failed:
        print("FAIL: " + "; ".join(failed))
        print("  (details: python3 %s --parindex %s %s --show-misses 20)" % (scorer, args.parindex, realdocs))
        return 1
    print("ok: records F1 %.3f >= floor %.2f, precision %.3f >= floor %.2f" % (f1, FLOOR_F1, precision, FLOOR_PRECISION))
    if f1 < GOAL_F1 or precision < GOAL_PRECISION:
        print("note: the goal is F1 >= %.2f and precision >= %.2f; main is %.3f / %.3f" %
              (GOAL_F1, GOAL_PRECISION, f1, precision))
    return 0

if __name__ == "__main__":
    sys.exit(main())
