#!/usr/bin/env python3
"""Count leaf test cases in kunit.py's JSON: prints 'passed failed skipped'."""
import json
import sys

def walk(group, counts):
    for case in group.get("test_cases", []):
        counts[{"PASS": 0, "SKIP": 2}.get(case["status"], 1)] += 1
    for sub in group.get("sub_groups", []):
        walk(sub, counts)

counts = [0, 0, 0]
try:
    walk(json.load(open(sys.argv[1])), counts)
except (OSError, ValueError):
    pass
print(*counts)
