package sohu.verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over a sequence of length-prefixed parts, so part boundaries cannot be confused. */
final class BuildKey {
    private final MessageDigest md;

    BuildKey() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    BuildKey add(String part) {
        return add(part.getBytes(StandardCharsets.UTF_8));
    }

    BuildKey add(byte[] part) {
        md.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
        md.update(part);
        return this;
    }

    /** Adds a file's name (not folder) and contents. */
    BuildKey addFile(Path file) {
        try {
            add(file.getFileName().toString());
            return add(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read source " + file, e);
        }
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(List<String> parts) {
        BuildKey k = new BuildKey();
        parts.forEach(k::add);
        return k.hex();
    }
}
