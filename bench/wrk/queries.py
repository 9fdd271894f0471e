#!/usr/bin/env python3
"""Writes queries.lua for search.lua from a BEIR folder's queries.jsonl: python3 queries.py ../../../shared/data/scifact"""
import json, os, sys

folder = sys.argv[1]
queries = [json.loads(line)["text"] for line in open(os.path.join(folder, "queries.jsonl"), encoding="utf-8")]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "queries.lua"), "w", encoding="utf-8") as out:
    # Each entry is already escaped for a JSON string (without its quotes), so search.lua can append to it.
    out.write("queries = {\n" + ",\n".join("[==[" + json.dumps(q)[1:-1] + "]==]" for q in queries) + "\n}\n")
print(f"{len(queries)} queries")
