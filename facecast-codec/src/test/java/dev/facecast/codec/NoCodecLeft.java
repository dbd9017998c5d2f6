package dev.facecast.codec;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails a test that leaves a codec open: {@link NativeCodec#liveCount()} is back where it was. */
final class NoCodecLeft implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoCodecLeft.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("live", NativeCodec.liveCount());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long before = context.getStore(NAMESPACE).get("live", Long.class);
        assertThat(NativeCodec.liveCount()).as("codecs left open").isEqualTo(before);
    }
}
