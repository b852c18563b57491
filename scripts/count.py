#!/usr/bin/env python3
"""Count leaf test cases in kunit.py's JSON: prints 'passed failed skipped'.
Two cases of the same name in one suite count one failure per duplicate
(a result could hide behind another's name); a missing, empty or broken
file, or one without any case, counts one failure."""
import collections
import json
import sys

def walk(group, counts):
    # (kunit.py names the cases missing from a stream "", failed already)
    names = collections.Counter(c["name"] for c in group.get("test_cases", []) if c["name"])
    for name, n in names.items():
        if n > 1:
            print("%s: %d test cases named '%s'" % (group.get("name"), n, name), file=sys.stderr)
            counts[1] += n - 1
    for case in group.get("test_cases", []):
        counts[{"PASS": 0, "SKIP": 2}.get(case["status"], 1)] += 1
    for sub in group.get("sub_groups", []):
        walk(sub, counts)

counts = [0, 0, 0]
try:
    walk(json.load(open(sys.argv[1])), counts)
except Exception as e:  # unreadable: a failure, whatever it counted before
    print("count.py: %s: %s" % (sys.argv[1], e), file=sys.stderr)
    counts[1] += 1
if not any(counts):
    print("count.py: no test case in %s" % sys.argv[1], file=sys.stderr)
    counts[1] = 1
print(*counts)
