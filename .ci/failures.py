#!/usr/bin/env python3
"""Lists the failed tests of every TRX file given, with the first lines of each message, so
that the end of a CI log names what failed (the closing line only counts it)."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def failures(path):
    root = ET.parse(path).getroot()
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") in ("Passed", "NotExecuted"):
            continue
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS)
        stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NS)
        yield result.get("testName"), result.get("outcome"), message, stack


def main(paths):
    for path in paths:
        try:
            rows = list(failures(path))
        except (ET.ParseError, OSError) as error:
            print(f"CI: {path} could not be read: {error}")
            continue
        for name, outcome, message, stack in rows:
            print(f"CI: {outcome}: {name}")
            for line in message.strip().splitlines()[:12]:
                print(f"    {line}")
            for line in [l for l in stack.strip().splitlines() if "StockpileOptimizer" in l][:4]:
                print(f"    {line.strip()}")


if __name__ == "__main__":
    main(sys.argv[1:])
