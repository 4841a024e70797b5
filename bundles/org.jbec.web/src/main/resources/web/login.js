// With ACLs on, the operator logs in with the account and token an admin gave them; the page then
// offers only what that account may do (the server asked Redis at login). Without ACLs it starts at once.
"use strict";

async function startWhenAllowed(start) {
  let session;
  try {
    session = await (await fetch("../api/session")).json();
  } catch (e) {
    $("connection").textContent = "cannot reach the server: " + e;
    return;
  }
  if (session.acl && !session.user) {
    $("login-panel").hidden = false;
    document.querySelector("main").hidden = true;
    $("login-user").focus();
    return;
  }
  if (session.acl) {
    $("who").textContent = session.user + " (" + session.profile + ")";
    $("logout").hidden = false;
    const may = session.may || {};
    for (const b of document.querySelectorAll("button[data-action]")) b.hidden = !may.queue;
    $("fit").hidden = !may.fit;
  }
  start();
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const result = $("login-result");
  try {
    const response = await fetch("../api/session", { method: "POST", headers: FORM_HEADERS,
      body: new URLSearchParams({ user: $("login-user").value, token: $("login-token").value }) });
    const answer = await response.json();
    if (!response.ok) {
      result.textContent = answer.error;
      return;
    }
    location.reload();
  } catch (err) {
    result.textContent = "login failed: " + err;
  }
});

$("logout").addEventListener("click", async () => {
  await fetch("../api/session", { method: "POST", headers: FORM_HEADERS, body: new URLSearchParams({ logout: "1" }) });
  location.reload();
});
