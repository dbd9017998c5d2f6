package dev.facecast.codec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;

/**
 * Loads a system library once, on first use, and remembers either its bound functions or why
 * it could not: a missing library is a clear message naming the Debian package, never an
 * {@link UnsatisfiedLinkError} in the middle of a session.
 *
 * @param <T> the library's bound functions
 */
final class LibraryLoader<T> {

    @FunctionalInterface
    interface Binder<T> {
        T bind(SymbolLookup library) throws Throwable;
    }

    private final String soname;
    private final String debianPackage;
    private final Binder<T> binder;
    private T loaded;
    private Throwable cause;

    LibraryLoader(String soname, String debianPackage, Binder<T> binder) {
        this.soname = soname;
        this.debianPackage = debianPackage;
        this.binder = binder;
    }

    /** The bound library, or an exception that says why it cannot be and what to install. */
    synchronized T load() {
        if (loaded == null && cause == null) {
            try {
                loaded = binder.bind(SymbolLookup.libraryLookup(soname, Arena.global()));
            } catch (Throwable failure) {
                cause = failure;
            }
        }
        if (loaded == null) {
            throw new IllegalStateException(soname + " is not available: " + cause.getMessage()
                    + " (install it with: apt-get install " + debianPackage + ")", cause);
        }
        return loaded;
    }

    /** Why the library cannot be used here, or null when it can (loads it on first call). */
    Throwable unavailabilityCause() {
        try {
            load();
            return null;
        } catch (IllegalStateException e) {
            return e;
        }
    }

    static MemorySegment find(SymbolLookup library, String name) {
        return library.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
    }
}
