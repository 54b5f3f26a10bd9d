#!/usr/bin/python3
"""check-names.py ZHIZAO PROJECT — every control of every step has an accessible name.

Starts the real application on PROJECT (under the current display and session bus), reads
its AT-SPI tree — every step's page is built when a project opens, so all of them are in
the tree — and reports each button, toggle, entry, combo box or slider without a name.
GTK 4.8 names an unlabelled widget after its class ("GtkMenuButton"): that counts as none.
TAP output, one line per step; exit 1 when a control has no name.
"""
import re, subprocess, sys, time

import pyatspi

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
}
CLASS_NAME = re.compile(r'(Gtk|Adw|Zhi)[A-Z]\w*')


def find_app(name, timeout=30):
    time.sleep(2)  # the registry caches an empty desktop when asked before the app is up
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.5)
    return None


def walk(node, step, depth=0):
    if node is None or depth > 80:
        return
    try:
        role, name = node.getRole(), (node.name or '').strip()
    except Exception:
        return
    # The pages of the window's and the view's stacks are panels named after the step.
    if role == pyatspi.ROLE_PANEL and name and not CLASS_NAME.fullmatch(name) and node.parent is not None \
            and node.parent.getRole() == pyatspi.ROLE_PANEL and not node.parent.name:
        step = name
    yield node, role, name, step
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, step, depth + 1)


def describe(node):
    parent = node.parent
    chain = []
    while parent is not None and len(chain) < 3:
        if parent.name and not CLASS_NAME.fullmatch(parent.name):
            chain.append('%s “%s”' % (parent.getRoleName(), parent.name[:40]))
        parent = parent.parent
    return node.getRoleName() + (' in ' + ' / '.join(chain) if chain else '')


def main():
    zhizao, project = sys.argv[1], sys.argv[2]
    proc = subprocess.Popen([zhizao, project], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = find_app('zhizao')
        if app is None:
            print('1..0 # SKIP the application did not appear on the accessibility bus')
            return 0
        time.sleep(2)
        steps, bad = [], {}
        for node, role, name, step in walk(app, 'window'):
            if step not in steps:
                steps.append(step)
            # A control inside a named control is its inner part (a menu button's toggle).
            parent = node.parent
            inner = parent is not None and parent.getRole() in CONTROLS and parent.name \
                and not CLASS_NAME.fullmatch(parent.name)
            if role in CONTROLS and not inner and (not name or CLASS_NAME.fullmatch(name)):
                bad.setdefault(step, []).append(describe(node))
    finally:
        proc.terminate()
        proc.wait()
    failures = 0
    for n, step in enumerate(steps, 1):
        if step in bad:
            failures += 1
            print('not ok %d - %s: %d controls without a name' % (n, step, len(bad[step])))
            for item in sorted(set(bad[step]))[:20]:
                print('#   ' + item)
        else:
            print('ok %d - %s: every control has a name' % (n, step))
    print('1..%d' % len(steps))
    return 1 if failures else 0


sys.exit(main())
