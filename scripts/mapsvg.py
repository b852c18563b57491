#!/usr/bin/env python3
"""Draw the guest's memory map snapshots as one SVG.

Usage: mapsvg.py LOG OUT.svg [TITLE]

LOG holds "cxlsr-map LABEL KIND START END [NAME [OWNER]]" lines (possibly
behind "# " KTAP diagnostics), written by map_snapshot in
tests/guest/own.sh. Each LABEL (a step: after boot, after hand-back...)
becomes a panel; each CXL window in it is drawn to scale with what touches
it stacked below: Soft Reserved ranges, CXL regions, dax devices and
System RAM (kmem), coloured by owner. Ranges outside every window get a
group of their own. Exits 1 when LOG has no snapshot.
"""
import re
import sys
from html import escape

LINE = re.compile(r'cxlsr-map (\S+) (window|sr|region|dax|kmem) (0x[0-9a-f]+) (0x[0-9a-f]+)(?: (\S+))?(?: (\S+))?')
COLOUR = {'hmem': '#e69f00', 'cxl': '#0072b2', 'none': '#bbbbbb', 'conflict': '#d55e00'}
OWNER_TEXT = {'hmem': 'dax_hmem', 'cxl': 'dax_cxl', 'none': 'no owner', 'conflict': 'CONFLICT'}
ROWS = [('sr', 'Soft Reserved'), ('region', 'CXL regions'), ('dax', 'dax devices'),
        ('kmem', 'System RAM (kmem)')]
W, LEFT, RIGHT, BAR, GAP = 1100, 150, 80, 22, 8


def size_text(n):
    for unit, div in (('GiB', 1 << 30), ('MiB', 1 << 20), ('KiB', 1 << 10)):
        if n >= div and n % (div // 16 or 1) == 0:
            v = n / div
            return ('%g %s' % (round(v, 2), unit))
    return '%d B' % n


def overlaps(a, b):
    return a['s'] <= b['e'] and a['e'] >= b['s']


def parse(path):
    steps = {}
    for line in open(path, errors='replace'):
        m = LINE.search(line)
        if not m:
            continue
        label, kind, s, e, name, owner = m.groups()
        item = {'kind': kind, 's': int(s, 16), 'e': int(e, 16), 'name': (name or '').replace('_', ' '),
                'owner': owner}
        items = steps.setdefault(label, [])
        if item not in items:
            items.append(item)
    return steps


def owner_of(sr, items):
    owners = {d['owner'] for d in items if d['kind'] == 'dax' and overlaps(d, sr)}
    if not owners:
        return 'none'
    return owners.pop() if len(owners) == 1 else 'conflict'


def groups(items):
    """(title, lo, hi, members): one per window, one for the rest."""
    wins = [i for i in items if i['kind'] == 'window']
    others = [i for i in items if i['kind'] != 'window']
    out, seen = [], set()
    for w in sorted(wins, key=lambda i: i['s']):
        mem = [i for i in others if overlaps(i, w)]
        seen.update(id(i) for i in mem)
        lo = min([w['s']] + [i['s'] for i in mem])
        hi = max([w['e']] + [i['e'] for i in mem])
        out.append(('%s [0x%x-0x%x], %s' % (w['name'], w['s'], w['e'], size_text(w['e'] - w['s'] + 1)),
                    lo, hi, [w] + mem))
    rest = [i for i in others if id(i) not in seen]
    if rest:
        out.append(('outside every CXL window', min(i['s'] for i in rest), max(i['e'] for i in rest), rest))
    return out


def bar(svg, x0, x1, y, fill, text, title, dashed=False):
    w = max(x1 - x0, 2)
    dash = ' stroke-dasharray="4 3"' if dashed else ''
    svg.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#333"%s>'
               '<title>%s</title></rect>' % (x0, y, w, BAR, fill, dash, escape(title)))
    if text:
        svg.append('<text x="%.1f" y="%d" font-size="11" text-anchor="middle" fill="#000">%s</text>'
                   % (x0 + w / 2, y + 15, escape(text)))


