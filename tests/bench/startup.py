#!/usr/bin/python3
"""startup.py BUILD_DIR [PROJECT.zhizao] — time from process start to a mapped window.

Runs zhizao and gtk4-demo the same way (under the current X display, GSK_RENDERER=cairo)
and polls the X server until the window is viewable.  With PROJECT, also times zhizao
opening that project.  Prints figures; asserts nothing.  Run it under xvfb-run -a.
"""
import os, statistics, subprocess, sys, time

def time_to_window(cmd, title, env, runs=7):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            r = subprocess.run(['xwininfo', '-name', title], capture_output=True, text=True)
            if 'IsViewable' in r.stdout:
                break
            if time.monotonic() - t0 > 20:
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
    med, best = time_to_window(['gtk4-demo'], 'GTK Demo', env)
    print(f'gtk4-demo      start to mapped window: median {med:.0f} ms, best {best:.0f} ms')
    med, best = time_to_window([build + '/ui/zhizao'], 'Zhizao', env)
    print(f'zhizao welcome start to mapped window: median {med:.0f} ms, best {best:.0f} ms')
    if len(sys.argv) > 2:
        med, best = time_to_window([build + '/ui/zhizao', sys.argv[2]], 'Zhizao', env, runs=5)
        print(f'zhizao opening {os.path.basename(sys.argv[2])}: median {med:.0f} ms, best {best:.0f} ms')

main()
