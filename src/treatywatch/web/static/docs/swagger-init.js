/* Starts Swagger UI on /api/v1/docs. A file, not an inline script, because the site's
   Content-Security-Policy allows scripts from this origin only. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return; // the bundle did not load: the page's own link to the OpenAPI document remains
  }
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    // The site is read-only: every operation is a GET, so "Try it out" is on from the start.
    tryItOutEnabled: true,
    supportedSubmitMethods: ["get", "head"],
    // Swagger UI's default badge sends the document to an outside validator.
    validatorUrl: null
  });
})();
