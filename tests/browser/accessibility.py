"""axe-core (shipped inside the axe-playwright-python wheel, never fetched) on each page visited."""

from pathlib import Path

import axe_playwright_python

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """Serious or critical WCAG 2.2 A/AA failures on the page as it stands, in plain lines."""
    # evaluate() runs outside the page's Content-Security-Policy, which forbids inline scripts.
    page.evaluate(AXE_SOURCE)
    # At the top of the page: the sticky Exit this page bar covers whatever passes under it
    # while scrolling, and axe would count that passing moment as a target too small to tap.
    page.evaluate("window.scrollTo(0, 0)")
    result = page.evaluate("options => axe.run(document, options)",
                           {"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [f"{v['id']} ({v['impact']}): {v['help']} — {node['target']} "
            f"{node.get('failureSummary', '')[:300]}"
            for v in result["violations"] if v["impact"] in SERIOUS for node in v["nodes"]]
