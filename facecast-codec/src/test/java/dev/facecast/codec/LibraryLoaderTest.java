package dev.facecast.codec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class LibraryLoaderTest {

    @Test
    void shouldNameThePackageToInstallWhenTheLibraryIsMissing() {
        LibraryLoader<String> loader = new LibraryLoader<>("libfacecast-missing.so.9", "libfacecast-missing9", library -> "bound");

        assertThat(loader.unavailabilityCause())
                .hasMessageContaining("libfacecast-missing.so.9 is not available")
                .hasMessageContaining("apt-get install libfacecast-missing9");
        assertThatThrownBy(loader::load).hasMessageContaining("apt-get install libfacecast-missing9");
    }

    @Test
    void shouldBindOnceAndReportAFailedBindingAsUnavailable() {
        int[] binds = {0};
        LibraryLoader<String> libc = new LibraryLoader<>("libc.so.6", "libc6", library -> "bound " + ++binds[0]);
        LibraryLoader<String> broken = new LibraryLoader<>("libc.so.6", "libc6",
                library -> LibraryLoader.find(library, "no_such_symbol").toString());

        assertThat(libc.load()).isEqualTo("bound 1");
        assertThat(libc.load()).isEqualTo("bound 1");
        assertThat(broken.unavailabilityCause()).hasMessageContaining("symbol no_such_symbol not found");
    }
}
