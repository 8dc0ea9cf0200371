"""The address box of the wrong-account page, used as a reader uses it, in every
language: the address and utaccount's request mail from a full-width ID, with the
keyboard alone; messages next to the fields, in the page's language; the copy
buttons; no box without JavaScript, and none in the PDF; a filled box that fits and
passes axe-core on a phone. The page's script agrees with utaccount on every input
of the shared test vectors (tests/vectors.py). Nothing typed leaves the page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import utaccount
import vectors
from conftest import DOCS, PHONE, Tab, axe_violations, bad_breaks, page_soup, pdf_text
from zoomguide.i18n import translate

PAGE = "wrong-account"
FULL_WIDTH_ID = "０１２３ ４５６７－８９"
AFFILIATION = "情報基盤センター"
NAME = "本郷 花子"
ADDRESS = utaccount.eccs_address(FULL_WIDTH_ID)


def words(lang: str) -> dict[str, str]:
    """The form's words in ``lang``: docs/_includes/address-box.md through the page's catalog."""
    source = (DOCS / "_includes" / "address-box.md").read_text("utf-8")
    return {key: translate(text, lang, PAGE)
            for key, text in re.findall(r"^([a-z-]+)\n: (.+)$", source, flags=re.MULTILINE)}


class Box:
    """The wrong-account page opened afresh in ``tab`` (reused from test to test);
    ``close`` fails the test on the page's errors and on any request after it loaded."""

    def __init__(self, tab: Tab, base: str, lang: str) -> None:
        self.tab, self.page = tab, tab.page
        self.requests: list[str] = []
        assert tab.open(f"{base}{lang}/{PAGE}.html", width=1280, height=900) == []
        # (The browser fetches the page's icon when it likes: that is no request of the page.)
        self.page.on("request", self._request)
        self.box = self.page.locator("[data-address-box]")

    def _request(self, request: Any) -> None:
        if not request.url.endswith("/favicon.svg"):
            self.requests.append(request.url)

    def field(self, name: str) -> Any:
        return self.box.locator(f'input[name="{name}"]')

    def fill(self, common_id: str, affiliation: str = "", name: str = "") -> dict[str, Any]:
        """Type into the fields and press Enter in the first; return ``state()``."""
        for field, value in (("common_id", common_id), ("affiliation", affiliation), ("name", name)):
            self.field(field).fill(value)
        self.field("common_id").press("Enter")
        return self.state()

    def state(self) -> dict[str, Any]:
        """What the reader sees (and assistive technology is told) of the box."""
        return dict(self.box.evaluate(_STATE))

    def close(self) -> None:
        self.page.remove_listener("request", self._request)
        assert not self.tab.errors and not self.requests, (self.tab.errors, self.requests)


_STATE = """(box) => {
  const shown = (el) => el.checkVisibility();
  const input = (el) => box.querySelector(`input[name="${el.dataset.errorFor}"]`);
  const name = (el) => el.name || el.dataset.copy || el.getAttribute('href') || el.className;
  return {
    errors: Object.fromEntries([...box.querySelectorAll('[data-error-for]')].filter(shown).map((el) => [
      el.dataset.errorFor, {text: el.textContent, nextTo: !!el.closest('.address-box-field')?.contains(input(el)),
        describes: (input(el).getAttribute('aria-describedby') || '').split(' ').includes(el.id)}])),
    invalid: [...box.querySelectorAll('input[aria-invalid="true"]')].map((el) => el.name),
    active: name(document.activeElement),
    controls: [...box.querySelectorAll('input, button, a')].filter(shown).map(name),
    shown: Object.fromEntries([...box.querySelectorAll('[data-part]')].map((el) => [el.dataset.part, shown(el)])),
    out: Object.fromEntries([...box.querySelectorAll('[data-out]')].map((el) => [el.dataset.out, el.textContent])),
    announced: !!box.querySelector('[aria-live="polite"] [data-out="address"]'),
  };
}"""


@pytest.fixture
def box(tab: Tab, served_site: str, lang: str) -> Iterator[Box]:
    opened = Box(tab, served_site, lang)
    yield opened
    opened.close()


@pytest.mark.browser
def test_without_javascript_the_box_stays_hidden(browser: Any, served_site: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}{lang}/{PAGE}.html")
    box = page.locator("[data-address-box]")
    assert box.count() == 1 and box.is_hidden()
    # The page still says everything: the mail template and the address to type.
    assert page.locator("#recovery-method-1 pre").first.is_visible()
    assert f"@{utaccount.ECCS_DOMAIN}" in page.locator("#recovery-method-2").inner_text()
    context.close()


