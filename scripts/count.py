#!/usr/bin/env python3
"""Count leaf test cases in kunit.py's JSON: prints 'passed failed skipped'.
Two cases of the same name in one suite count one failure per duplicate
(a result could hide behind another's name); a missing, empty or broken
file, or one without any case, counts one failure. With a second argument,
writes the failing cases there, "suite: case" a line."""
import collections
import json
import sys

failed = []

def walk(group, counts, path=None):
    # the root group is kunit.py's own ("KUnit Test Group"), not a suite
    path = () if path is None else path + (group.get("name") or "",)
    # (kunit.py names the cases missing from a stream "", failed already)
    names = collections.Counter(c["name"] for c in group.get("test_cases", []) if c["name"])
    for name, n in names.items():
        if n > 1:
            print("%s: %d test cases named '%s'" % (group.get("name"), n, name), file=sys.stderr)
            counts[1] += n - 1
    for case in group.get("test_cases", []):
        counts[{"PASS": 0, "SKIP": 2}.get(case["status"], 1)] += 1
        if case["status"] not in ("PASS", "SKIP"):
            failed.append(": ".join([p for p in path if p] + [case["name"] or "(missing)"]))
    for sub in group.get("sub_groups", []):
        walk(sub, counts, path)

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
if len(sys.argv) > 2:  # FAILED: the failing cases' names, one a line
    with open(sys.argv[2], "w") as f:
        f.writelines(n + "\n" for n in failed)
