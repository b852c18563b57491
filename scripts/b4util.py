#!/usr/bin/env python3
"""The little b4 (0.12) does not do for us, and nothing more.

  cover-commit TXT CHANGE_ID REVISION BASE_BRANCH
      print the message of b4 prep's cover letter commit: the text of
      patches/NAME/cover-letter.txt and b4's tracking block (b4 0.12 can
      enroll a branch, but not with a given change-id and revision)
  cover-text
      print the cover letter text of the prep branch in the current
      directory
  run B4-ARGS...
      run b4 with its clock and random Message-ID part pinned to the
      date of the cover letter (a second before the first patch, as b4
      dates them), so that "b4 send -o" is byte-stable
  author PATCH
      print the name and the address of PATCH's author and the date of
      the cover letter b4 sends it with (a second before the patch), a
      line each
  add-range-diff EML FILE
      put the range-diff in FILE into the cover letter EML, before the
      shortlog, as newer b4 releases do
"""
import email
import hashlib
import email.utils
import subprocess
import sys
import time
import uuid

# b4's own helpers are used where it has them: run with the interpreter
# b4 runs with (scripts/lib.sh: b4py)


def cover_commit(txt, change_id, revision, base_branch):
    import b4.ez
    tracking = {'series': {'revision': int(revision), 'change-id': change_id,
                           'base-branch': base_branch, 'prefixes': []}}
    # what b4.ez.store_cover() writes into a new cover commit
    print(open(txt).read().strip() + '\n\n' + b4.ez.make_magic_json(tracking))


def cover_text():
    import b4.ez
    print(b4.ez.load_cover()[0])


def run(args):
    import b4.ez
    cover = b4.ez.find_cover_commit()
    dates = subprocess.check_output(['git', 'log', '--reverse', '--format=%at',
                                     cover + '..HEAD'], text=True).split()
    stamp = int(dates[0]) - 1
    seed = hashlib.sha256(str(stamp).encode()).digest()[:16]
    time.time = lambda: float(stamp)
    uuid.uuid4 = lambda: uuid.UUID(bytes=seed)
    import b4.command
    sys.argv = ['b4'] + args
    b4.command.cmd()


def add_range_diff(eml, rdfile):
    text = open(eml).read()
    rd = open(rdfile).read().rstrip('\n')
    head, sep, tail = text.partition('\n---\n')
    if not sep or not rd:
        sys.exit('add-range-diff: no "---" line in %s, or an empty range-diff' % eml)
    open(eml, 'w').write(head.rstrip('\n') + '\n\nRange-diff against v1:\n' + rd + '\n' + sep + tail)


def author(patch):
    with open(patch) as f:
        msg = email.message_from_file(f)
    name, addr = email.utils.parseaddr(msg['From'])
    print(name)
    print(addr)
    print(int(email.utils.parsedate_to_datetime(msg['Date']).timestamp()) - 1)


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'cover-commit':
        cover_commit(*args)
    elif cmd == 'cover-text':
        cover_text()
    elif cmd == 'run':
        run(args)
    elif cmd == 'author':
        author(*args)
    elif cmd == 'add-range-diff':
        add_range_diff(*args)
    else:
        sys.exit(__doc__)
