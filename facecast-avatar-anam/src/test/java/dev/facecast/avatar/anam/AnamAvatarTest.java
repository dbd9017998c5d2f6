package dev.facecast.avatar.anam;

import dev.facecast.avatar.Avatar;
import dev.facecast.avatar.AvatarConformance;
import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.webrtc.ReceiverRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** The avatar conformance suite against the fake Anam: REST, signalling and a real WebRTC round trip per face. */
@Tag("native")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnamAvatarTest extends AvatarConformance {

    // Static: the suite makes its avatar while the test instance is built, before instance fields exist.
    private static final FakeVendorServer VENDORS = FakeVendorServer.start(0);
    private static final ReceiverRuntime RECEIVERS = new ReceiverRuntime();

    @Override
    protected Avatar create() {
        return new AnamAvatar(AnamSettings.of(URI.create(VENDORS.anamBaseUrl()), "test-key"), RECEIVERS);
    }

    @AfterAll
    static void stop() {
        VENDORS.close();
        RECEIVERS.close();
    }
}
