package org.engram.grpc.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's bearer tokens: one {@code <token> <client-name>} per line; blank lines and lines
 * starting with {@code #} are ignored. A token is at least 16 characters without white space; a client
 * may have several tokens (for rotation), a token belongs to one client.
 */
public final class TokenFile {
    public static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private record Entry(byte[] token, String client) {}

    private final List<Entry> entries;

    private TokenFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static TokenFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static TokenFile parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = source + ":" + (i + 1);
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + ": expected '<token> <client-name>', got " + parts.length + " fields");
            }
            if (parts[0].length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException(where + ": token is shorter than " + MIN_TOKEN_LENGTH + " characters");
            }
            if (!CLIENT.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException(where + ": client name '" + parts[1] + "' must be 1-64 of A-Z a-z 0-9 . _ @ -");
            }
            if (!seen.add(parts[0])) throw new IllegalArgumentException(where + ": duplicate token");
            entries.add(new Entry(parts[0].getBytes(StandardCharsets.UTF_8), parts[1]));
        }
        if (entries.isEmpty()) throw new IllegalArgumentException(source + ": no tokens (lines '<token> <client-name>')");
        return new TokenFile(entries);
    }

    /** The client a token belongs to; compares every entry in constant time per entry. */
    public Optional<String> client(String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.token, t)) found = e.client;
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }
}
