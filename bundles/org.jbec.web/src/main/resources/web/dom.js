// Page helpers shared by the scripts. Text from the bus goes on the page with textContent only.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

// every POST carries this header: a page of another site cannot send it without the server's consent
// (CORS), so it cannot make the operator's browser pause or abort the queue
const FORM_HEADERS = { "Content-Type": "application/x-www-form-urlencoded", "X-Jbec-Request": "1" };
