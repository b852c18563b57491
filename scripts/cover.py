#!/usr/bin/env python3
"""Fill git format-patch's cover letter from patches/cover-letter.txt.

The text file's first line is the subject, the rest the body."""
import sys

cover, text = sys.argv[1], sys.argv[2]
subject, _, body = open(text).read().partition("\n")
s = open(cover).read()
s = s.replace("*** SUBJECT HERE ***", subject.strip())
s = s.replace("*** BLURB HERE ***", body.strip("\n"))
open(cover, "w").write(s)
