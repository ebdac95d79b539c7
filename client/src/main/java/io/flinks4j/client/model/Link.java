package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A hypermedia hint Flinks attaches to responses ({@code {rel, href, example}}), e.g. which
 * endpoint comes next.
 *
 * @param rel relation name such as {@code AccountsDetail}
 * @param href relative endpoint path such as {@code /GetAccountsDetail}
 * @param example whatever Flinks put in {@code example} (usually null), kept as received
 */
public record Link(String rel, String href, JsonNode example) {}
