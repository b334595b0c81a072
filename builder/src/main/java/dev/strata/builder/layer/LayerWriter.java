package dev.strata.builder.layer;

import dev.strata.builder.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.io.output.CountingOutputStream;

/**
 * Writes the changes of one step as a gzip-compressed tar layer.
 *
 * <p>Output is reproducible: entries sorted by path, every parent directory written before its
 * children, one fixed timestamp, owners from the {@link RootFs} record rather than the disk, and no
 * user or group names.
 */
public final class LayerWriter {
  private final long timestampSeconds;

  /**
   * @param timestampSeconds the modification time every entry gets (seconds since epoch)
   */
  public LayerWriter(long timestampSeconds) {
    this.timestampSeconds = timestampSeconds;
  }

  public LayerBlob write(RootFs root, List<Change> changes, Path out) throws IOException {
    MessageDigest compressedSha = Digest.sha256();
    MessageDigest tarSha = Digest.sha256();
    long size;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
        CountingOutputStream counted =
            new CountingOutputStream(new DigestOutputStream(file, compressedSha));
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(counted, gzipParams());
        TarArchiveOutputStream tar = newTar(new DigestOutputStream(gzip, tarSha))) {
      writeEntries(root, changes, tar);
      tar.finish();
      tar.flush();
      gzip.finish();
      size = counted.getByteCount();
    }
    return new LayerBlob(out, Digest.fromEngine(compressedSha), size, Digest.fromEngine(tarSha));
  }

  private static GzipParameters gzipParams() {
    GzipParameters params = new GzipParameters();
    params.setModificationTime(0);
    return params;
  }

  static TarArchiveOutputStream newTar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  private void writeEntries(RootFs root, List<Change> changes, TarArchiveOutputStream tar)
      throws IOException {
    TreeSet<String> paths = new TreeSet<>();
    Map<String, Change> byPath = new HashMap<>();
    for (Change change : changes) {
      String path =
          change.type() == Change.Type.DELETED
              ? Whiteouts.whiteoutFor(change.path())
              : change.path();
      byPath.put(path, change);
      paths.add(path);
      for (String p = Snapshot.parentOf(path); !p.isEmpty(); p = Snapshot.parentOf(p)) {
        paths.add(p);
      }
    }
    Map<Long, String> hardlinks = new HashMap<>();
    for (String path : paths) {
      Change change = byPath.get(path);
      if (change != null && change.type() == Change.Type.DELETED) {
        writeWhiteout(path, tar);
      } else {
        writeFile(root, path, tar, hardlinks);
      }
    }
  }

  private void writeWhiteout(String path, TarArchiveOutputStream tar) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
    entry.setMode(0100644);
    entry.setSize(0);
    stamp(entry, Owner.ROOT);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private void writeFile(
      RootFs root, String path, TarArchiveOutputStream tar, Map<Long, String> hardlinks)
      throws IOException {
    Path location = root.directory().resolve(path);
    FileState state = FileState.read(location);
    TarArchiveEntry entry;
    switch (state.kind()) {
      case DIRECTORY -> {
        entry = new TarArchiveEntry(path + "/", TarConstants.LF_DIR, true);
        entry.setMode(040000 | state.mode());
      }
      case SYMLINK -> {
        entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(state.linkTarget());
        entry.setMode(0120777);
      }
      case FILE -> {
        String first = state.links() > 1 ? hardlinks.putIfAbsent(state.inode(), path) : null;
        if (first != null) {
          entry = new TarArchiveEntry(path, TarConstants.LF_LINK, true);
          entry.setLinkName(first);
        } else {
          entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
          entry.setSize(state.size());
        }
        entry.setMode(0100000 | state.mode());
      }
      default -> {
        // Devices and sockets cannot be made without privileges, so no step can create one.
        return;
      }
    }
    stamp(entry, root.owner(path));
    tar.putArchiveEntry(entry);
    if (state.kind() == FileState.Kind.FILE && !entry.isLink()) {
      Files.copy(location, tar);
    }
    tar.closeArchiveEntry();
  }

  private void stamp(TarArchiveEntry entry, Owner owner) {
    entry.setModTime(timestampSeconds * 1000);
    entry.setUserId(owner.uid());
    entry.setGroupId(owner.gid());
    entry.setUserName("");
    entry.setGroupName("");
  }
}
