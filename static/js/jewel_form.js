/* Nominating a crown jewel: the email address of the person is asked only for a
 * person's gift. Without JavaScript the field is always shown, with its explanation. */
(function () {
  "use strict";

  function init(form) {
    var person = form.querySelector("[data-jewel-person]");
    var radios = form.querySelectorAll("input[name='category']");
    if (!person || !radios.length) {
      return;
    }
    function update() {
      var chosen = form.querySelector("input[name='category']:checked");
      var needed = chosen && chosen.hasAttribute("data-needs-consent");
      var invalid = person.querySelector(".utrecht-form-field--invalid");
      person.hidden = !needed && !invalid;
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.querySelectorAll("[data-jewel-form]").forEach(init);
})();