@pytest.mark.browser
def test_a_full_width_id_gives_the_address_and_the_mail_with_the_keyboard_alone(box: Box, lang: str) -> None:
    keyboard = box.page.keyboard
    box.field("common_id").focus()
    keyboard.type(FULL_WIDTH_ID)
    keyboard.press("Enter")
    seen = box.state()
    assert seen["announced"] and not seen["invalid"], seen
    assert (seen["out"]["sign-in"], seen["out"]["address"]) == (utaccount.sign_in_name(FULL_WIDTH_ID), ADDRESS)
    # Without affiliation and name, a note says what would make the mail.
    assert [seen["shown"][part] for part in ("sign-in", "address", "mail-needs", "mail")] == [True] * 3 + [False]
    assert box.box.locator('[data-part="mail-needs"]').inner_text() == words(lang)["mail-needs"]
    for text, after in (("", "affiliation"), ("  " + AFFILIATION, "name"), (NAME, "address-box-button")):
        keyboard.type(text)
        keyboard.press("Tab")
        assert box.state()["active"] == after
    keyboard.press("Enter")
    seen = box.state()
    assert seen["shown"]["mail"] and not seen["shown"]["mail-needs"], seen
    assert {key: seen["out"][key] for key in ("to", "subject", "body")} == {
        "to": utaccount.RESEND_REQUEST_TO, "subject": utaccount.RESEND_REQUEST_SUBJECT,
        "body": utaccount.resend_request(AFFILIATION, NAME, FULL_WIDTH_ID)}
    # The mail of 2020 is a record: nothing offers to send it.
    assert box.box.locator('a[href^="mailto:"]').count() == 0
    # The tab order goes on through every control shown (the copy buttons).
    after_submit = seen["controls"][seen["controls"].index("address-box-button") + 1:]
    assert [c for c in after_submit if c.endswith("-body")], seen["controls"]
    for control in after_submit:
        keyboard.press("Tab")
        assert box.state()["active"] == control


#: (common ID, affiliation, name), the field told, its message and what fills it in.
BAD_INPUT = [
    ("12345", "", "", "common_id", "error-id-length", {"count": "5"}),
    ("012345678\t9", "", "", "common_id", "error-id-not-a-digit", {"char": "U+0009", "position": "10"}),
    ("", "", "", "common_id", "error-id-empty", {}),
    ("0123456789", AFFILIATION, "  ", "name", "error-name-empty", {}),
    ("0123456789", "  ", NAME, "affiliation", "error-affiliation-empty", {}),
    ("0123456789", AFFILIATION, "本郷\t花子", "name", "error-not-one-line", {"char": "U+0009"}),
    ("0123456789", AFFILIATION, "a" * 33, "name", "error-too-long", {"count": "33", "max": "32"}),
]


@pytest.mark.browser
def test_bad_input_gets_a_message_next_to_its_field_in_the_page_language(box: Box, lang: str) -> None:
    said = words(lang)
    for common_id, affiliation, name, field, key, values in BAD_INPUT:
        seen = box.fill(common_id, affiliation, name)
        # Next to the field, read out with it, and the focus goes there. (That each
        # translation keeps the {placeholders} is checked in test_catalogs.py.)
        message = said[key].format(**values)
        assert seen["errors"] == {field: {"text": message, "nextTo": True, "describes": True}}, seen
        assert seen["invalid"] == [field] and seen["active"] == field, seen
        assert seen["shown"]["address"] == (field != "common_id") and not seen["shown"]["mail"], seen
    # Typing again takes the message away; the next try gives the mail.
    box.field("name").fill(NAME)
    assert box.state()["errors"] == {} and box.state()["invalid"] == []
    box.field("name").press("Enter")
    assert box.state()["shown"]["mail"]


