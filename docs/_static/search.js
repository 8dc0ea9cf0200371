// The search page (docs/_templates/search.html): Pagefind's UI on this language's
// index (<lang>/pagefind/, found beside pagefind-ui.js), started with ?q= and
// keeping ?q= in the address as the reader types.
"use strict";
(() => {
  // What a reader types as they type it: full-width letters and digits (ＩＤ, １０桁)
  // become half-width (NFKC), as the pages write them. A verb's or an adjective's
  // ending in kana after its kanji (存在しません, 困ったときは) is left out, as
  // stemming does in English: Pagefind splits it otherwise in the query than in the
  // pages, and every form of the word (存在します) then matches. Pagefind splits
  // Latin letters from Japanese itself: 共通ID and 共通 ID find the same.
  const normalise = (term) => term.normalize("NFKC")
    .replace(/(\p{Script=Han})\p{Script=Hiragana}{2,}/gu, "$1 ")
    .replace(/\s+/g, " ").trim();
  const ui = new PagefindUI({
    element: "#guide-search",
    showImages: false,
    showSubResults: true,
    excerptLength: 40,
    processTerm: normalise,
  });
  const input = document.querySelector("#guide-search input");
  input?.addEventListener("input", () => {
    const url = new URL(location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
