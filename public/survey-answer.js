// The survey answer form (src/features/surveys/pages/answer-form.tsx) is whole without this script: a
// question with a condition is shown with the condition in words, and the server drops an answer to a
// question its condition hides. With it, such a question (`data-show-if` names the earlier question,
// `data-show-values` the choices that show it) is hidden while its condition is not met.
(function () {
  'use strict';
  var form = document.querySelector('form[data-survey-form]');
  if (!form) return;
  var dependent = form.querySelectorAll('[data-show-if]');
  if (dependent.length === 0) return;

  // The values given to a question: ticked radios and boxes, or a typed text; a matrix's statements count as given.
  function given(key) {
    var out = [];
    var fields = form.elements;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.name !== key && f.name.indexOf(key + '.') !== 0) continue;
      if (f.type === 'radio' || f.type === 'checkbox') {
        if (f.checked) out.push(f.value);
      } else if (typeof f.value === 'string' && f.value.trim() !== '') out.push(f.value.trim());
    }
    return out;
  }

  function update() {
    for (var i = 0; i < dependent.length; i++) {
      var el = dependent[i];
      var values = given(el.getAttribute('data-show-if'));
      var wanted = null;
      try {
        wanted = JSON.parse(el.getAttribute('data-show-values') || 'null');
      } catch (e) {
        wanted = null;
      }
      var shown = values.length > 0 && (!wanted || values.some(function (v) { return wanted.indexOf(v) >= 0; }));
      // A question with an error stays in sight: the person must see what the message is about.
      el.hidden = !shown && !el.classList.contains('field-invalid');
    }
  }

  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
})();
