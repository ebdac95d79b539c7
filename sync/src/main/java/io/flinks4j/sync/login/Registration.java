package io.flinks4j.sync.login;

/**
 * Outcome of {@link LoginRepository#register}: the stored login and whether this call created it,
 * so the API can answer 201 or 200.
 */
public record Registration(StoredLogin login, boolean created) {}
