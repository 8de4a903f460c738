// Search in the other language. Each language's search reads its own index (scripts/hooks/search_i18n.py), so
// a Chinese query on the English site, or an English one on the Chinese site, would find little: under the
// results, this offers the same words searched on the other language's site (Material opens its search with the
// query of a `?q=` address).

const HAS_CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;
const HAS_LATIN = /[A-Za-z]/;
const OFFER = {
  // Shown on the English site, for a query in Chinese: in Chinese, the visitor's language.
  en: { other: "zh", wants: (q) => HAS_CHINESE.test(q), words: "中文结果：在中文网站搜索“{q}”" },
  // Shown on the Chinese site, for a query in Latin letters only.
  zh: { other: "en", wants: (q) => HAS_LATIN.test(q) && !HAS_CHINESE.test(q), words: "English results: search the English site for “{q}”" },
};

function otherRoot(lang) {
  // Material's `base`: this language's root (the Chinese pages' points at zh/, search_i18n.py).
  const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  return lang === "zh" ? new URL("../", base) : new URL("zh/", base);
}

function offerOtherLanguage() {
  const lang = document.documentElement.lang === "zh" ? "zh" : "en";
  const offer = OFFER[lang];
  const field = document.querySelector("input[data-md-component=search-query]");
  const meta = document.querySelector(".md-search-result__meta");
  if (!field || !meta) return;
  const line = document.createElement("p");
  line.className = "search-other-language";
  line.lang = offer.other === "zh" ? "zh" : "en";
  const link = document.createElement("a");
  line.append(link);
  const update = () => {
    const query = field.value.trim();
    if (!query || !offer.wants(query)) return line.remove();
    const target = otherRoot(lang);
    target.searchParams.set("q", query);
    link.href = target.href;
    link.textContent = offer.words.replace("{q}", query);
    if (!line.isConnected) meta.after(line);
  };
  field.addEventListener("input", update);
  field.addEventListener("keyup", update);
  update();
}

offerOtherLanguage();
