package dev.facecast.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A script the registry runs in Redis, read once from this package's resources. It is sent whole
 * with every call ({@code EVAL}, not {@code EVALSHA}): a few hundred bytes on a loopback or LAN
 * link, and a Redis that restarted empty needs no reloading.
 */
record LuaScript(String name, String text) {

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
