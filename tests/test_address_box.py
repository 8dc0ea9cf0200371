"""The address box of the wrong-account page, used as a reader uses it.

In every language: a full-width ID gives the address and, with affiliation and
name, utaccount's request mail and mailto: link; bad input gets a message next to
its field, in the page's language; the form works with the keyboard alone; the copy
buttons copy (or say they could not); without JavaScript the box stays hidden; the
filled box fits and passes axe-core at phone width, light and dark; the PDF has no
form. The page's script agrees with utaccount on every input of the shared test
vectors (tests/vectors.py). Nothing typed leaves the page.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import utaccount
import vectors
from conftest import DOCS, LANGUAGES, PHONE, address_breaks, axe_violations, pdf_name
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
    """The wrong-account page in a fresh context; it fails the test on script errors
    and on any request the page makes after it has loaded."""

    def __init__(self, browser: Any, base: str, lang: str, **options: Any) -> None:
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        self.context.set_default_timeout(5000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        # (The browser fetches the page's icon when it likes: that is no request of the page.)
        self.page.on("request", lambda r: self.errors.append(f"request: {r.url}")
                     if self.loaded and not r.url.endswith("/favicon.svg") else None)
        self.url, self.loaded = f"{base}{lang}/{PAGE}.html", False
        self.load()
        self.box = self.page.locator("[data-address-box]")

    def load(self) -> None:
        self.loaded = False
        self.page.goto(self.url, wait_until="load")
        self.loaded = True

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
        self.context.close()
        assert not self.errors, self.errors


_STATE = """(box) => {
  const shown = (el) => el.checkVisibility();
  const input = (el) => box.querySelector(`input[name="${el.dataset.errorFor}"]`);
  const active = document.activeElement;
  return {
    errors: Object.fromEntries([...box.querySelectorAll('[data-error-for]')].filter(shown).map((el) => [
      el.dataset.errorFor, {text: el.textContent, nextTo: !!el.closest('.address-box-field')?.contains(input(el)),
        describes: (input(el).getAttribute('aria-describedby') || '').split(' ').includes(el.id)}])),
    invalid: [...box.querySelectorAll('input[aria-invalid="true"]')].map((el) => el.name),
    active: active.name || active.dataset.copy || active.getAttribute('href') || active.className,
    shown: Object.fromEntries([...box.querySelectorAll('[data-part]')].map((el) => [el.dataset.part, shown(el)])),
    out: Object.fromEntries([...box.querySelectorAll('[data-out]')].map((el) => [el.dataset.out,
      el.dataset.out === 'mailto' ? el.getAttribute('href') : el.textContent])),
    announced: !!box.querySelector('[aria-live="polite"] [data-out="address"]'),
  };
}"""


@pytest.fixture
def box(browser: Any, served_site: str, lang: str) -> Iterator[Box]:
    page = Box(browser, served_site, lang, permissions=["clipboard-read", "clipboard-write"])
    yield page
    page.close()


@pytest.mark.browser
def test_without_javascript_the_box_stays_hidden(browser: Any, served_site: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}{lang}/{PAGE}.html")
    assert page.locator("[data-address-box]").count() == 1
    assert page.locator("[data-address-box]").is_hidden()
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
    assert seen["out"]["address"] == ADDRESS and seen["announced"] and not seen["invalid"], seen
    # Without affiliation and name, a note says what would make the mail.
    assert seen["shown"] == {"address": True, "mail-needs": True, "mail": False}, seen
    assert box.box.locator('[data-part="mail-needs"]').inner_text() == words(lang)["mail-needs"]
    keyboard.press("Tab")
    for text, after in (("  " + AFFILIATION, "name"), (NAME, "address-box-button")):
        keyboard.type(text)
        keyboard.press("Tab")
        assert box.state()["active"] == after
    keyboard.press("Enter")
    seen = box.state()
    assert seen["shown"] == {"address": True, "mail-needs": False, "mail": True}, seen
    mailto = utaccount.resend_request_mailto(AFFILIATION, NAME, FULL_WIDTH_ID)
    assert {key: seen["out"][key] for key in ("to", "subject", "body", "mailto")} == {
        "to": utaccount.RESEND_REQUEST_TO, "subject": utaccount.RESEND_REQUEST_SUBJECT,
        "body": utaccount.resend_request(AFFILIATION, NAME, FULL_WIDTH_ID), "mailto": mailto}
    # Next in the tab order: copy the address, open the mail, copy the text.
    for expected in ("-address", mailto, "-body"):  # (a copy button: the id of what it copies)
        keyboard.press("Tab")
        assert box.state()["active"].endswith(expected)


#: (common ID, affiliation, name), the field told, its message and what fills it in.
BAD_INPUT = [
    ("12345", "", "", "common_id", "error-id-length", {"count": "5"}),
    ("012345678\t9", "", "", "common_id", "error-id-not-a-digit", {"char": "U+0009", "position": "10"}),
    ("", "", "", "common_id", "error-id-empty", {}),
    ("0123456789", AFFILIATION, "  ", "name", "error-name-empty", {}),
    ("0123456789", "  ", NAME, "affiliation", "error-affiliation-empty", {}),
    ("0123456789", AFFILIATION, "本郷\t花子", "name", "error-not-one-line", {"char": "U+0009"}),
]


@pytest.mark.browser
def test_bad_input_gets_a_message_next_to_its_field_in_the_page_language(box: Box, lang: str) -> None:
    said = words(lang)
    for common_id, affiliation, name, field, key, values in BAD_INPUT:
        message = said[key]
        for placeholder, value in values.items():
            assert "{" + placeholder + "}" in message, (lang, key)
            message = message.replace("{" + placeholder + "}", value)
        seen = box.fill(common_id, affiliation, name)
        # Next to the field, read out with it, and the focus goes there.
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
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    box.load()
    box.fill(FULL_WIDTH_ID)
    box.box.locator('[data-copy$="-address"]').click()
    status.filter(has_text=said["copied"]).wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == ADDRESS
    assert box.state()["active"].endswith("-address"), "the focus goes back to the button"
    page.evaluate("() => { document.execCommand = () => false; }")
    box.box.locator('[data-copy$="-address"]').click()
    status.filter(has_text=said["copy-failed"]).wait_for()


# Every input of the vectors through the page's script: the results as JSON text, so
# that lone surrogates come back intact.
_RUN_VECTORS = """(text) => {
  const vectors = JSON.parse(text);
  const config = JSON.parse(document.querySelector('[data-address-box-config]').textContent);
  const rules = window.addressBox.makeRules(config.rules);
  const run = (fn) => {
    try { return {value: fn()}; }
    catch (e) { if (e instanceof window.addressBox.InputError) return {error: e.details}; throw e; }
  };
  const ids = vectors.common_ids.map((v) => {
    const n = run(() => rules.normalizeCommonId(v.input));
    return n.error ? {input: v.input, error: n.error} : {input: v.input, normalized: n.value,
      address: rules.eccsAddress(v.input), mask: rules.maskCommonId(v.input)};
  });
  const requests = vectors.requests.map((v) => {
    const given = {affiliation: v.affiliation, name: v.name, common_id: v.common_id};
    const t = run(() => rules.resendRequest(v.affiliation, v.name, v.common_id));
    return t.error ? {...given, error: t.error} : {...given, text: t.value,
      mailto: rules.resendRequestMailto(v.affiliation, v.name, v.common_id)};
  });
  return JSON.stringify({common_ids: ids, requests: requests});
}"""


@pytest.mark.browser
def test_the_script_agrees_with_utaccount_on_every_vector(box: Box) -> None:
    # What utaccount makes of the inputs now (tests/vectors.json is a copy of it).
    expected = vectors.vectors()
    got = json.loads(box.page.evaluate(_RUN_VECTORS, vectors.dumps(expected)))
    differ = [f"python {want!r}\n    js {have!r}" for kind in ("common_ids", "requests")
              for want, have in zip(expected[kind], got[kind], strict=True) if want != have]
    assert not differ, f"{len(differ)} disagree:\n" + "\n".join(differ[:5])


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filled_box_fits_and_is_accessible_on_a_phone(browser: Any, served_site: str, lang: str,
                                                         scheme: str) -> None:
    box = Box(browser, served_site, lang, viewport={"width": PHONE, "height": 900}, color_scheme=scheme)
    # Every part shown: an error at the name and the address; then the mail.
    for name in ("", NAME):
        box.fill(FULL_WIDTH_ID, "Faculty of Engineering, Department of Applied Chemistry", name)
        problems = axe_violations(box.page, "[data-address-box]")
        assert not problems, f"name {name!r}:\n" + "\n".join(problems)
        # Nothing sticks out of the box, and the box fits in the window.
        assert box.box.evaluate("(el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right"
                                " <= document.documentElement.clientWidth"), "wider than the phone"
        breaks = address_breaks(box.page, '[data-address-box] [data-out="address"], [data-address-box] [data-out="to"]')
        assert not breaks, f"an address broken elsewhere than before its @: {breaks}"
    assert box.state()["shown"]["mail"]
    # The box follows the scheme: no light box on a dark page.
    dark = box.box.evaluate("(el) => getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3)"
                            ".map(Number).reduce((a, b) => a + b) < 3 * 128")
    assert dark == (scheme == "dark")
    box.close()


@pytest.mark.pdf
def test_the_pdf_has_no_form(pdf_dir: Path) -> None:
    """A form is of no use on paper: the PDF leaves the box out, not the page around it."""
    for lang in LANGUAGES:
        text = subprocess.run(["pdftotext", str(pdf_dir / pdf_name(lang)), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = "".join(text.split())  # (the PDF breaks lines anywhere)
        heading = translate("方法2：自分で元に戻す", lang, PAGE)
        assert "".join(heading.split()) in flat, f"{lang}: no {heading!r}"
        for key in ("title", "id-hint", "address-use"):
            assert "".join(words(lang)[key].split()) not in flat, f"{lang}: {key}"
