package io.flinks4j.sandbox.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Small one-colour PNG squares, Base64-encoded, for ImageSelection challenges: a person can tell
 * them apart in the Connect page and a test can name the right one, with no image library and no
 * files to ship.
 */
final class SwatchPng {
  private static final int SIZE = 48;

  private SwatchPng() {}

  /** A {@code SIZE}x{@code SIZE} square of colour {@code rgb} (0xRRGGBB) as Base64 PNG bytes. */
  static String base64(int rgb) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(
        png,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(SIZE)
            .putInt(SIZE)
            .put((byte) 8)
            .put((byte) 2)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .array()); // 8-bit RGB
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(raw)) {
      for (int y = 0; y < SIZE; y++) {
        z.write(0); // filter: none
        for (int x = 0; x < SIZE; x++) {
          z.write(rgb >> 16);
          z.write(rgb >> 8);
          z.write(rgb);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    chunk(png, "IDAT", raw.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return Base64.getEncoder().encodeToString(png.toByteArray());
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
