{#- A function of a list of language codes ("en", "zh_TW"): the first of the browser's
    preferred languages in that list, by its whole tag ("zh-TW") or else by its primary
    subtag ("en-US" is "en"), else null. The site's root pages choose the reader's
    language with it (root/*.html, redirect.html). -#}
function (codes) {
  var wanted = navigator.languages || [navigator.language || ""];
  var tags = codes.map(function (code) { return code.toLowerCase().split("_").join("-"); });
  var primaries = tags.map(function (tag) { return tag.split("-")[0]; });
  for (var i = 0; i < wanted.length; i++) {
    var tag = (wanted[i] || "").toLowerCase(), found = tags.indexOf(tag);
    if (found < 0) found = primaries.indexOf(tag.split("-")[0]);
    if (found >= 0) return codes[found];
  }
  return null;
}
