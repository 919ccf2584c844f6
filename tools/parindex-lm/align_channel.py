#!/usr/bin/env python3
"""Aligns eng-model OCR output with the text that was drawn and counts, per syllable, the
tokens the OCR wrote for it. Prints ocr-pairs.tsv: OCR token, syllable, count, log10 P(token
| syllable). Both sides lower case, NFC; the OCR token as written (digits, '&', marks kept).

    align_channel.py GT1 OCR1 [GT2 OCR2 ...] > ocr-pairs.tsv

Tokens are aligned page by page (pages split by form feeds) with difflib on their folded
letters; runs of equal length inside a replaced block pair one to one, longer or shorter
runs (a syllable split or two merged) are skipped. Pairs seen once are left out."""
import collections
import difflib
import math
import re
import sys
import unicodedata

PUNCT = "\"'“”‘’()[]{}.,;:!?…–-"


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()


def tokens(text):
    out = []
    for t in text.split():
        t = unicodedata.normalize("NFC", t.strip(PUNCT)).lower()
        if t and any(c.isalpha() for c in t):
            out.append(t)
    return out


def syllable(t):
    return re.fullmatch(r"[^\W\d_]+", t) is not None


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    pairs = collections.Counter()
    per_syllable = collections.Counter()
    for gt_path, ocr_path in zip(argv[0::2], argv[1::2]):
        gt_pages = open(gt_path, encoding="utf-8").read().split("\f")
        ocr_pages = open(ocr_path, encoding="utf-8", errors="replace").read().split("\f")
        for gt, ocr in zip(gt_pages, ocr_pages):
            a, b = tokens(gt), tokens(ocr)
            m = difflib.SequenceMatcher(None, [fold(x) for x in a], [fold(x) for x in b], autojunk=False)
            for op, i1, i2, j1, j2 in m.get_opcodes():
                if op not in ("equal", "replace") or i2 - i1 != j2 - j1:
                    continue
                for x, y in zip(a[i1:i2], b[j1:j2]):
                    if syllable(x):
                        pairs[(y, x)] += 1
                        per_syllable[x] += 1
    for (ocr, syl), n in sorted(pairs.items(), key=lambda kv: (kv[0][1], -kv[1])):
        if n >= 2:
            print(f"{ocr}\t{syl}\t{n}\t{math.log10(n / per_syllable[syl]):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
