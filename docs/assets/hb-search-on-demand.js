/* Search on demand: loads hb-search.js (the search and its index) only when a reader shows an
   intent to search: focus in or a pointer over the search box or icon (a touch fires pointerover
   too), the shortcuts "/" and "s", opening the search dialog, or a search link ?q=…. Most visits
   never search, so no page downloads any of it before. Every byte here is on every page. */
(doc => {
  const src = doc.currentScript.src.replace("-on-demand", "");
  let script;
  const load = () => {
    if (script) return;
    script = doc.createElement("script");
    script.src = src;
    doc.head.append(script);
  };
  /* The dialog opened (a tap on the search icon, or a shortcut): the box gets the focus */
  const open = () => {
    doc.querySelector("[data-hb-search-input]").focus();
    load();
  };
  const on = (type, handle) => doc.addEventListener(type, handle, true);
  const intent = event => event.target.closest("[data-hb-search],[for=__search]") && load();
  on("focusin", intent);
  on("pointerover", intent);
  on("change", event => event.target.id == "__search" && event.target.checked && open());
  on("keydown", event => {
    const toggle = doc.getElementById("__search");
    if (toggle && /^[/s]$/.test(event.key) && !(event.ctrlKey || event.metaKey || event.altKey ||
        event.target.closest("input,textarea,select,[contenteditable]"))) {
      event.preventDefault();
      toggle.checked = true;
      open();
    }
  });
  if (/[?&]q=/.test(location.search)) load();
})(document);
