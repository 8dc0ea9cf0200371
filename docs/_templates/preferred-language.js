{#- A function of a list of language codes: the first of the browser's preferred
    languages (by primary subtag) in that list, else null. The site's root pages
    choose the reader's language with it (root/*.html, redirect.html). -#}
function (codes) {
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = (wanted[i] || "").toLowerCase().split("-")[0];
    if (codes.indexOf(code) >= 0) return code;
  }
  return null;
}
