#!/usr/bin/env python3
"""make bench's report: read the kernel logs the guests printed
(build/bench/raw/CASE-KERNEL-REP.log, written by guest/bench-driver.sh),
take every time off the kernel's own timestamps, and write
build/bench/report.md, the data files and the gnuplot plots (*.svg).

Usage: bench-report.py BENCH_DIR
Exit status 1 when a measurement is missing (a boot that did not print
what it must); goals that are missed are reported, not fatal: the figures
of a shared TCG machine are not a test.
"""
import glob
import os
import re
import statistics
import subprocess
import sys

LINE = re.compile(r'^\[\s*(\d+\.\d+)\] (.*)$')
SERIES_DECISION = re.compile(r'Soft Reserved in CXL windows: .* owns them all')
# upstream's dax_hmem, with dyndbg on: its verdict for a deferred range
UPSTREAM_DECISION = re.compile(r'CXL (did not claim|claims) resource')
PROBE = re.compile(r'probe of (\S+) returned (-?\d+) after')
# the probe that creates a dax device: hmem.N (dax_hmem), dax_regionN (dax_cxl)
DAX_PROBE = r'^probe of (hmem\.\d+|dax_region\d+) returned 0 after'


def first_after(klog, start, pattern):
    for t, text in klog:
        if t >= start and re.search(pattern, text):
            return t
    return None

KERNELS = {'series': 'series (6.12 + this series)',
           'base': 'base (pristine 6.12)',
           'upstream': 'upstream (Debian %s)'}


