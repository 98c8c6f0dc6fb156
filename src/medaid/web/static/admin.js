// Accounts and one's own password. No inline script (CSP): loaded with defer.
"use strict";

(function () {
  // 认定部门 is asked only of a department account
  function follow(form) {
    const role = form.querySelector(".role-select");
    const field = form.querySelector(".department-field");
    if (!role || !field) return;
    const update = () => {
      field.hidden = role.value !== "department";
      if (field.hidden) field.querySelector("select").value = "";
    };
    role.addEventListener("change", update);
    update();
  }
  document.querySelectorAll("form.account-change, form.account-new").forEach(follow);

  // the new password typed twice: checked here, and only the fields the server reads are sent
  const own = document.getElementById("own-password");
  if (own) {
    own.addEventListener("submit", (event) => {
      const again = document.getElementById("password-again");
      const box = own.querySelector(".form-error");
      if (own.elements["new"].value !== again.value) {
        event.preventDefault();
        event.stopPropagation();
        box.textContent = "两次输入的新密码不一致，请重新输入";
        box.hidden = false;
      }
    });
    own.addEventListener("medaid:done", () => { own.reset(); });
  }
})();
