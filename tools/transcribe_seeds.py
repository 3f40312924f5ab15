"""Transcribe SSB's county tables from the seed documents into flytt's built-in dataset.

Run once by the developers (``python tools/transcribe_seeds.py SEED_DIR``); its output is
``src/flytt/datasets/data/ssb_counties_*.csv``, shipped with the package and checked by the
test suite against the published totals and an independent transcription.

Numbers in the seeds use a space as thousands separator and columns are separated by one
or more spaces, so ``1 176 2 046  201`` is read with SSB's print rule: a three-digit group
after a single space continues the number before it; anything else starts a new number.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

COUNTIES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland",
    "06": "Buskerud", "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder",
    "10": "Vest-Agder", "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane",
    "15": "Møre og Romsdal", "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "18": "Nordland",
    "19": "Troms Romsa", "20": "Finnmark Finnmárku",
}
OUT = Path(__file__).resolve().parents[1] / "src/flytt/datasets/data"


def numbers(text: str) -> list[str]:
    """Split a run of printed numbers; '.' and '-' stand for themselves.

    SSB prints a thousands separator as a no-break space (plus a space in this extract):
    a digit, U+00A0, optional space, three digits is one number; other gaps split.
    """
    joined = re.sub(r"(\d)\u00a0 ?(?=\d{3}(?!\d))", r"\1", text)
    return joined.replace("\u00a0", " ").split()


def od_2011(text: str) -> list[list[str]]:
    flat = re.sub(r"[ \t]*\n[ \t]*\n?", "\n", text)
    labels = [(c, n) for c, n in COUNTIES.items()] + [("ABROAD", "Abroad")]
    # page 1: rows "CODE Name total v01..v10" ; page 2: rows "CODE Name v11..v20 abroad"
    body = flat.split("From county")[0]
    page2 = flat[flat.index("From county"):]  # the second page: columns 11-20 and Abroad
    rows = {}
    for part, count in ((body, 11), (page2, 10)):
        for code, name in labels:
            words = name.split()
            pat = (re.escape(code) + r"\s+" if code != "ABROAD" else "") + r"\s*".join(
                re.escape(w).replace(r"\-", r"-\s*") for w in (words if code != "ABROAD" else ["Abroad"]))
            pat = pat.replace("Romsa", "(?:Romsa)?").replace("Finnm", "Finnm")
            # the first match followed by a full row of numbers (column headers are not)
            found = (numbers(m.group(1))[:count] for m in
                     re.finditer(r"(?:^|\n)\s*" + pat + r"\s*((?:[-\d.\u00a0 ]+|\n)+)", part))
            vals = next(v for v in found if len(v) == count)
            rows.setdefault(code, []).extend(vals)
    return [[code, name, *rows[code]] for code, name in labels]


def main(seed_dir: str) -> None:
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in Path(seed_dir).glob("*.txt")}
    OUT.mkdir(parents=True, exist_ok=True)
    # 2011 origin-destination matrix (seed 001)
    rows = od_2011(seeds["001"])
    codes = list(COUNTIES) + ["ABROAD"]
    with open(OUT / "ssb_counties_2011_od.csv", "w", encoding="utf-8") as f:
        f.write("origin_code,origin_name,total," + ",".join(codes) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    # 2005 net matrix (seed 000): rows of the first block hold total + columns 01..09,
    # rows of the second block columns 10..20.
    lines = [ln for ln in seeds["000"].splitlines() if re.match(r"^\d\d ", ln)]
    net: dict[str, list[str]] = {}
    for ln in lines:
        cells = ln.split("\t")
        code = cells[0][:2]
        net.setdefault(code, []).extend(c.replace(" ", "").replace("\u00a0", "") for c in cells[1:])
    with open(OUT / "ssb_counties_2005_net.csv", "w", encoding="utf-8") as f:
        f.write("region_code,region_name,net_total," + ",".join(COUNTIES) + "\n")
        for code, name in COUNTIES.items():
            cells = net[code]
            total, first, second = cells[0], cells[1:10], cells[10:]
            f.write(",".join([code, "Troms" if code == "19" else name, total, *first, *second]) + "\n")
    # 2015 balance (seed 002)
    with open(OUT / "ssb_counties_2015_balance.csv", "w", encoding="utf-8") as f:
        f.write("region_code,region_name,in_all,in_abroad,in_internal,out_all,out_abroad,"
                "out_internal,net_all,net_abroad,net_internal\n")
        names = {v: k for k, v in COUNTIES.items()}
        for ln in seeds["002"].splitlines():
            cells = ln.split("\t")
            if len(cells) == 10:
                label = cells[0].strip()
                code = "TOTAL" if label == "The whole country" else names.get(label)
                if code:
                    vals = [c.replace(" ", "").replace("\u00a0", "") for c in cells[1:]]
                    f.write(",".join([code, label, *vals]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
