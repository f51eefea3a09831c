"""axe-core over every page a demo user can reach: no serious or critical WCAG 2.2 AA finding.

The crawler starts at the dashboard after the demo login and follows every link inside the site.
Pages that differ only in their ids share a URL pattern; one page per pattern is checked (set
AXE_EVERY_PAGE=1 to check every page found). Downloads and the log-out link are not followed.
"""

import os
from collections import deque
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.browser

AXE = "/static/vendor/axe-core-4.14.1.min.js"  # served by the app: the pages' CSP allows 'self'
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING = {"serious", "critical"}
NOT_PAGES = (".pdf", ".csv", ".xlsx", ".json", ".zip", ".ics", ".svg", ".png", ".pptx")
NOT_FOLLOWED = ("/accounts/logout", "/static/", "/media/", "/admin/")


def page_key(path):
    """Pages of one screen share a key: the URL pattern that serves them."""
    if os.environ.get("AXE_EVERY_PAGE"):
        return path
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.route


def followable(path):
    return (
        path.startswith("/")
        and not path.startswith(NOT_FOLLOWED)
        and not urlsplit(path).path.endswith(NOT_PAGES)
        and "download" not in path
        and "export" not in path
    )


def serious_findings(page):
    page.add_script_tag(url=AXE)
    result = page.evaluate(
        """tags => axe.run(document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in FAILING
    ]


@pytest.mark.django_db(transaction=True)
def test_every_page_from_the_demo_login_passes_axe(new_page, live_server):
    call_command("loaddemo", stdout=StringIO())
    page = new_page()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("demo")
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/")

    queue, seen_keys, checked, failures = deque(["/"]), set(), [], {}
    while queue:
        path = queue.popleft()
        key = page_key(path)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        response = page.goto(path)
        if (
            response is None
            or response.status != 200
            or "html" not in (response.headers.get("content-type", ""))
        ):
            continue
        checked.append(path)
        findings = serious_findings(page)
        if findings:
            failures[path] = findings
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urldefrag(href).url
            parts = urlsplit(url)
            if parts.netloc != urlsplit(live_server.url).netloc:
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if followable(local) and page_key(local) not in seen_keys:
                queue.append(local)

    assert len(checked) > 40, checked  # the crawl really reached the whole product
    report = "\n".join(f"{path}\n  " + "\n  ".join(found) for path, found in failures.items())
    assert not failures, f"{len(failures)} of {len(checked)} pages have findings:\n{report}"
