"""LibreOffice through UNO, for what --convert-to cannot do (used by test/helpers/libreoffice.ts).

    python3 lo_uno.py invalid <file.xlsx>
        Prints JSON {sheet: ["A1", ...]}: the cells whose values fail their data validation, as
        LibreOffice's Detective > Mark Invalid Data finds them.

    python3 lo_uno.py recalc-time <file.xlsx>
        Prints JSON {"loadMs", "recalcMs", "formulaErrors"} (for `npm run bench`): the file loaded
        hidden, then calculateAll() timed; formulaErrors counts formula cells ending in an error.

Each run starts its own soffice with a fresh profile and a private pipe, and stops it at the end.
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
    profile = tempfile.mkdtemp(prefix="lo-uno-")
    pipe = "pipc_uno_%d" % os.getpid()
    proc = subprocess.Popen(
        [os.environ.get("SOFFICE", "soffice"), "--headless", "--norestore", "--nolockcheck", "--invisible",
         "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
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


def load(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))


def invalid(desktop, path):
    doc = load(desktop, path)
    doc.calculateAll()
    out = {}
    for i in range(doc.Sheets.Count):
        sheet = doc.Sheets.getByIndex(i)
        sheet.clearArrows()
        sheet.showInvalid()
        cells = []
        page = sheet.DrawPage
        for j in range(page.Count):
            shape = page.getByIndex(j)
            # Detective marks are ellipses anchored to the invalid cell; charts are OLE shapes.
            if shape.ShapeType != "com.sun.star.drawing.EllipseShape":
                continue
            cells.append(shape.Anchor.AbsoluteName.split(".")[-1].replace("$", ""))
        out[sheet.Name] = sorted(set(cells))
    doc.close(True)
    print(json.dumps(out))


def formula_errors(doc):
    from com.sun.star.sheet.FormulaResult import ERROR
    errors = 0
    for i in range(doc.Sheets.Count):
        for r in doc.Sheets.getByIndex(i).queryFormulaCells(ERROR).getRangeAddresses():
            errors += (r.EndRow - r.StartRow + 1) * (r.EndColumn - r.StartColumn + 1)
    return errors


def recalc_time(desktop, path):
    """For `npm run bench`: the load, then calculateAll() timed (a hard recalculation, Ctrl+Shift+F9)."""
    t0 = time.perf_counter()
    doc = load(desktop, path)
    t1 = time.perf_counter()
    doc.calculateAll()
    t2 = time.perf_counter()
    errors = formula_errors(doc)
    doc.close(True)
    print(json.dumps({"loadMs": round((t1 - t0) * 1000), "recalcMs": round((t2 - t1) * 1000), "formulaErrors": errors}))


def main():
    proc, profile, desktop = start()
    try:
        if sys.argv[1] == "invalid":
            invalid(desktop, sys.argv[2])
        elif sys.argv[1] == "recalc-time":
            recalc_time(desktop, sys.argv[2])
        else:
            raise SystemExit("unknown command " + sys.argv[1])
    finally:
        stop(proc, profile, desktop)


if __name__ == "__main__":
    main()
