package dev.facecast.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * This process's threads as Linux sees them ({@code /proc/self/task}): id, name and CPU time,
 * native libwebrtc threads included, which the JVM cannot see. Empty where there is no /proc.
 */
final class ProcTasks {

    /** USER_HZ: the unit of utime and stime; 100 on every mainstream Linux architecture. */
    static final double TICKS_PER_SECOND = 100.0;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** One thread: its kernel id, its name (as {@code comm}, at most 15 characters), its CPU so far. */
    record Task(int tid, String name, double cpuSeconds) {
    }

    private ProcTasks() {
    }

    static List<Task> read() {
        List<Task> tasks = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TASKS)) {
            dirs.forEach(dir -> {
                Task task = readTask(dir);
                if (task != null) {
                    tasks.add(task);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return tasks;
    }

    /** Parses {@code stat}: the name is in parentheses and may hold spaces, so fields count from the last ')'. */
    private static Task readTask(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            String[] fields = stat.substring(close + 2).split(" ");
            // after the name: state(0) ppid(1) ... utime(11) stime(12)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new Task(Integer.parseInt(dir.getFileName().toString()), name, ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException vanished) {
            return null; // the thread ended while we read
        }
    }
}
