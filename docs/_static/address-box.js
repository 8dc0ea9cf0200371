/* The address box (zoomguide.addressbox renders its HTML): the reader types their
 * common ID, affiliation and name, and gets today's UTokyo Account sign-in name, and
 * the ECCS address and the request mail of recovery method 1 of 2020 (a record: there is
 * no link to send it), with copy buttons.
 *
 * The rules are those of the Python package utaccount, written again here; the test
 * vectors of tests/vectors.py (made by utaccount) check that both agree.
 * The words and the facts (ID length, domains, recipient, subject, mail template, the
 * separators of an ID, the characters that show nothing, the fields' limits) come
 * from the JSON block in the box, in the page's language: this file holds none.
 * Nothing leaves the browser and nothing is stored. Without this script (or in a
 * browser too old for it) the box stays hidden and the page explains everything.
 */
(function () {
  "use strict";

  // What Python's str.strip() removes: the characters of str.isspace().
  var SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var LEADING_SPACE = new RegExp("^[" + SPACE + "]*");
  var TRAILING_SPACE = new RegExp("[" + SPACE + "]*$");
  // Not allowed in a one-line field (as utaccount: categories Cc, Cs, Zl, Zp).
  var NOT_ONE_LINE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;
  // Shows nothing by itself (as utaccount): spaces, controls, format characters,
  // surrogates and marks; and the code points of rules.ignorable.
  var NOT_VISIBLE = /^[\p{Z}\p{Cc}\p{Cf}\p{Cs}\p{M}]$/u;
  // Format characters: refused in a field, but for those of rules.formatAllowed.
  var FORMAT = /^\p{Cf}$/u;
  // Shown as U+XXXX in a message rather than as itself.
  var INVISIBLE = /^[\p{C}\p{Z}]$/u;

  function strip(text) {
    return text.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
  }

  /* Bad input: a plain object, as the test vectors write it. */
  function InputError(details) {
    this.details = details;
  }

  /* The rules of utaccount, with its facts from the page (rules = the JSON "rules"). */
  function makeRules(rules) {
    // Dropped anywhere in an ID: spaces, hyphens, dashes, minus signs, "ー" and "ｰ".
    var SEPARATORS = Array.from(rules.separators);

    function asciiDigit(char) {
      var code = char.codePointAt(0);
      if (char.length === 1 && code >= 0x30 && code <= 0x39) return char;
      if (char.length === 1 && code >= 0xff10 && code <= 0xff19) {
        return String.fromCharCode(code - 0xff10 + 0x30);
      }
      return null;
    }

    function normalizeCommonId(text) {
      // Positions count characters (code points) of the text as typed, from 1.
      var lead = text.match(LEADING_SPACE)[0].length;
      var chars = Array.from(strip(text));
      var digits = "";
      for (var i = 0; i < chars.length; i++) {
        if (SEPARATORS.indexOf(chars[i]) >= 0) continue;
        var digit = asciiDigit(chars[i]);
        if (digit === null) {
          throw new InputError({
            field: "common_id", reason: "not-a-digit", char: chars[i], position: lead + i + 1,
          });
        }
        digits += digit;
      }
      if (digits.length !== rules.idLength) {
        throw new InputError(digits
          ? { field: "common_id", reason: "length", count: digits.length }
          : { field: "common_id", reason: "empty" });
      }
      return digits;
    }

    function eccsAddress(commonId) {
      return normalizeCommonId(commonId) + "@" + rules.domain;
    }

    function signInName(commonId) {
      return normalizeCommonId(commonId) + "@" + rules.signInDomain;
    }

    function visible(char) {
      var code = char.codePointAt(0);
      for (var i = 0; i < rules.ignorable.length; i++) {
        if (code >= rules.ignorable[i][0] && code <= rules.ignorable[i][1]) return false;
      }
      return !NOT_VISIBLE.test(char);
    }

    function maskCommonId(commonId) {
      var digits = normalizeCommonId(commonId);
      return digits.slice(0, 3) + "...." + digits.slice(-3);
    }

    // The checks of utaccount, in its order: empty, one line, something visible, no
    // format characters, not too long (in characters: code points, as Python counts).
    function line(value, field) {
      var text = strip(value);
      if (!text) throw new InputError({ field: field, reason: "empty" });
      var bad = NOT_ONE_LINE.exec(text);
      if (bad) throw new InputError({ field: field, reason: "not-one-line", char: bad[0] });
      var chars = Array.from(text);
      if (!chars.some(visible)) throw new InputError({ field: field, reason: "invisible" });
      for (var i = 0; i < chars.length; i++) {
        if (FORMAT.test(chars[i]) && rules.formatAllowed.indexOf(chars[i]) < 0) {
          throw new InputError({ field: field, reason: "format-char", char: chars[i] });
        }
      }
      var max = rules.maxLength[field];
      if (chars.length > max) {
        throw new InputError({ field: field, reason: "too-long", count: chars.length, max: max });
      }
      return text;
    }

    function resendRequest(affiliation, name, commonId) {
      var values = {
        affiliation: line(affiliation, "affiliation"),
        name: line(name, "name"),
        common_id: normalizeCommonId(commonId),
      };
      // The fields in braces, as Python's str.format fills them in (in one pass:
      // what is filled in is never read again).
      return rules.template.replace(/\{(\w+)\}/g, function (_, field) {
        return values[field];
      });
    }

    return {
      strip: strip,
      line: line,
      normalizeCommonId: normalizeCommonId,
      eccsAddress: eccsAddress,
      signInName: signInName,
      maskCommonId: maskCommonId,
      resendRequest: resendRequest,
    };
  }

  /* A message with its {placeholders} filled in, in one pass. */
  function format(message, values) {
    return message.replace(/\{([a-z_]+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function showChar(char) {
    if (!INVISIBLE.test(char)) return char;
    return "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  function errorMessage(messages, error) {
    var d = error.details;
    if (d.reason === "not-one-line") return format(messages["error-not-one-line"], { char: showChar(d.char) });
    if (d.reason === "format-char") return format(messages["error-format-char"], { char: showChar(d.char) });
    if (d.reason === "invisible") return messages["error-invisible"];
    if (d.reason === "too-long") return format(messages["error-too-long"], { count: d.count, max: d.max });
    if (d.field === "common_id") {
      if (d.reason === "not-a-digit") {
        return format(messages["error-id-not-a-digit"], { char: showChar(d.char), position: d.position });
      }
      if (d.reason === "length") return format(messages["error-id-length"], { count: d.count });
      return messages["error-id-empty"];
    }
    return messages["error-" + d.field + "-empty"];
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  // For browsers without the asynchronous clipboard (or without permission to use it).
  function copyBySelection(text) {
    return new Promise(function (resolve, reject) {
      var previous = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.setAttribute("aria-hidden", "true");
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.focus();
      area.select();
      area.setSelectionRange(0, text.length);
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(area);
      // The focus goes back to the button that was pressed.
      if (previous && previous.focus) previous.focus();
      (done ? resolve : reject)();
    });
  }

  function setUp(box) {
    var config = JSON.parse(box.querySelector("script[data-address-box-config]").textContent);
    var messages = config.messages;
    var rules = makeRules(config.rules);
    var form = box.querySelector("form");
    var names = ["common_id", "affiliation", "name"];
    var inputs = {};
    var errors = {};
    var hints = {};
    names.forEach(function (name) {
      inputs[name] = form.elements[name];
      errors[name] = box.querySelector('[data-error-for="' + name + '"]');
      hints[name] = inputs[name].getAttribute("aria-describedby");
    });
    function part(name) { return box.querySelector('[data-part="' + name + '"]'); }
    function out(name) { return box.querySelector('[data-out="' + name + '"]'); }
    // An address may break before its "@" only, never at its hyphen ("u-" at a
    // line's end reads as a hyphenated word): the name and "@domain" are pieces
    // that do not wrap (guide.css: .address-part), with a <wbr> between them.
    function showAddress(el, address) {
      el.textContent = "";
      address.split(/(?=@)/).forEach(function (piece, i) {
        if (i) el.appendChild(document.createElement("wbr"));
        var part = el.appendChild(document.createElement("span"));
        part.className = "address-part";
        part.textContent = piece;
      });
    }
    var submitted = false;

    function showError(name, error) {
      var input = inputs[name];
      var ids = hints[name] ? [hints[name]] : [];
      if (error) {
        errors[name].textContent = errorMessage(messages, error);
        errors[name].hidden = false;
        input.setAttribute("aria-invalid", "true");
        ids.push(errors[name].id);
      } else {
        errors[name].textContent = "";
        errors[name].hidden = true;
        input.removeAttribute("aria-invalid");
      }
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    }

    function attempt(fn) {
      try {
        return { value: fn() };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return { error: error };
      }
    }

    // Work out the address and the mail; with showErrors, say what is wrong next to
    // each field. Affiliation and name are needed only for the mail: both empty is
    // no error (the reader may want the address only).
    function update(showErrors) {
      var values = {};
      names.forEach(function (name) { values[name] = inputs[name].value; });
      var id = attempt(function () { return rules.normalizeCommonId(values.common_id); });
      var wantsMail = rules.strip(values.affiliation) !== "" || rules.strip(values.name) !== "";
      var found = { common_id: id.error };
      ["affiliation", "name"].forEach(function (name) {
        found[name] = wantsMail ? attempt(function () { return rules.line(values[name], name); }).error : undefined;
      });
      if (showErrors) names.forEach(function (name) { showError(name, found[name]); });

      var addressOk = !id.error;
      part("sign-in").hidden = !addressOk;
      showAddress(out("sign-in"), addressOk ? rules.signInName(values.common_id) : "");
      part("address").hidden = !addressOk;
      showAddress(out("address"), addressOk ? rules.eccsAddress(values.common_id) : "");
      var mailOk = addressOk && wantsMail && !found.affiliation && !found.name;
      part("mail").hidden = !mailOk;
      part("mail-needs").hidden = !(addressOk && !mailOk);
      if (mailOk) {
        showAddress(out("to"), config.rules.to);
        out("subject").textContent = config.rules.subject;
        out("body").textContent = rules.resendRequest(values.affiliation, values.name, values.common_id);
      } else {
        out("body").textContent = "";
      }
      return names.filter(function (name) { return found[name]; });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitted = true;
      out("status").textContent = "";
      var bad = update(true);
      if (bad.length) inputs[bad[0]].focus();
    });
    form.addEventListener("input", function (event) {
      if (!submitted) return;
      // The edited field's message goes until the next try; the results follow the fields.
      if (event.target.name in inputs) showError(event.target.name, undefined);
      out("status").textContent = "";
      update(false);
    });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy]");
      if (!button) return;
      var text = document.getElementById(button.getAttribute("data-copy")).textContent;
      var status = out("status");
      status.textContent = "";
      copyText(text).then(function () {
        status.textContent = messages.copied;
      }, function () {
        status.textContent = messages["copy-failed"];
      });
    });
    box.hidden = false;
  }

  window.addressBox = { makeRules: makeRules, InputError: InputError };
  Array.prototype.forEach.call(document.querySelectorAll("[data-address-box]"), setUp);
})();
