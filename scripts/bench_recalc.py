"""LibreOffice Calc's recalculation time of a workbook, for `npm run bench` (scripts/bench.ts).

    /usr/bin/python3 bench_recalc.py <file.xlsx>     (PYTHONPATH=/usr/lib/libreoffice/program)

Prints one line of JSON: {"loadMs": ..., "recalcMs": ..., "formulaErrors": ...}. The file is loaded
hidden, then `calculateAll()` is timed: every formula computed from scratch, as a hard recalculation
(Ctrl+Shift+F9) does. Files written by ExcelJS carry no cached results, so loading computes nothing.
formulaErrors counts the formula cells that end in an error (#REF!, #NAME?...), as a sanity check.
Runs its own soffice with a fresh profile and a private pipe, and stops it at the end.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start():
    profile = tempfile.mkdtemp(prefix="lo-bench-")
    pipe = "pipc_bench_%d" % os.getpid()
    proc = subprocess.Popen(
        [os.environ.get("SOFFICE", "soffice"), "--headless", "--norestore", "--nolockcheck", "--invisible",
         "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("soffice did not start")
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, profile, desktop


def stop(proc, profile, desktop):
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)


def formula_errors(doc):
    from com.sun.star.sheet.FormulaResult import ERROR
    errors = 0
    for i in range(doc.Sheets.Count):
        for r in doc.Sheets.getByIndex(i).queryFormulaCells(ERROR).getRangeAddresses():
            errors += (r.EndRow - r.StartRow + 1) * (r.EndColumn - r.StartColumn + 1)
    return errors


def main():
    path = os.path.abspath(sys.argv[1])
    proc, profile, desktop = start()
    try:
        t0 = time.perf_counter()
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        t1 = time.perf_counter()
        doc.calculateAll()
        t2 = time.perf_counter()
        errors = formula_errors(doc)
        doc.close(True)
        print(json.dumps({"loadMs": round((t1 - t0) * 1000), "recalcMs": round((t2 - t1) * 1000), "formulaErrors": errors}))
    finally:
        stop(proc, profile, desktop)


if __name__ == "__main__":
    main()
