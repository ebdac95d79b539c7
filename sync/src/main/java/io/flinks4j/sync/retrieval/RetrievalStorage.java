package io.flinks4j.sync.retrieval;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.login.LoginOptions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the engine needs from the login and data storage, on the caller's connection so a completion
 * and its data commit together.
 */
public interface RetrievalStorage {

  /** The clear loginId of a stored login, to call Flinks with; empty if the login was deleted. */
  java.util.Optional<String> loginId(Connection connection, long loginRef) throws SQLException;

  /**
   * What the login's detail calls ask for ({@link LoginOptions#DEFAULTS} if the login was deleted).
   */
  LoginOptions options(Connection connection, long loginRef) throws SQLException;

  /** Writes a payload for the login; applying the same payload twice changes nothing. */
  IngestResult ingest(
      Connection connection, long loginRef, String retrievalId, AccountsDetail payload)
      throws SQLException;
}
