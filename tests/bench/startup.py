#!/usr/bin/python3
"""startup.py BUILD_DIR [PROJECT.zhizao] — time from process start to a mapped window.

Runs gtk4-demo (when installed: package gtk-4-examples) and zhizao the same way (under the
current X display, GSK_RENDERER=cairo) and polls the X server until a top-level window whose
title contains the program's name is viewable.  zhizao opens a project given on its command
line before it presents the window, so the window mapped is the one showing the project.
With PROJECT (tests/bench/bench-evidence writes one with 1,000 evidence items), also times
zhizao opening that project and prints its ratio to the welcome window.  Prints figures;
asserts nothing.  Run it under xvfb-run -a.
"""
import os, re, shutil, statistics, subprocess, sys, time

def viewable(title):
    tree = subprocess.run(['xwininfo', '-root', '-tree'], capture_output=True, text=True).stdout
    for m in re.finditer(r'^\s+(0x[0-9a-f]+) "([^"]*)"', tree, re.M):
        if title in m.group(2):
            r = subprocess.run(['xwininfo', '-id', m.group(1)], capture_output=True, text=True)
            if 'IsViewable' in r.stdout:
                return True
    return False

def time_to_window(cmd, title, env, runs=7):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not viewable(title):
            if time.monotonic() - t0 > 30:
                break
            time.sleep(0.002)
        times.append((time.monotonic() - t0) * 1000)
        p.terminate(); p.wait()
    return statistics.median(times), min(times)

def main():
    build = os.path.abspath(sys.argv[1])
    env = dict(os.environ, GSK_RENDERER='cairo', LANGUAGE='en', NO_AT_BRIDGE='1',
               GSETTINGS_BACKEND='memory', GSETTINGS_SCHEMA_DIR=build + '/resources',
               ZHIZAO_LOCALEDIR=build + '/po')
    if shutil.which('gtk4-demo'):
        med, best = time_to_window(['gtk4-demo'], 'GTK Demo', env)
        print(f'gtk4-demo      start to mapped window: median {med:.0f} ms, best {best:.0f} ms')
    else:
        print('gtk4-demo      not installed (apt install gtk-4-examples): not measured')
    welcome, best = time_to_window([build + '/ui/zhizao'], 'Zhizao', env)
    print(f'zhizao welcome start to mapped window: median {welcome:.0f} ms, best {best:.0f} ms')
    if len(sys.argv) > 2:
        med, best = time_to_window([build + '/ui/zhizao', sys.argv[2]], 'Zhizao', env, runs=5)
        print(f'zhizao opening {os.path.basename(sys.argv[2])}: median {med:.0f} ms, '
              f'best {best:.0f} ms ({med / welcome:.2f}× the welcome window; target ≤ 1.20×)')

main()
