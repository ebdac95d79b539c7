package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;

/**
 * One bank statement file from {@code /GetStatements}; the file content is Base64 as sent, decoded
 * on demand.
 *
 * @param uniqueId statement id
 * @param fileType file type, {@code PDF} in practice
 * @param base64Bytes the file, Base64-encoded, or null
 * @param extra fields not modelled here, kept as received
 */
public record Statement(
    String uniqueId, String fileType, String base64Bytes, Map<String, JsonNode> extra) {
  public Statement {
    extra = Extras.of(extra);
  }

  /**
   * Decodes {@link #base64Bytes()}.
   *
   * @throws IllegalArgumentException when the content is not valid Base64
   */
  public byte[] decode() {
    return base64Bytes == null ? new byte[0] : Base64.getMimeDecoder().decode(base64Bytes);
  }

  @Override
  public String toString() {
    return "Statement[uniqueId="
        + uniqueId
        + ", fileType="
        + fileType
        + ", base64Length="
        + (base64Bytes == null ? 0 : base64Bytes.length())
        + "]";
  }
}
