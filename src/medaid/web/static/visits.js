// 回访 pages: making a plan (then its page) and recording a visit (the needs are a list of checkboxes).
// Uses formFields() and postJson() of medaid.js (loaded before this file; both are deferred).
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-visit-plan]")) {
    event.preventDefault();
    const body = formFields(form, ["name", "period_from", "period_until", "population", "as_of", "department", "category",
                                 "area", "method", "margin", "confidence", "seed"]);
    postJson(form, form.dataset.visitPlan, body, (data) => "/visits/" + data.id);
  } else if (form.matches("form[data-visit-record]")) {
    event.preventDefault();
    const body = formFields(form, ["outcome", "visited_on", "visitor", "mode", "satisfaction", "needs_text", "reason",
                                 "note"]);
    body.needs = Array.from(form.querySelectorAll('input[name="needs"]:checked')).map((e) => e.value);
    postJson(form, form.dataset.visitRecord, body, null);
  }
});
