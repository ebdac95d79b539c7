package io.flinks4j.sync.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Owner-only permissions for the files that hold secrets or bank data (the embedded database, the
 * generated key), where the file system has POSIX permissions; elsewhere a no-op, the platform's
 * ACLs applying.
 */
public final class OwnerOnly {

  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /**
   * Creates {@code folder} and its missing parents, each one this creates readable by its owner
   * only; folders that already exist keep their permissions (the operator chose them).
   */
  public static void createDirectories(Path folder) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = folder.toAbsolutePath().normalize();
        p != null && !Files.exists(p);
        p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      Path next = missing.pop();
      try {
        Files.createDirectory(next);
      } catch (FileAlreadyExistsException raced) {
        continue;
      }
      if (posix(next)) {
        Files.setPosixFilePermissions(next, FOLDER);
      }
    }
  }

  /** Makes {@code file} readable and writable by its owner only. */
  public static void restrict(Path file) throws IOException {
    if (Files.exists(file) && posix(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
