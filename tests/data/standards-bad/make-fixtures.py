#!/usr/bin/env python3
"""Regenerates the malformed standards fixtures from ../standards-fixture/mini.json.

Each fixture breaks exactly one rule; tests/test-standard.c lists the JSON path and the
problem its error must name.  Run from this directory: ./make-fixtures.py
"""
import copy
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
fixture = os.path.join(here, "..", "standards-fixture")
mini = json.load(open(os.path.join(fixture, "mini.json"), encoding="utf-8"))
conditions = json.load(open(os.path.join(fixture, "conditions.json"), encoding="utf-8"))


def write(name, data):
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        if isinstance(data, str):
            f.write(data)
        else:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")


def mutate(name, change, base=mini):
    data = copy.deepcopy(base)
    change(data)
    write(name, data)


mutate("unknown-key.json", lambda d: d["criteria"][1].__setitem__("colour", "red"))
mutate("wrong-type.json", lambda d: d["criteria"][0].__setitem__("weight", "40"))
mutate("missing-key.json", lambda d: d["criteria"][2]["indicators"][1].pop("label"))
mutate("bad-kind.json", lambda d: d["criteria"][0]["indicators"][1].__setitem__("kind", "gauge"))
mutate("duplicate-id.json",
       lambda d: d["criteria"][1]["indicators"][1].__setitem__("id", "m02.network-ratio"))
mutate("gate-unknown-indicator.json", lambda d: d["gates"][1].__setitem__("indicator", "m01.nothing"))
mutate("kpi-unknown-indicator.json", lambda d: d["kpis"].__setitem__(2, "m09.kpi"))
mutate("kpi-not-kpi.json", lambda d: d["kpis"].__setitem__(0, "m02.platform"))
mutate("weights-sum.json", lambda d: d["criteria"][2].__setitem__("weight", 25))
mutate("shares-sum.json", lambda d: d["criteria"][1]["indicators"][1].__setitem__("share", 30))
mutate("bands-gap.json", lambda d: d["bands"][3].__setitem__("min", 10))
mutate("bands-order.json", lambda d: d["bands"][1].__setitem__("min", 90))
mutate("level-min-unknown.json", lambda d: d["criteria"][0]["indicators"][1].__setitem__("min", "L5"))
mutate("threshold-range.json", lambda d: d["criteria"][0]["indicators"][0].__setitem__("threshold", 50))
mutate("text-not-bilingual.json", lambda d: d.__setitem__("title", "迷你车间评定标准"))
mutate("item-unknown.json", lambda d: d["criteria"][0]["indicators"][0].__setitem__("item", "m01.z"))
mutate("format-version.json", lambda d: d.__setitem__("format", 2))
mutate("number-order.json", lambda d: d["criteria"][1].__setitem__("number", 3))
mutate("share-fraction.json", lambda d: d["criteria"][0]["indicators"][2].__setitem__("share", 20.5))
mutate("conditions-unknown-key.json", lambda d: d["conditions"][3].__setitem__("mandatory", True),
       conditions)
mutate("conditions-required-type.json", lambda d: d["conditions"][4].__setitem__("required", "no"),
       conditions)

text = json.dumps(mini, ensure_ascii=False, indent=1)
write("duplicate-key.json", text.replace('"weight": 40,', '"weight": 40,\n   "weight": 45,', 1))
write("not-json.json", text[: len(text) // 2])
write("not-an-object.json", "[1, 2, 3]\n")

# The narrative earns nothing: a text indicator with a share is refused.
def text_share(d):
    d["criteria"][0]["indicators"][0]["share"] = 50
    d["criteria"][0]["indicators"][2]["share"] = 20
mutate("text-share.json", text_share)

# Errata must name an entry, be applied to it, and leave no trace of the slip.
def erratum(at, seed, corrected):
    return {"at": at, "seed": seed, "corrected": corrected,
            "reason": {"zh": "测试。", "en": "Test."}}
mutate("errata-unknown-at.json",
       lambda d: d.__setitem__("errata", [erratum("m09.z", "达至", "达到")]))
mutate("errata-not-applied.json",
       lambda d: d.__setitem__("errata", [erratum("m01.a", "占比达至", "占比达成")]))
mutate("errata-not-corrected.json",
       lambda d: d.__setitem__("errata", [erratum("m01.a", "50%以上", "设备占比")]))
mutate("errata-unknown-key.json",
       lambda d: d["errata"][0].__setitem__("page", 7))
mutate("conditions-encouraged-not-in-text.json",
       lambda d: d["conditions"][4]["encouraged"]["text"].__setitem__("zh", "鼓励使用国产软件。"),
       conditions)
mutate("conditions-errata-not-applied.json",
       lambda d: d.__setitem__("errata", [erratum("cond-1", "机构 and 制度", "机构与制度")]),
       conditions)
