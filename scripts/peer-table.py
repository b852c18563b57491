#!/usr/bin/env python3
"""Compare two KTAP logs of the ndctl suite: base and series.

Prints a Markdown table (test, base, series) and exits non-zero when a
test passes on the base and fails (or is missing) on the series, or when
the series log has no ndctl results at all.
"""
import re
import sys

LINE = re.compile(r'^\s+(not ok|ok) \d+ (\S+)(?: \(([^)]*)\))?(?: # SKIP (.*))?$')


def results(path):
    out = {}
    try:
        text = open(path, errors='replace').read()
    except OSError:
        return out
    for line in text.splitlines():
        m = LINE.match(line)
        if not m or not m.group(2).startswith('cxl-'):
            continue
        ok, name, extra, skip = m.groups()
        if skip is not None:
            out[name] = 'skip: ' + skip.strip()
        elif ok == 'ok':
            out[name] = 'pass' + (' (%s)' % extra if extra else '')
        else:
            out[name] = 'FAIL' + (' (%s)' % extra if extra else '')
    return out


base, series = results(sys.argv[1]), results(sys.argv[2])
names = list(dict.fromkeys(list(base) + list(series)))
print('| ndctl test | base (6.12) | series |')
print('| --- | --- | --- |')
regress = []
for n in names:
    b, s = base.get(n, 'not run'), series.get(n, 'not run')
    print('| %s | %s | %s |' % (n, b, s))
    if b.startswith('pass') and not s.startswith('pass'):
        regress.append(n)
print()
count = {k: sum(1 for v in series.values() if v.startswith(k)) for k in ('pass', 'FAIL', 'skip')}
print('series: %d passed, %d failed, %d skipped; base: %d passed' % (
    count['pass'], count['FAIL'], count['skip'],
    sum(1 for v in base.values() if v.startswith('pass'))))
if regress:
    print('REGRESSION (passes on the base, not on the series): ' + ', '.join(regress))
if regress or not series:
    sys.exit(1)
