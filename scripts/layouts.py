#!/usr/bin/env python3
"""Print the layout table of a make check run: for each profile's boot
layout, the Soft Reserved ranges of the memory map, the owner its first
decision gave, the dax devices of its first memory map snapshot, and when
the decision was logged (console timestamps: since boot, and since the
deferral line, that is the wait for CXL plus the decision itself).

Usage: layouts.py RUN_DIR...   (build/runs/PROFILE, build/runs-FLAVOR/PROFILE)
"""
import os
import re
import sys

TS = re.compile(r'^\[\s*([0-9.]+)\] (.*)$')


def first(lines, pattern):
    for ts, text in lines:
        if re.search(pattern, text):
            return ts, text
    return None, None


def row(run):
    name = os.path.basename(run)
    parent = os.path.basename(os.path.dirname(run))
    if parent.startswith('runs-'):  # runs-builtin, runs-debug
        name = parent[len('runs-'):] + '/' + name
    lines = []
    with open(os.path.join(run, 'console.log'), errors='replace') as f:
        for line in f:
            m = TS.match(line.rstrip('\r\n'))
            if m:
                lines.append((float(m.group(1)), m.group(2)))
    srs = {t for _, t in lines if re.search(r'(BIOS-e820|user): .* soft reserved', t)}
    t_def, _ = first(lines, r'Soft Reserved range\(s\) in CXL windows: deciding')
    t_sum, summary = first(lines, r'Soft Reserved in CXL windows: ')
    if summary:
        m = re.search(r'(dax_[a-z]+) owns them all', summary)
        owner = m.group(1) if m else '?'
    else:
        owner = 'no decision'
    decide = '-'
    if t_def is not None and t_sum:
        decide = '%.1f s after boot, %.0f ms after the deferral' % (t_sum, (t_sum - t_def) * 1000)
    dax = '-'
    res = os.path.join(run, 'results.log')
    if os.path.exists(res):
        with open(res, errors='replace') as f:
            maps = [l.split() for l in f if '# cxlsr-map ' in l]
        if maps:
            label = maps[0][maps[0].index('cxlsr-map') + 1]
            devs = [m for m in maps if m[m.index('cxlsr-map') + 1] == label
                    and m[m.index('cxlsr-map') + 2] == 'dax']
            dax = '%d (%s)' % (len(devs), label)
    return '| %s | %d | %s | %s | %s |' % (name, len(srs), owner, dax, decide)


def main():
    runs = [d for d in sys.argv[1:] if os.path.exists(os.path.join(d, 'console.log'))]
    print('| layout (profile) | Soft Reserved ranges | first decision | dax devices | decided |')
    print('| --- | --- | --- | --- | --- |')
    for run in runs:
        print(row(run))
    # cxl_test loads several layouts in one boot: its suites print a row each
    for run in runs:
        res = os.path.join(run, 'results.log')
        if not os.path.exists(res):
            continue
        with open(res, errors='replace') as f:
            for line in f:
                m = re.search(r'# cxlsr-layout (.*) owner=(\S+) dax=(\d+) decided_ms=(\S+)', line)
                if m:
                    print('| %s | 1 | %s | %s | %s ms after the deferral |' % m.groups())


if __name__ == '__main__':
    main()
