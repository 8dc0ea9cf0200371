"""The address box of the wrong-account page: the form, its script and its rules.

The rules of common IDs and the request mail exist twice: in utaccount (Python) and
in docs/_static/address-box.js. tests/vectors.json holds what utaccount makes of
many inputs (``python tests/vectors.py`` writes it); here utaccount is checked
against the file, and the page's script is run over every vector in Chromium.
The form itself is used like a reader does, in every language, with the keyboard,
at phone width and in dark mode, and checked with axe-core.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

import utaccount
import vectors
from conftest import PHONE, address_breaks, axe_violations
from zoomguide import addressbox
from zoomguide.i18n import translate
from zoomguide.latex import pdf_name
from zoomguide.project import DOCS, LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS

PAGE = "wrong-account"
SCRIPT = DOCS / "_static" / "address-box.js"
INCLUDE = DOCS / "_includes" / "address-box.md"

FULL_WIDTH_ID = "０１２３ ４５６７－８９"
AFFILIATION = "情報基盤センター"
NAME = "本郷 花子"


# -- The vectors and utaccount ----------------------------------------------------------


def load_vectors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(vectors.PATH.read_text("utf-8"))
    return data


def test_vectors_file_is_what_utaccount_makes() -> None:
    """utaccount agrees with every vector (else run `python tests/vectors.py`)."""
    stored = load_vectors()
    current = vectors.vectors()
    for kind in ("common_ids", "requests"):
        differ = [(old, new) for old, new in zip(stored[kind], current[kind]) if old != new]
        assert not differ, f"{kind}: file vs utaccount: {differ[:3]}"
        assert len(stored[kind]) == len(current[kind])
    assert stored == current


def test_vectors_cover_every_refusal_and_success() -> None:
    data = load_vectors()
    reasons = {(v["error"]["field"], v["error"]["reason"])
               for kind in ("common_ids", "requests") for v in data[kind] if "error" in v}
    assert reasons == {
        ("common_id", "not-a-digit"), ("common_id", "length"), ("common_id", "empty"),
        ("affiliation", "empty"), ("affiliation", "not-one-line"),
        ("name", "empty"), ("name", "not-one-line"),
    }
    assert sum("address" in v for v in data["common_ids"]) >= 10
    assert sum("mailto" in v for v in data["requests"]) >= 10


# Expectations written by hand, not by utaccount: they anchor the vectors.
BY_HAND_IDS = {
    "０１２３４５６７８９": "0123456789",
    "０１２３-４５６７ ８９": "0123456789",
    "012－345－6789": "0123456789",
    "  - 0123456789 -  ": "0123456789",
    "\u3000" + "0123456789" + "\u3000": "0123456789",
}
BY_HAND_REFUSALS = {
    "12345": {"field": "common_id", "reason": "length", "count": 5},
    "01234S6789": {"field": "common_id", "reason": "not-a-digit", "char": "S", "position": 6},
    "  01234S6789": {"field": "common_id", "reason": "not-a-digit", "char": "S", "position": 8},
    "0123😀456789": {"field": "common_id", "reason": "not-a-digit", "char": "😀", "position": 5},
    "\ufeff0123456789": {"field": "common_id", "reason": "not-a-digit", "char": "\ufeff", "position": 1},
    "- -": {"field": "common_id", "reason": "empty"},
}


def test_vectors_hold_what_the_rules_say() -> None:
    by_input = {v["input"]: v for v in load_vectors()["common_ids"]}
    for text, digits in BY_HAND_IDS.items():
        assert by_input[text]["normalized"] == digits
        assert by_input[text]["address"] == digits + "@g.ecc.u-tokyo.ac.jp"
        assert by_input[text]["mask"] == "012....789"
    for text, refusal in BY_HAND_REFUSALS.items():
        assert by_input[text].get("error") == refusal, text


def test_every_mailto_vector_parses_back_to_subject_and_body() -> None:
    for v in load_vectors()["requests"]:
        if "mailto" not in v:
            continue
        url = v["mailto"]
        assert re.fullmatch(r"[A-Za-z0-9_.~:@?=&%-]+", url), f"unencoded character in {url!r}"
        parts = urlsplit(url)
        assert (parts.scheme, parts.path, parts.fragment) == ("mailto", utaccount.RESEND_REQUEST_TO, "")
        fields = parse_qs(parts.query, keep_blank_values=True)
        assert fields == {"subject": [utaccount.RESEND_REQUEST_SUBJECT],
                          "body": [v["text"].replace("\n", "\r\n")]}
        assert "%0D%0A" in url


def test_characters_with_a_meaning_in_urls_are_encoded() -> None:
    found = {(v["affiliation"], v["name"]): v for v in load_vectors()["requests"]}
    url = found[("A&B=C?D#E%F", "G+H/I;J:K@L")]["mailto"]
    assert "A%26B%3DC%3FD%23E%25F%E3%81%AEG%2BH%2FI%3BJ%3AK%40L" in url
    url = found[("!*'()~_.-", "[]{}<>|\\^`\"")]["mailto"]
    assert "%21%2A%27%28%29~_.-%E3%81%AE%5B%5D%7B%7D%3C%3E%7C%5C%5E%60%22" in url


# -- The page as built (no browser) -----------------------------------------------------


def box_config(html_dir: Path, lang: str) -> dict[str, Any]:
    doc = BeautifulSoup((html_dir / lang / f"{PAGE}.html").read_text("utf-8"), "html.parser")
    box = doc.select_one("[data-address-box]")
    assert isinstance(box, Tag), f"{lang}: no address box on {PAGE}"
    assert box.has_attr("hidden"), "the box must be hidden until the script runs"
    script = box.select_one("script[data-address-box-config]")
    assert isinstance(script, Tag)
    config: dict[str, Any] = json.loads(script.get_text())
    return config


def source_words() -> dict[str, str]:
    """The words of the form as docs/_includes/address-box.md has them."""
    text = INCLUDE.read_text("utf-8")
    return dict(re.findall(r"^([a-z-]+)\n: (.+)$", text, flags=re.MULTILINE))


def test_the_words_come_from_the_page_and_its_catalogs(html_dir: Path) -> None:
    source = source_words()
    assert source.keys() == addressbox.MESSAGES.keys()
    assert box_config(html_dir, SOURCE_LANGUAGE)["messages"] == source
    for lang in TRANSLATIONS:
        words = box_config(html_dir, lang)["messages"]
        for key, text in source.items():
            assert words[key] == translate(text, lang, PAGE), f"{lang}: {key}"
            assert words[key] != text, f"{lang}: {key} is not translated"


def test_the_rules_in_the_page_are_utaccounts(html_dir: Path) -> None:
    for lang in LANGUAGES:
        assert box_config(html_dir, lang)["rules"] == addressbox.rules()
        assert box_config(html_dir, lang)["rules"]["to"] == utaccount.RESEND_REQUEST_TO


def test_the_script_is_loaded_on_the_box_page_only(html_dir: Path) -> None:
    for lang in LANGUAGES:
        for page in sorted((html_dir / lang).glob("*.html")):
            doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            scripts = [s["src"] for s in doc.select("script[src]") if "address-box" in str(s["src"])]
            has_box = doc.select_one("[data-address-box]") is not None
            assert len(scripts) == (1 if has_box else 0), f"{lang}/{page.name}: {scripts}"
            assert has_box == (page.stem == PAGE), f"{lang}/{page.name}"


def test_the_script_has_no_words_and_sends_nothing() -> None:
    code = SCRIPT.read_text("utf-8")
    assert code.isascii(), "the script must not hold Japanese words (nor any non-ASCII)"
    literals = " ".join(re.findall(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', code))
    assert "mailto:" in literals  # (the pattern finds the strings)
    for lang in TRANSLATIONS:
        for text in source_words().values():
            assert translate(text, lang, PAGE) not in literals
    for api in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource",
                "localStorage", "sessionStorage", "indexedDB", "document.cookie", "import(",
                "new Image", ".src ="):
        assert api not in code, f"the script uses {api}"


def test_the_pdf_has_no_form(pdf_dir: Path) -> None:
    """A form is of no use on paper: the PDF leaves the box out, not the page around it."""
    words = source_words()
    for lang in LANGUAGES:
        pdf = pdf_dir / pdf_name(lang)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = "".join(text.split())
        # (Compared without white space: the PDF breaks lines anywhere.)
        heading = translate("方法2：自分で元に戻す", lang, PAGE)
        assert "".join(heading.split()) in flat, f"{pdf.name}: no {heading!r}"
        for key in ("title", "id-hint", "address-use"):
            shown = "".join(translate(words[key], lang, PAGE).split())
            assert shown not in flat, f"{pdf.name}: {key}"


# -- In the browser ------------------------------------------------------------------


class BoxPage:
    """The wrong-account page in one language, in a fresh browser context."""

    def __init__(self, browser: Browser, base: str, lang: str, **context: Any) -> None:
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.url = f"{base}{lang}/{PAGE}.html"
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        # From here on, the page must not ask the network for anything.
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.box = self.page.locator("[data-address-box]")

    @property
    def messages(self) -> dict[str, str]:
        text = self.box.locator("script[data-address-box-config]").text_content()
        assert text is not None
        words: dict[str, str] = json.loads(text)["messages"]
        return words

    def field(self, name: str) -> Any:
        return self.box.locator(f'input[name="{name}"]')

    def error(self, name: str) -> Any:
        return self.box.locator(f'[data-error-for="{name}"]')

    def fill(self, common_id: str, affiliation: str = "", name: str = "") -> None:
        self.field("common_id").fill(common_id)
        self.field("affiliation").fill(affiliation)
        self.field("name").fill(name)
        self.field("common_id").press("Enter")

    def active(self) -> str:
        result: str = self.page.evaluate(
            "() => document.activeElement.name || document.activeElement.className")
        return result

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.requests, f"requests after loading: {self.requests}"


@pytest.fixture
def box_page(browser: Browser, served_site: str, lang: str) -> Iterator[BoxPage]:
    page = BoxPage(browser, served_site, lang)
    yield page
    page.close()


def test_without_javascript_the_box_stays_hidden(browser: Browser, served_site: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served_site}{lang}/{PAGE}.html")
        assert page.locator("[data-address-box]").count() == 1
        assert page.locator("[data-address-box]").is_hidden()
        # The page still says everything: the mail template and the address to type.
        assert page.locator("#recovery-method-1 pre").first.is_visible()
        assert "@g.ecc.u-tokyo.ac.jp" in page.locator("#recovery-method-2").inner_text()
    finally:
        context.close()


def test_a_full_width_id_gives_the_address(box_page: BoxPage) -> None:
    assert box_page.box.is_visible()
    box_page.fill(FULL_WIDTH_ID)
    address = box_page.box.locator('[data-out="address"]')
    assert address.inner_text() == utaccount.eccs_address(FULL_WIDTH_ID) == "0123456789@g.ecc.u-tokyo.ac.jp"
    # The address is announced: it is inside the live region.
    assert box_page.box.locator('[aria-live="polite"] [data-out="address"]').count() == 1
    assert box_page.field("common_id").get_attribute("aria-invalid") is None
    # No affiliation and name: no mail, and a note says what would make one.
    assert box_page.box.locator('[data-part="mail"]').is_hidden()
    assert box_page.box.locator('[data-part="mail-needs"]').inner_text() == box_page.messages["mail-needs"]


@pytest.mark.parametrize("text, key, values", [
    ("12345", "error-id-length", {"count": "5"}),
    ("01234S6789", "error-id-not-a-digit", {"char": "S", "position": "6"}),
    ("012345678\t9", "error-id-not-a-digit", {"char": "U+0009", "position": "10"}),
    ("", "error-id-empty", {}),
])
def test_a_bad_id_gets_a_message_next_to_the_field(
    box_page: BoxPage, text: str, key: str, values: dict[str, str]
) -> None:
    box_page.fill(text)
    expected = box_page.messages[key]
    for name, value in values.items():
        assert "{" + name + "}" in expected
        expected = expected.replace("{" + name + "}", value)
    error = box_page.error("common_id")
    assert error.is_visible()
    assert error.inner_text() == expected
    field = box_page.field("common_id")
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert error.get_attribute("id") in described
    assert box_page.active() == "common_id", "the focus goes to the field to correct"
    assert box_page.box.locator('[data-part="address"]').is_hidden()
    # Typing again takes the message away; the next try shows the address.
    field.fill("0123456789")
    assert error.is_hidden() and field.get_attribute("aria-invalid") is None
    field.press("Enter")
    assert box_page.box.locator('[data-out="address"]').inner_text() == "0123456789@g.ecc.u-tokyo.ac.jp"


def test_the_message_is_in_the_page_language(box_page: BoxPage, lang: str, html_dir: Path) -> None:
    box_page.fill("12345")
    shown = box_page.error("common_id").inner_text()
    source = source_words()["error-id-length"]
    expected = translate(source, lang, PAGE).replace("{count}", "5")
    assert shown == expected
    if lang != SOURCE_LANGUAGE:
        assert shown != source.replace("{count}", "5")


def test_the_mail_and_its_link_are_the_helpers(box_page: BoxPage) -> None:
    box_page.fill(FULL_WIDTH_ID, "  " + AFFILIATION, NAME)
    mail = box_page.box.locator('[data-part="mail"]')
    assert mail.is_visible()
    link = mail.locator("a[data-out=mailto]")
    assert link.get_attribute("href") == utaccount.resend_request_mailto(AFFILIATION, NAME, FULL_WIDTH_ID)
    body = mail.locator('[data-out="body"]').text_content()
    assert body == utaccount.resend_request(AFFILIATION, NAME, FULL_WIDTH_ID)
    assert mail.locator('[data-out="to"]').inner_text() == utaccount.RESEND_REQUEST_TO
    assert mail.locator('[data-out="subject"]').inner_text() == utaccount.RESEND_REQUEST_SUBJECT
    assert box_page.box.locator('[data-part="mail-needs"]').is_hidden()


def test_a_missing_name_is_told_at_the_name(box_page: BoxPage) -> None:
    box_page.fill("0123456789", AFFILIATION, "  ")
    assert box_page.error("name").inner_text() == box_page.messages["error-name-empty"]
    assert box_page.error("affiliation").is_hidden()
    assert box_page.active() == "name"
    # The address is made anyway; the mail is not.
    assert box_page.box.locator('[data-part="address"]').is_visible()
    assert box_page.box.locator('[data-part="mail"]').is_hidden()


def test_the_form_works_with_the_keyboard_alone(box_page: BoxPage) -> None:
    page = box_page.page
    box_page.field("common_id").focus()
    page.keyboard.type(FULL_WIDTH_ID)
    page.keyboard.press("Tab")
    assert box_page.active() == "affiliation"
    page.keyboard.type(AFFILIATION)
    page.keyboard.press("Tab")
    assert box_page.active() == "name"
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    assert box_page.active() == "address-box-button"
    page.keyboard.press("Enter")
    # Next in the tab order: copy the address, open the mail, copy the text.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.copy || ''").endswith("-address")
    page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href == utaccount.resend_request_mailto(AFFILIATION, NAME, FULL_WIDTH_ID)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.copy || ''").endswith("-body")


def test_copy_buttons_copy_the_address_and_the_mail(browser: Browser, served_site: str, lang: str) -> None:
    box_page = BoxPage(browser, served_site, lang, permissions=["clipboard-read", "clipboard-write"])
    try:
        box_page.fill(FULL_WIDTH_ID, AFFILIATION, NAME)
        status = box_page.box.locator('[data-out="status"]')
        assert status.get_attribute("role") == "status"
        box_page.box.locator('[data-copy$="-address"]').click()
        status.filter(has_text=box_page.messages["copied"]).wait_for()
        assert box_page.page.evaluate("() => navigator.clipboard.readText()") == "0123456789@g.ecc.u-tokyo.ac.jp"
        box_page.box.locator('[data-copy$="-body"]').click()
        box_page.page.wait_for_function(
            "(text) => navigator.clipboard.readText().then(t => t === text)",
            arg=utaccount.resend_request(AFFILIATION, NAME, FULL_WIDTH_ID),
        )
        assert status.inner_text() == box_page.messages["copied"]
    finally:
        box_page.close()


# Runs before the page's scripts: the asynchronous clipboard refuses, and the old way
# (a selected text and the "copy" command) is recorded; window.copyWorks decides it.
_NO_CLIPBOARD = """
window.copied = [];
window.copyWorks = true;
navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
document.execCommand = (command) => {
  const el = document.activeElement;
  if (command === 'copy') window.copied.push(el.value.slice(el.selectionStart, el.selectionEnd));
  return window.copyWorks;
};
"""


def test_copy_falls_back_and_says_when_it_fails(browser: Browser, served_site: str, lang: str) -> None:
    box_page = BoxPage(browser, served_site, lang)
    try:
        box_page.page.add_init_script(_NO_CLIPBOARD)
        box_page.page.reload(wait_until="load")
        box_page.page.wait_for_load_state("networkidle")
        box_page.requests.clear()
        box_page.fill(FULL_WIDTH_ID)
        status = box_page.box.locator('[data-out="status"]')
        box_page.box.locator('[data-copy$="-address"]').click()
        status.filter(has_text=box_page.messages["copied"]).wait_for()
        assert box_page.page.evaluate("() => window.copied") == ["0123456789@g.ecc.u-tokyo.ac.jp"]
        assert box_page.page.evaluate("() => document.activeElement.dataset.copy || ''").endswith("-address")
        box_page.page.evaluate("() => { window.copyWorks = false; }")
        box_page.box.locator('[data-copy$="-address"]').click()
        status.filter(has_text=box_page.messages["copy-failed"]).wait_for()
    finally:
        box_page.close()


# Every vector through the page's script, in the page: the result as JSON text, so
# that lone surrogates come back intact.
_RUN_VECTORS = """
(text) => {
  const vectors = JSON.parse(text);
  const config = JSON.parse(document.querySelector('[data-address-box-config]').textContent);
  const rules = window.addressBox.makeRules(config.rules);
  const run = (fn) => {
    try { return {value: fn()}; }
    catch (e) { if (e instanceof window.addressBox.InputError) return {error: e.details}; throw e; }
  };
  const ids = vectors.common_ids.map((v) => {
    const n = run(() => rules.normalizeCommonId(v.input));
    if (n.error) return {input: v.input, error: n.error};
    return {input: v.input, normalized: n.value, address: rules.eccsAddress(v.input),
            mask: rules.maskCommonId(v.input)};
  });
  const requests = vectors.requests.map((v) => {
    const given = {affiliation: v.affiliation, name: v.name, common_id: v.common_id};
    const t = run(() => rules.resendRequest(v.affiliation, v.name, v.common_id));
    if (t.error) return {...given, error: t.error};
    return {...given, text: t.value,
            mailto: rules.resendRequestMailto(v.affiliation, v.name, v.common_id)};
  });
  return JSON.stringify({common_ids: ids, requests: requests});
}
"""


def test_the_script_agrees_with_utaccount_on_every_vector(box_page: BoxPage) -> None:
    expected = load_vectors()
    got = json.loads(box_page.page.evaluate(_RUN_VECTORS, vectors.PATH.read_text("utf-8")))
    for kind in ("common_ids", "requests"):
        assert len(got[kind]) == len(expected[kind])
        differ = [f"python {want!r}\n    js {have!r}"
                  for want, have in zip(expected[kind], got[kind]) if want != have]
        assert not differ, f"{kind}: {len(differ)} disagree:\n" + "\n".join(differ[:5])


@pytest.mark.parametrize("width", [PHONE, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filled_box_is_accessible_and_fits(
    browser: Browser, served_site: str, lang: str, width: int, scheme: str
) -> None:
    box_page = BoxPage(browser, served_site, lang, viewport={"width": width, "height": 900},
                       color_scheme=scheme)
    try:
        page = box_page.page
        backgrounds = set()
        # Every part shown at once: an error at the name, the address; then the mail.
        for name in ("", NAME):
            box_page.fill("０１２３４５６７８９", "Faculty of Engineering, Department of Applied Chemistry", name)
            problems = axe_violations(page, "[data-address-box]")
            assert not problems, f"{scheme} {width}px, name {name!r}:\n" + "\n".join(problems)
            widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"scrolls sideways at {width}px: {widths}"
            overflow = page.evaluate("""() => [...document.querySelectorAll('[data-address-box] *')]
                .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map((el) => el.tagName + '.' + el.className)""")
            assert not overflow, overflow
            breaks = address_breaks(page, '[data-address-box] [data-out="address"], [data-address-box] [data-out="to"]')
            assert not breaks, f"an address broken elsewhere than before its @ at {width}px: {breaks}"
            backgrounds.add(box_page.box.evaluate("(el) => getComputedStyle(el).backgroundColor"))
        assert box_page.box.locator('[data-part="mail"]').is_visible()
        body_bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        box_bg = backgrounds.pop()
        dark = page.evaluate(
            "(c) => { const [r, g, b] = c.match(/\\d+/g).map(Number); return r + g + b < 3 * 128; }", box_bg)
        assert dark == (scheme == "dark"), f"{scheme}: box background {box_bg} (page {body_bg})"
    finally:
        box_page.close()
