#!/usr/bin/env python3
"""Add memory affinity entries to an ACPI SRAT, for the initrd table upgrade.

Usage: mksrat.py IN OUT BASE:SIZE:PXM[:FLAGS]...

IN is the firmware's SRAT (as in /sys/firmware/acpi/tables/SRAT). Each
BASE:SIZE:PXM (numbers in C notation) appends a 40-byte memory affinity
structure (type 1) with FLAGS, by default enabled|hot-pluggable (0x3). The
OEM revision is bumped (the kernel only upgrades to a higher one), and the
table length and checksum are fixed. OUT goes to kernel/firmware/acpi/srat.aml
of an uncompressed cpio placed before the initramfs.
"""
import struct
import sys

HDR = 36  # ACPI table header
SRAT_HDR = HDR + 12  # + table revision (4) + reserved (8)
MEM_AFFINITY, MEM_AFFINITY_LEN = 1, 40
ENABLED, HOT_PLUGGABLE = 1, 2


def checksum_ok(table):
    return sum(table) % 256 == 0


def mem_affinity(base, size, pxm, flags):
    # type, length, proximity domain, reserved, base, length, reserved,
    # flags, reserved
    return struct.pack("<BBIHQQIIQ", MEM_AFFINITY, MEM_AFFINITY_LEN, pxm, 0,
                       base, size, 0, flags, 0)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    table = bytearray(open(argv[1], "rb").read())
    if table[:4] != b"SRAT" or len(table) < SRAT_HDR:
        sys.exit(f"{argv[1]}: not an SRAT")
    length, = struct.unpack_from("<I", table, 4)
    if length != len(table) or not checksum_ok(table):
        sys.exit(f"{argv[1]}: bad length or checksum")
    for spec in argv[3:]:
        f = [int(x, 0) for x in spec.split(":")]
        if len(f) not in (3, 4):
            sys.exit(f"bad entry {spec!r}: want BASE:SIZE:PXM[:FLAGS]")
        base, size, pxm = f[:3]
        flags = f[3] if len(f) == 4 else ENABLED | HOT_PLUGGABLE
        table += mem_affinity(base, size, pxm, flags)
    oem_rev, = struct.unpack_from("<I", table, 24)
    struct.pack_into("<I", table, 24, oem_rev + 1)
    struct.pack_into("<I", table, 4, len(table))
    table[9] = 0
    table[9] = -sum(table) % 256
    assert checksum_ok(table)
    open(argv[2], "wb").write(table)


if __name__ == "__main__":
    main(sys.argv)