def draw(steps, title):
    svg, y = [], 30
    svg.append('<text x="10" y="20" font-size="16" font-weight="bold">%s</text>' % escape(title))
    lx = LEFT
    for key in ('hmem', 'cxl', 'none', 'conflict'):
        svg.append('<rect x="%d" y="%d" width="14" height="14" fill="%s" stroke="#333"/>' % (lx, y, COLOUR[key]))
        svg.append('<text x="%d" y="%d" font-size="12">%s</text>' % (lx + 18, y + 12, OWNER_TEXT[key]))
        lx += 120
    svg.append('<rect x="%d" y="%d" width="14" height="14" fill="#009e73" stroke="#333"/>' % (lx, y))
    svg.append('<text x="%d" y="%d" font-size="12">System RAM (kmem)</text>' % (lx + 18, y + 12))
    y += 34
    span = W - LEFT - RIGHT
    for label, items in steps.items():
        svg.append('<text x="10" y="%d" font-size="15" font-weight="bold">step: %s</text>'
                   % (y + 14, escape(label.replace('-', ' '))))
        y += 26
        empty = []
        for gtitle, lo, hi, members in groups(items):
            if all(m['kind'] == 'window' for m in members):
                empty.append(gtitle)
                continue
            scale = span / float(hi - lo + 1)
            x = lambda a: LEFT + (a - lo) * scale  # noqa: E731
            svg.append('<text x="%d" y="%d" font-size="13">%s</text>' % (LEFT, y + 12, escape(gtitle)))
            y += 18
            wins = [m for m in members if m['kind'] == 'window']
            for w in wins:
                bar(svg, x(w['s']), x(w['e'] + 1), y, '#f4f4f4', 'CXL window', w['name'], dashed=True)
            if wins:
                svg.append('<text x="10" y="%d" font-size="12">CXL window</text>' % (y + 15))
                y += BAR + GAP
            for kind, row in ROWS:
                rows = sorted((m for m in members if m['kind'] == kind), key=lambda m: m['s'])
                svg.append('<text x="10" y="%d" font-size="12">%s</text>' % (y + 15, row))
                for m in rows:
                    size = m['e'] - m['s'] + 1
                    rng = '[0x%x-0x%x] %s' % (m['s'], m['e'], size_text(size))
                    if kind == 'sr':
                        own = owner_of(m, items)
                        fill, text = COLOUR[own], '%s, %s' % (size_text(size), OWNER_TEXT[own])
                    elif kind == 'dax':
                        own = m['owner'] if m['owner'] in COLOUR else 'conflict'
                        fill, text = COLOUR[own], '%s (%s)' % (m['name'], OWNER_TEXT[own])
                    elif kind == 'region':
                        fill, text = '#cfe8f7', '%s, %s' % (m['name'], size_text(size))
                    else:
                        fill, text = '#009e73', size_text(size)
                    if x(m['e'] + 1) - x(m['s']) < 7 * len(text):
                        text = ''
                    bar(svg, x(m['s']), x(m['e'] + 1), y, fill, text, '%s %s' % (m['name'] or row, rng))
                if not rows:
                    svg.append('<text x="%d" y="%d" font-size="11" fill="#777">none</text>' % (LEFT, y + 15))
                y += BAR + GAP
            # address scale: both ends and every range boundary in the group
            marks = sorted({lo, hi + 1} | {m['s'] for m in members} | {m['e'] + 1 for m in members})
            last = -100
            for a in marks:
                if x(a) - last < 80:
                    continue
                last = x(a)
                svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333"/>' % (x(a), y - 4, x(a), y + 2))
                svg.append('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">0x%x</text>'
                           % (x(a), y + 13, a))
            y += 30
        for gtitle in empty:
            svg.append('<text x="%d" y="%d" font-size="12" fill="#555">%s: nothing in it</text>'
                       % (LEFT, y + 12, escape(gtitle)))
            y += 18
        y += 10
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
            '<rect width="100%%" height="100%%" fill="white"/>' % (W, y))
    return head + '\n'.join(svg) + '</svg>\n'


def main():
    steps = parse(sys.argv[1])
    if not steps:
        print('mapsvg: no cxlsr-map lines in %s' % sys.argv[1], file=sys.stderr)
        return 1
    title = sys.argv[3] if len(sys.argv) > 3 else 'Soft Reserved ownership'
    with open(sys.argv[2], 'w') as f:
        f.write(draw(steps, title))
    return 0


if __name__ == '__main__':
    sys.exit(main())