def parse(path):
    """(kernel log as [(seconds, text)], other lines of the guest's output)"""
    klog, other, inlog = [], [], False
    with open(path, errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if line == 'BENCH-DMESG-BEGIN':
                inlog = True
            elif line == 'BENCH-DMESG-END':
                inlog = False
            elif inlog:
                m = LINE.match(line)
                if m:
                    klog.append((float(m.group(1)), m.group(2)))
            else:
                other.append(line)
    return klog, other


def first_dax(klog, start, path):
    """end of the probe that created the first dax device after @start;
    None when the guest saw none"""
    if first(klog, r'^cxlsr-bench: no dax device') is not None:
        return None
    if first(klog, r'^cxlsr-bench: first dax device') is None:
        sys.exit('%s: the guest did not report its wait for a dax device' % path)
    t = first_after(klog, start, DAX_PROBE)
    if t is None:
        sys.exit('%s: a dax device, and no probe line for it' % path)
    return t


def first(klog, pattern):
    for t, text in klog:
        if re.search(pattern, text):
            return t
    return None


def stats(values):
    v = [x for x in values if x is not None]
    if not v:
        return None
    return statistics.median(v), min(v), max(v), len(v)


def fmt(s, unit='ms'):
    if s is None:
        return 'never'
    med, lo, hi, n = s
    return '%.1f %s (%.1f-%.1f, n=%d)' % (med, unit, lo, hi, n)


def ratio(a, b):
    if a is None or b is None or b[0] == 0:
        return None
    return a[0] / b[0]


def p1(raw, kernel):
    boot, modprobe = [], []
    for path in sorted(glob.glob(os.path.join(raw, 'p1-%s-*.log' % kernel))):
        klog, _ = parse(path)
        init = first(klog, r'^Run /init as init process')
        start = first(klog, r'^cxlsr-bench: start')
        if init is None or start is None:
            sys.exit('%s: no /init or start line' % path)
        dax = first_dax(klog, start, path)
        boot.append(init * 1000)
        modprobe.append((dax - start) * 1000 if dax is not None else None)
    return boot, modprobe


def p2(raw, kernel):
    """coldplug to first dax device, last CXL probe to decision (ms), what
    the last probe was"""
    dax_ms, decide_ms, last = [], [], []
    for path in sorted(glob.glob(os.path.join(raw, 'p2-%s-*.log' % kernel))):
        klog, other = parse(path)
        start = first(klog, r'^cxlsr-bench: start')
        if start is None:
            sys.exit('%s: no start line' % path)
        dax = first_dax(klog, start, path)
        dax_ms.append((dax - start) * 1000 if dax is not None else None)
        pat = SERIES_DECISION if kernel != 'upstream' else UPSTREAM_DECISION
        decision = first(klog, pat)
        cxl = {l.split()[1] for l in other if l.startswith('cxl-device ')}
        probes = [(t, m.group(1)) for t, text in klog
                  for m in [PROBE.search(text)] if m and m.group(1) in cxl]
        if decision is None:
            decide_ms.append(None)
            continue
        before = [p for p in probes if p[0] <= decision]
        if not before:
            sys.exit('%s: a decision, and no CXL probe before it' % path)
        decide_ms.append((decision - before[-1][0]) * 1000)
        last.append(before[-1][1])
    return dax_ms, decide_ms, sorted(set(last))


TRACE = re.compile(r'^trace .* (\d+\.\d+): workqueue_execute_(start|end): '
                   r'work struct (\S+): function hmem_decide_work')


def p4(raw, case):
    """the decision's work item (ms): whole (trace clock), and the probe's
    "deciding" line to the decision (printk clock; the probe queues the
    work item, so this holds the whole work item up to the decision)"""
    rows = {'whole': [], 'deferral': []}
    for path in sorted(glob.glob(os.path.join(raw, '%s-series-test-*.log' % case))):
        klog, other = parse(path)
        start = end = None
        for line in other:
            m = TRACE.match(line)
            if not m:
                continue
            if m.group(2) == 'start' and start is None:
                start, work = float(m.group(1)), m.group(3)
            elif m.group(2) == 'end' and start is not None and m.group(3) == work:
                end = float(m.group(1))
                break
        deciding = first(klog, r'deciding their owner once CXL devices have probed')
        decision = first(klog, SERIES_DECISION.pattern)
        if None in (start, end, deciding, decision):
            sys.exit('%s: no work item trace or no decision lines' % path)
        rows['whole'].append((end - start) * 1000)
        rows['deferral'].append((decision - deciding) * 1000)
    return rows


def gnuplot(script, out):
    r = subprocess.run(['gnuplot'], input=script, text=True,
                       capture_output=True)
    if r.returncode:
        sys.exit('gnuplot failed for %s: %s' % (out, r.stderr))


def main():
    b = sys.argv[1]
    raw = os.path.join(b, 'raw')
    meta = {}
    with open(os.path.join(b, 'meta.tsv')) as f:
        for line in f:
            k, _, v = line.rstrip('\n').partition('\t')
            meta.setdefault(k, []).append(v)
    names = dict(KERNELS)
    names['upstream'] %= meta['upstream'][0]
    uname = {}
    for k in names:
        for path in glob.glob(os.path.join(raw, '*-%s-*.log' % k)):
            for line in parse(path)[1]:
                if line.startswith('uname '):
                    uname[k] = line.split()[1]

    out = []
    w = out.append
    w('# make bench')
    w('')
    w('| | |')
    w('| --- | --- |')
    w('| machine | %s |' % meta['machine'][0])
    w('| QEMU | %s, TCG (`-accel tcg -cpu max`), 2 vCPUs |' % meta['qemu'][0])
    w('| kernels | %s |' % '; '.join('%s: `%s`' % (k, uname.get(k, '?'))
                                      for k in names))
    w('| series | %s |' % meta['series'][0])
    w('| config | %s |' % ('configs/qemu.config + configs/bench.config '
                           '(no lockdep, kmemleak, DEBUG_OBJECTS), series and '
                           'base alike; upstream: Debian\'s own'
                           if meta['config'][0] == 'bench' else
                           'the test kernels of make check (quick mode: '
                           'figures not comparable)'))
    w('| upstream packages | %s |' % '; '.join(
        '`%s`' % v for v in meta.get('upstream-deb', [])))
    w('| repetitions | %s, interleaved; median (min-max, n) |' %
      meta['reps'][0])
    w('')
    w('All times come from the guest kernel\'s log timestamps: '
      'a `cxlsr-bench:` line the guest writes to `/dev/kmsg` when a step '
      'starts, `Run /init as init process`, `initcall_debug`\'s `probe of X '
      'returned` (for the first dax device: the end of the probe of the '
      '`hmem.N` or `dax_regionN` device that created it; for the CXL '
      'devices: those in `/sys/bus/cxl/devices` and `cxl_pci`\'s PCI '
      'device), and each kernel\'s own decision line. Every boot, all '
      'kernels alike, has `initcall_debug` on the command line.')
    w('')

    missed = []
    # P1
    sb, sm = p1(raw, 'series')
    bb, bm = p1(raw, 'base')
    w('## P1: Soft Reserved, no CXL (sr-only)')
    w('')
    w('| | series | base | series / base | goal |')
    w('| --- | --- | --- | --- | --- |')
    rows = [('boot to `/init`', stats(sb), stats(bb)),
            ('`modprobe dax_hmem` to first dax device', stats(sm), stats(bm))]
    for label, s, base in rows:
        r = ratio(s, base)
        ok = r is not None and r <= 1.02
        if not ok:
            missed.append('P1 %s: ratio %s' % (label, 'n/a' if r is None else '%.3f' % r))
        w('| %s | %s | %s | %s | <= 1.02: %s |' % (
            label, fmt(s), fmt(base), 'n/a' if r is None else '%.3f' % r,
            'met' if ok else 'MISSED'))
    w('')

    # P2
    w('## P2: Soft Reserved over a CXL window (cxl-qemu)')
    w('')
    w('From the start of udev\'s coldplug (every device\'s driver loaded '
      'through the uevent helper) to the first dax device; from the end of '
      'the last CXL probe to the decision (series: `Soft Reserved in CXL '
      'windows: ... owns them all`; upstream: dax_hmem\'s `CXL did not claim '
      'resource` / `CXL claims resource`, with `dax_hmem.dyndbg=+p`). The '
      'base never decides: it leaves the range to CXL, which has no region '
      'for it, and no dax device appears.')
    w('')
    w('| kernel | coldplug to first dax device | last CXL probe to decision | last CXL probe |')
    w('| --- | --- | --- | --- |')
    p2s = {}
    for k in ('series', 'base', 'upstream'):
        dax, dec, last = p2(raw, k)
        p2s[k] = (stats(dax), stats(dec), dax)
        w('| %s | %s | %s | %s |' % (names[k], fmt(stats(dax)),
                                    fmt(stats(dec)), ', '.join(last) or '-'))
    w('')
    r = ratio(p2s['series'][0], p2s['upstream'][0])
    dec = p2s['series'][1]
    g1 = dec is not None and dec[0] <= 5
    g2 = r is not None and r <= 1.0
    w('| goal | measured | |')
    w('| --- | --- | --- |')
    w('| decision <= 5 ms after the last CXL probe (series, median) | %s | %s |' %
      (fmt(dec), 'met' if g1 else 'MISSED'))
    w('| first dax device, series / upstream <= 1.0 (medians) | %s | %s |' %
      ('n/a' if r is None else '%.3f' % r, 'met' if g2 else 'MISSED'))
    w('')
    if not g1:
        missed.append('P2 decision: %s' % fmt(dec))
    if not g2:
        missed.append('P2 first dax ratio: %s' % ('n/a' if r is None else '%.3f' % r))

    # P4
    w('## P4: the whole work item (`hmem_decide_work()`)')
    w('')
    w('From `workqueue_execute_start` to `workqueue_execute_end` (trace '
      'events: the requests, CXL settling, the decision and the '
      'registration of what dax_hmem owns), and, on the printk clock, from '
      'hmem_platform\'s `deciding their owner` line (its probe, which then '
      'queues the work item) to the `... owns them all` line. The two '
      'clocks are not subtracted from each other. The series\' test kernel '
      '(lockdep, kmemleak on), which cxl_test needs. cxl_test\'s Soft '
      'Reserved mock has at most two ranges and two committed regions.')
    w('')
    w('| layout | whole work item | deferral to decision |')
    w('| --- | --- | --- |')
    for case, label in (('p4many', '`layout-many`: 16 ranges in a QEMU CXL window, dax_hmem owns'),
                        ('p4mock', 'cxl_test `hmem_test=4`: one range over two committed regions, CXL owns')):
        r = p4(raw, case)
        w('| %s | %s | %s |' % (label, fmt(stats(r['whole'])),
                               fmt(stats(r['deferral']))))
    w('')

    # data and plots
    with open(os.path.join(b, 'first-dax.dat'), 'w') as f:
        for i, k in enumerate(('series', 'upstream', 'base')):
            s = p2s[k][0]
            if s is None:
                f.write('%d "%s" 0 0 0 "never"\n' % (i, k))
            else:
                f.write('%d "%s" %.3f %.3f %.3f "%.0f ms"\n' % (i, k, *s[:3], s[0]))
    gnuplot('''set terminal svg size 720,420 dynamic background rgb "white"
set output "%s"
set title "P2: udev coldplug to first dax device (cxl-qemu), median and min-max"
set ylabel "ms"
set yrange [0:*]
set xrange [-0.6:2.6]
set style fill solid 0.5
set boxwidth 0.6
unset key
plot "%s" using 1:3:xtic(2) with boxes lc rgb "#4477aa", \\
     "" using 1:3:4:5 with yerrorbars lc rgb "black" pt 0, \\
     "" using 1:3:6 with labels offset 0,1
''' % (os.path.join(b, 'first-dax.svg'), os.path.join(b, 'first-dax.dat')),
            'first-dax.svg')
    w('Plot: `first-dax.svg` (P2).')
    w('')
    w('## Goals')
    w('')
    w('All met.' if not missed else 'Missed: ' + '; '.join(missed) + '.')
    with open(os.path.join(b, 'report.md'), 'w') as f:
        f.write('\n'.join(out) + '\n')
    print('\n'.join(out))
    print('Report: %s' % os.path.join(b, 'report.md'))


if __name__ == '__main__':
    main()
