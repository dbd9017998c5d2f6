package dev.facecast.stt.vosk;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Copies the Vosk model (Maven Central's {@code com.alphacephei:vosk-model-en}, which this
 * module's build unpacks into its resources under {@code assets/model-en-us/}) once into a
 * cache directory, where the native library can read it, and writes the endpointing rule
 * the process is configured with. The model is found in a jar or, in a source tree, a directory.
 */
final class VoskModelCache {

    static final String MODEL_RESOURCE = "assets/model-en-us/";
    private static final String MARKER = ".unpacked";

    private VoskModelCache() {
    }

    /** The default cache: {@code $XDG_CACHE_HOME/facecast} or {@code ~/.cache/facecast}. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("facecast");
    }

    /**
     * The model directory, unpacked on first use, with its end-of-utterance silence set.
     *
     * @param endOfTurnSilenceMs trailing silence after speech that ends an utterance
     */
    static synchronized Path prepare(Path cacheDir, int endOfTurnSilenceMs) throws IOException {
        URL readme = VoskModelCache.class.getClassLoader().getResource(MODEL_RESOURCE + "README");
        if (readme == null) {
            throw new IOException("the Vosk model is not on the class path: build facecast-stt-vosk, which unpacks "
                    + "com.alphacephei:vosk-model-en:0.3.45 into its resources");
        }
        Path modelDir = cacheDir.resolve("vosk-model-en-us-0.3.45");
        if (!Files.exists(modelDir.resolve(MARKER))) {
            if ("jar".equals(readme.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) readme.openConnection();
                connection.setUseCaches(false);
                unpack(connection.getJarFileURL(), modelDir);
            } else {
                copyTree(Path.of(java.net.URI.create(readme.toString())).getParent(), modelDir);
            }
        }
        writeEndpointRule(modelDir.resolve("conf/model.conf"), endOfTurnSilenceMs);
        return modelDir;
    }

    private static void unpack(URL archive, Path modelDir) throws IOException {
        Path staging = Files.createDirectories(modelDir.getParent()).resolve(modelDir.getFileName() + ".partial");
        try (JarFile jar = new JarFile(Path.of(java.net.URI.create(archive.toString())).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(MODEL_RESOURCE)) {
                    continue;
                }
                Path target = staging.resolve(entry.getName().substring(MODEL_RESOURCE.length())).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("unsafe entry in the model archive: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(staging.resolve(MARKER), archive.toString());
        moveIntoPlace(staging, modelDir);
    }

    private static void copyTree(Path source, Path modelDir) throws IOException {
        Path staging = Files.createDirectories(modelDir.getParent()).resolve(modelDir.getFileName() + ".partial");
        try (var paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = staging.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(staging.resolve(MARKER), source.toString());
        moveIntoPlace(staging, modelDir);
    }

    /** Another process may have put it there meanwhile: keep whichever landed first. */
    private static void moveIntoPlace(Path staging, Path modelDir) throws IOException {
        try {
            Files.move(staging, modelDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            deleteTree(staging);
        }
    }

    /** Kaldi's endpoint rules 2-4 end an utterance after this much trailing silence (rule 3, 4: longer). */
    private static void writeEndpointRule(Path modelConf, int silenceMs) throws IOException {
        StringBuilder conf = new StringBuilder();
        for (String line : Files.readAllLines(modelConf)) {
            if (!line.startsWith("--endpoint.rule2.") && !line.startsWith("--endpoint.rule3.")
                    && !line.startsWith("--endpoint.rule4.")) {
                conf.append(line).append('\n');
            }
        }
        double seconds = silenceMs / 1000.0;
        conf.append(String.format(java.util.Locale.ROOT, "--endpoint.rule2.min-trailing-silence=%.2f%n", seconds));
        conf.append(String.format(java.util.Locale.ROOT, "--endpoint.rule3.min-trailing-silence=%.2f%n", seconds * 1.5));
        conf.append(String.format(java.util.Locale.ROOT, "--endpoint.rule4.min-trailing-silence=%.2f%n", seconds * 2));
        Files.writeString(modelConf, conf);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
