#!/usr/bin/env python3
"""Fill git format-patch's cover letter from patches/cover-letter.txt.

The text file's first line is the subject, the rest the body. The Date
header is set to DATE (the newest patch's), so the output is byte-stable."""
import re
import sys

cover, text, date = sys.argv[1], sys.argv[2], sys.argv[3]
subject, _, body = open(text).read().partition("\n")
s = open(cover).read()
s = s.replace("*** SUBJECT HERE ***", subject.strip())
s = s.replace("*** BLURB HERE ***", body.strip("\n"))
# Byte-stable: the cover letter carries the date of the newest patch.
s = re.sub(r"^Date: .*$", "Date: " + date, s, count=1, flags=re.M)
open(cover, "w").write(s)
