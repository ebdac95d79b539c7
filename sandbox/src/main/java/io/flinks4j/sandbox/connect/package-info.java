/**
 * Emulation of the Flinks Connect iframe ({@code GET /v2/}): institution picker, credentials, MFA questions,
 * account selector and error screens, with the documented postMessage events and redirect, driven by the
 * same engine as the sandbox's Flinks API. Entry point: {@link io.flinks4j.sandbox.connect.ConnectPage}.
 */
package io.flinks4j.sandbox.connect;
