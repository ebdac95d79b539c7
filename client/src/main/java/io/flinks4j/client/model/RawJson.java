package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes of a Flinks response body, kept so callers can store or forward what Flinks sent
 * byte for byte.
 *
 * <p>Holds the array it was given without copying (parsing a 50 MB payload must not double it);
 * {@link #bytes()} hands out copies so the content stays immutable. {@code toString()} shows only
 * the size because bodies carry personal data.
 */
public final class RawJson {
  private final byte[] bytes;

  private RawJson(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps {@code bytes} without copying; the caller must not modify the array afterwards. */
  public static RawJson wrap(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return new RawJson(bytes);
  }

  /** A copy of the bytes as received. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The body decoded as UTF-8 (JSON's encoding); Jackson writes it inline, as the JSON it is. */
  @JsonValue
  @JsonRawValue
  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Number of bytes received. */
  public int length() {
    return bytes.length;
  }

  /** Streams the bytes without copying them. */
  public InputStream inputStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** Writes the bytes as received. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawJson other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawJson[" + bytes.length + " bytes]";
  }
}
