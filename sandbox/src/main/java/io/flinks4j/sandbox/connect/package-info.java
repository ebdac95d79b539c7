/**
 * Emulation of the Flinks Connect iframe ({@code GET /v2/}): consent, searchable institution list,
 * credentials, every MFA challenge kind, account selector and error screens, with the documented
 * postMessage events and redirect, driven by the same engine as the sandbox's Flinks API. Entry
 * point: {@link io.flinks4j.sandbox.connect.ConnectPage}, served by every {@link
 * io.flinks4j.sandbox.FlinksSandbox} at {@code connectUrl()}.
 *
 * <pre>{@code
 * try (FlinksSandbox sandbox = FlinksSandbox.start()) {
 *   String token = ...; // POST /GenerateAuthorizeToken with sandbox.secretKey()
 *   String iframeSrc = sandbox.connectUrl() + "?authorizeToken=" + token
 *       + "&redirectUrl=" + URLEncoder.encode("https://app.example/linked", UTF_8)
 *       + "&innerRedirect=true&tag=order-42&accountSelectorEnable=true";
 *   // Embed iframeSrc, accept the consent (or launch with &consentEnable=false), pick FlinksCapital, sign in as greatday_nomfa / Everyday (or Greatday, then answer
 *   // Montreal / Canada / Triangle): the page posts {step:"REDIRECT", loginId, requestId, url, ...} to its
 *   // parent and goes to https://app.example/linked?loginId=...&institution=FlinksCapital&tag=order-42&accountId=...
 *   // To finish an MFA that a refresh hit (203): relaunch with a fresh token and &requestId=<the 203's RequestId>.
 * }
 * }</pre>
 */
package io.flinks4j.sandbox.connect;
