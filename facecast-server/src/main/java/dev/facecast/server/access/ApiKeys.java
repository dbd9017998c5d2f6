package dev.facecast.server.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The control API's keys, kept as SHA-256 digests and compared in constant time, so neither a
 * heap dump nor the time a wrong key takes gives one away. Immutable.
 */
public final class ApiKeys {

    public static final ApiKeys NONE = new ApiKeys(List.of());
    /** Shorter keys are guessable; a generated one is 32+ characters. */
    static final int MIN_KEY_CHARS = 16;

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * Keys from a file (one per line; blank lines and {@code #} comments skipped) and from an
     * environment value (comma-separated). Either may be null.
     *
     * @throws IllegalArgumentException for a key that is too short, naming its line, never the key
     */
    public static ApiKeys load(Path file, String environmentValue) {
        List<String> keys = new ArrayList<>();
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        check(line, file + " line " + (i + 1));
                        keys.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the API key file " + file + ": " + e.getMessage(), e);
            }
        }
        if (environmentValue != null) {
            for (String key : environmentValue.split(",")) {
                if (!key.isBlank()) {
                    check(key.strip(), "FACECAST_API_KEYS");
                    keys.add(key.strip());
                }
            }
        }
        return new ApiKeys(keys.stream().map(ApiKeys::digest).toList());
    }

    private static void check(String key, String where) {
        if (key.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("an API key in " + where + " is shorter than " + MIN_KEY_CHARS + " characters");
        }
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public int count() {
        return digests.size();
    }

    /** Whether {@code presented} is one of the keys; the time taken does not depend on which or how close. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] known : digests) {
            match |= MessageDigest.isEqual(known, candidate);
        }
        return match;
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.size() + " keys]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeys keys && keys.digests.size() == digests.size()
                && java.util.stream.IntStream.range(0, digests.size()).allMatch(i -> Arrays.equals(digests.get(i), keys.digests.get(i)));
    }

    @Override
    public int hashCode() {
        return digests.size();
    }
}
