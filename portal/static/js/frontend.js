/* Starts GOV.UK Frontend's components (menu button, error summary focus, character count, Exit
 * this page with its three-Shift shortcut, and so on). A module script, so old browsers that
 * cannot run the components keep the plain pages, which work without JavaScript. */
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