@pytest.mark.browser
def test_copy_buttons_copy_or_say_they_could_not(box: Box, lang: str) -> None:
    said, page, status = words(lang), box.page, box.box.locator('[data-out="status"]')
    assert status.get_attribute("role") == "status"
    box.fill(FULL_WIDTH_ID, AFFILIATION, NAME)
    box.box.locator('[data-copy$="-address"]').click()
    status.filter(has_text=said["copied"]).wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == ADDRESS
    box.box.locator('[data-copy$="-body"]').click()
    page.wait_for_function("(text) => navigator.clipboard.readText().then(t => t === text)",
                           arg=utaccount.resend_request(AFFILIATION, NAME, FULL_WIDTH_ID))
    assert status.inner_text() == said["copied"]
    # Without the asynchronous clipboard: the old way (a selection and the "copy" command),
    # and a message when that fails too.
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    box.box.locator('[data-copy$="-address"]').click()
    status.filter(has_text=said["copied"]).wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == ADDRESS
    assert box.state()["active"].endswith("-address"), "the focus goes back to the button"
    page.evaluate("() => { document.execCommand = () => false; }")
    box.box.locator('[data-copy$="-address"]').click()
    status.filter(has_text=said["copy-failed"]).wait_for()


#: Each kind of vector: the inputs it gives, and the function of the script that makes
#: each of its results (the first that refuses the input gives the vector's "error").
SCRIPT = {
    "common_ids": (["input"], {"normalized": "normalizeCommonId", "address": "eccsAddress", "mask": "maskCommonId",
                                "sign_in": "signInName"}),
    "requests": (["affiliation", "name", "common_id"], {"text": "resendRequest"}),
}
# The results come back as JSON text, so that lone surrogates stay intact.
_RUN_VECTORS = """([text, script]) => {
  const vectors = JSON.parse(text), box = window.addressBox;
  const rules = box.makeRules(JSON.parse(document.querySelector('[data-address-box-config]').textContent).rules);
  const out = {};
  for (const [kind, [inputs, results]] of Object.entries(script))
    out[kind] = vectors[kind].map((v) => {
      const args = inputs.map((key) => v[key]), got = Object.fromEntries(inputs.map((key) => [key, v[key]]));
      for (const [key, fn] of Object.entries(results)) {
        try { got[key] = rules[fn](...args); }
        catch (e) { if (e instanceof box.InputError) return {...got, error: e.details}; throw e; }
      }
      return got;
    });
  return JSON.stringify(out);
}"""


@pytest.mark.browser
def test_the_script_agrees_with_utaccount_on_every_vector(box: Box) -> None:
    expected = vectors.vectors()  # (what utaccount makes of the inputs now)
    assert set(SCRIPT) == set(expected), "a kind of vector this test does not run"
    got = json.loads(box.page.evaluate(_RUN_VECTORS, [json.dumps(expected), SCRIPT]))
    differ = [f"python {want!r}\n    js {have!r}" for kind in SCRIPT
              for want, have in zip(expected[kind], got[kind], strict=True) if want != have]
    assert not differ, f"{len(differ)} disagree:\n" + "\n".join(differ[:5])


@pytest.mark.browser
def test_the_filled_box_fits_and_is_accessible_on_a_phone(box: Box) -> None:
    box.page.set_viewport_size({"width": PHONE, "height": 900})
    # Every part shown: an error at the name and the address; then the mail.
    for name in ("", NAME):
        box.fill(FULL_WIDTH_ID, "Faculty of Engineering, Department of Applied Chemistry", name)
        # Nothing sticks out of the box, and the box fits in the window.
        assert box.box.evaluate("(el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right"
                                " <= document.documentElement.clientWidth"), "wider than the phone"
        # (The sign-in name and the addresses.)
        kind = "address broken elsewhere than before its @"
        assert not (breaks := bad_breaks(box.page, "[data-address-box] code", kind)), f"{kind}: {breaks}"
        for scheme in ("light", "dark"):
            box.page.emulate_media(color_scheme=scheme)
            problems = axe_violations(box.page, "[data-address-box]")
            assert not problems, f"{scheme}, name {name!r}:\n" + "\n".join(problems)
            # The box follows the scheme: no light box on a dark page.
            rgb = box.box.evaluate("(el) => getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
            assert (sum(rgb) < 3 * 128) == (scheme == "dark"), f"{scheme}: box background {rgb}"
    assert box.state()["shown"]["mail"]


@pytest.mark.pdf
def test_the_pdf_has_no_form(pdf_file: Path, html_dir: Path, lang: str) -> None:
    """A form is of no use on paper: the PDF leaves the box out, not the section around it."""
    flat = pdf_text(pdf_file, flat=True)
    section = page_soup(html_dir, lang, PAGE).select_one("section:has(> [data-address-box])")
    assert section is not None and section.h2 is not None, "no section holds the box"
    heading = "".join(section.h2.get_text().rstrip("¶").split())
    assert heading in flat, f"no {heading!r}"
    for key in ("title", "id-hint", "address-use"):
        assert "".join(words(lang)[key].split()) not in flat, key
