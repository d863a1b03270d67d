/* The conversation form: written on a phone, with one hand, right after the talk.
 *
 * Everything works without this script: a search button reloads the form with the
 * initiatives found, a few empty tip rows are there already, and the place can be
 * described in words. With it:
 * - the initiatives are found as you type (a small piece of HTML from the server, with a
 *   checkbox each); a ticked one moves to the chosen list, so a new search keeps it;
 * - "use my location" fills the hidden latitude and longitude (navigator.geolocation);
 * - "add another tip" adds a tip row (copied from a <template>);
 * - what was typed is kept in the browser (localStorage, one key per person and form) as
 *   you type, so a lost connection or a reload loses nothing. It is offered back when the
 *   form opens again, and removed once the page after a successful save says so
 *   (data-draft-clear).
 * Everything it needs comes from data-* attributes; there is no inline script. */
(function () {
  "use strict";

  var SEARCH_DELAY = 250;
  var SAVE_DELAY = 400;

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    var store = storage();
    if (store && key) {
      try {
        store.removeItem(key);
      } catch (error) {
        /* Nothing kept, nothing to remove. */
      }
    }
  }

  /* --- The page after a save: the draft can go -------------------------------------- */

  document.querySelectorAll("[data-draft-clear]").forEach(function (element) {
    forget(element.getAttribute("data-draft-clear"));
  });

  var form = document.querySelector("[data-conversation-form]");
  if (!form) {
    return;
  }

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, delay);
    };
  }

  /* --- Tips: add another row -------------------------------------------------------- */

  var tipRows = form.querySelector("[data-tip-rows]");
  var tipTemplate = form.querySelector("[data-tip-template]");
  var tipAdd = form.querySelector("[data-tip-add]");
  var tipPrefix = tipAdd ? tipAdd.getAttribute("data-tip-prefix") : "tips";
  var tipTotal = form.querySelector('[name="' + tipPrefix + '-TOTAL_FORMS"]');
  var tipMax = form.querySelector('[name="' + tipPrefix + '-MAX_NUM_FORMS"]');

  function tipCount() {
    return tipTotal ? parseInt(tipTotal.value, 10) || 0 : 0;
  }

  function addTip() {
    if (!tipRows || !tipTemplate || !tipTotal) {
      return null;
    }
    var index = tipCount();
    var max = tipMax ? parseInt(tipMax.value, 10) : 1000;
    if (index >= max) {
      return null;
    }
    var html = tipTemplate.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    tipRows.appendChild(row);
    tipTotal.value = String(index + 1);
    updateTipButton();
    return row;
  }

  function updateTipButton() {
    if (!tipAdd) {
      return;
    }
    var max = tipMax ? parseInt(tipMax.value, 10) : 1000;
    tipAdd.disabled = tipCount() >= max;
    tipAdd.title = tipAdd.disabled ? tipAdd.getAttribute("data-text-full") : "";
  }

  if (tipAdd && tipTemplate) {
    tipAdd.hidden = false;
    updateTipButton();
    tipAdd.addEventListener("click", function () {
      var row = addTip();
      if (row) {
        var first = row.querySelector("input, textarea, select");
        if (first) {
          first.focus();
        }
        saveSoon();
      }
    });
  }

  /* --- Initiatives: search as you type ----------------------------------------------- */

  var search = form.querySelector("[data-initiative-search]");
  var chosen = form.querySelector("[data-initiative-chosen]");

  function chosenIds() {
    var ids = {};
    if (chosen) {
      chosen.querySelectorAll('input[name="initiatives"]').forEach(function (box) {
        ids[box.value] = true;
      });
    }
    return ids;
  }

  /* A ticked result joins the chosen list (with its own id), so the next search keeps it. */
  function choose(item) {
    if (!chosen || !item) {
      return;
    }
    var box = item.querySelector('input[name="initiatives"]');
    var label = item.querySelector("label");
    var id = "gekozen-initiatief-" + box.value;
    box.id = id;
    label.setAttribute("for", id);
    chosen.appendChild(item);
  }

  /* A chosen initiative restored from a draft: its name was kept as text. */
  function chosenItem(id, name) {
    var item = document.createElement("li");
    item.className = "utrecht-form-field utrecht-form-field--checkbox kompas-choice kompas-initiative-choice";
    item.setAttribute("data-initiative-item", id);
    var box = document.createElement("input");
    box.className = "utrecht-checkbox utrecht-checkbox--html-input";
    box.type = "checkbox";
    box.name = "initiatives";
    box.value = id;
    box.id = "gekozen-initiatief-" + id;
    box.checked = true;
    var label = document.createElement("label");
    label.className = "utrecht-form-label utrecht-form-label--checkbox";
    label.setAttribute("for", box.id);
    var text = document.createElement("span");
    text.setAttribute("data-initiative-name", "");
    text.textContent = name;
    label.appendChild(text);
    item.appendChild(box);
    item.appendChild(label);
    return item;
  }

  if (search && chosen) {
    var input = search.querySelector("[data-initiative-search-input]");
    var button = search.querySelector("[data-initiative-search-button]");
    var results = search.querySelector("[data-initiative-search-results]");
    var status = search.querySelector("[data-initiative-search-status]");
    var url = search.getAttribute("data-initiative-search");
    var parameter = search.getAttribute("data-search-parameter") || "q";
    var pending = null;
    var lastQuery = null;

    function say(text) {
      if (status) {
        status.textContent = text || "";
      }
    }

    function show(html) {
      results.innerHTML = html;
      var known = chosenIds();
      results.querySelectorAll("[data-initiative-item]").forEach(function (item) {
        if (known[item.getAttribute("data-initiative-item")]) {
          item.parentNode.removeChild(item);
        }
      });
      var count = results.querySelector("[data-initiative-search-count]");
      say(count ? count.textContent.replace(/\s+/g, " ").trim() : "");
    }

    function find() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (pending) {
        pending.abort();
      }
      if (!query) {
        results.innerHTML = "";
        say("");
        return;
      }
      pending = window.AbortController ? new AbortController() : null;
      say(search.getAttribute("data-text-searching"));
      fetch(url + "?" + parameter + "=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: pending ? pending.signal : undefined
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(show)
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          lastQuery = null;
          if (button) {
            button.hidden = false;
          }
          say(search.getAttribute("data-text-failed"));
        });
    }

    if (input && results && url) {
      if (button) {
        button.hidden = true;
      }
      input.addEventListener("input", debounce(find, SEARCH_DELAY));
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          /* Enter in the search field searches; it does not save the form. */
          event.preventDefault();
          find();
        }
      });
      results.addEventListener("change", function (event) {
        var box = event.target;
        if (box && box.name === "initiatives" && box.checked) {
          choose(box.closest("[data-initiative-item]"));
          input.focus();
        }
      });
    }
  }

  /* --- My location -------------------------------------------------------------------- */

  var locate = form.querySelector("[data-locate]");
  if (locate) {
    var latitude = document.getElementById(locate.getAttribute("data-latitude"));
    var longitude = document.getElementById(locate.getAttribute("data-longitude"));
    var actions = locate.querySelector("[data-locate-actions]");
    var locateButton = locate.querySelector("[data-locate-button]");
    var clearButton = locate.querySelector("[data-locate-clear]");
    var locateStatus = locate.querySelector("[data-locate-status]");

    var sayPlace = function (text) {
      locateStatus.textContent = text || "";
    };
    var refresh = function () {
      clearButton.hidden = !(latitude && latitude.value);
    };

    if (latitude && longitude && actions) {
      actions.hidden = false;
      if (!navigator.geolocation) {
        locateButton.hidden = true;
      }
      refresh();
      locateButton.addEventListener("click", function () {
        sayPlace(locate.getAttribute("data-text-locating"));
        navigator.geolocation.getCurrentPosition(
          function (position) {
            latitude.value = position.coords.latitude.toFixed(6);
            longitude.value = position.coords.longitude.toFixed(6);
            refresh();
            sayPlace(locate.getAttribute("data-text-located"));
            saveSoon();
          },
          function () {
            sayPlace(locate.getAttribute("data-text-denied"));
          },
          { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
        );
      });
      clearButton.addEventListener("click", function () {
        latitude.value = "";
        longitude.value = "";
        refresh();
        sayPlace(locate.getAttribute("data-text-removed"));
        locateButton.focus();
        saveSoon();
      });
    }
  }

  /* --- The draft kept in the browser ---------------------------------------------------- */

  var key = form.getAttribute("data-draft-key");
  var store = storage();
  var note = document.querySelector("[data-draft-note]");
  var SKIP = { csrfmiddlewaretoken: true };

  function skip(element) {
    return (
      !element.name ||
      SKIP[element.name] ||
      element.hasAttribute("data-initiative-search-input") ||
      element.type === "submit" ||
      element.type === "button" ||
      element.name === "initiatives" ||
      /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(element.name)
    );
  }

  function collect() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (skip(element)) {
        return;
      }
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) {
          fields[element.name] = element.value;
        }
      } else {
        fields[element.name] = element.value;
      }
    });
    var initiatives = [];
    if (chosen) {
      chosen.querySelectorAll("[data-initiative-item]").forEach(function (item) {
        var box = item.querySelector('input[name="initiatives"]');
        var name = item.querySelector("[data-initiative-name]");
        if (box && box.checked) {
          initiatives.push({ id: box.value, name: name ? name.textContent.trim() : box.value });
        }
      });
    }
    return { version: 1, savedAt: new Date().toISOString(), tips: tipCount(), fields: fields, initiatives: initiatives };
  }

  var discarded = false;

  function save() {
    if (!store || !key || discarded) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify(collect()));
    } catch (error) {
      /* Storage full or refused: the form still works, only without a draft. */
    }
  }

  var saveSoon = debounce(save, SAVE_DELAY);

  function restore(draft) {
    while (draft.tips && tipCount() < draft.tips && addTip()) {
      /* Make room for every tip row that was typed in. */
    }
    if (chosen && draft.initiatives) {
      var known = chosenIds();
      var wanted = {};
      draft.initiatives.forEach(function (initiative) {
        var id = String(initiative.id);
        if (/^\d+$/.test(id)) {
          wanted[id] = true;
          if (!known[id]) {
            chosen.appendChild(chosenItem(id, String(initiative.name || id)));
          }
        }
      });
      chosen.querySelectorAll('input[name="initiatives"]').forEach(function (box) {
        box.checked = Boolean(wanted[box.value]);
      });
    }
    var fields = draft.fields || {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (skip(element)) {
        return;
      }
      var has = Object.prototype.hasOwnProperty.call(fields, element.name);
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = has && fields[element.name] === element.value;
      } else if (has) {
        element.value = fields[element.name];
      }
    });
    var tips = form.querySelector("[data-tips]");
    if (tips && draft.tips) {
      Array.prototype.some.call(tips.querySelectorAll("[data-tip-row] input[type=text], [data-tip-row] textarea"), function (element) {
        if (element.value) {
          tips.open = true;
          return true;
        }
        return false;
      });
    }
    if (locate) {
      var lat = document.getElementById(locate.getAttribute("data-latitude"));
      var clear = locate.querySelector("[data-locate-clear]");
      if (clear && lat) {
        clear.hidden = !lat.value;
      }
    }
  }

  if (store && key) {
    var kept = null;
    if (form.getAttribute("data-draft-restore") === "true") {
      try {
        kept = JSON.parse(store.getItem(key) || "null");
      } catch (error) {
        kept = null;
      }
    }
    if (kept && kept.version === 1) {
      restore(kept);
      if (note) {
        note.hidden = false;
        var discard = note.querySelector("[data-draft-discard]");
        if (discard) {
          discard.addEventListener("click", function () {
            discarded = true;
            forget(key);
            /* Back to the form as the server gave it, with nothing restored. */
            window.location.reload();
          });
        }
      }
    }
    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    window.addEventListener("pagehide", save);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        save();
      }
    });
  }
})();
